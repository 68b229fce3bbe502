import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSampleAdequate, sampleSize } from '../../domain/sample-size';

describe('Krejcie & Morgan sample size (SPEC §3)', () => {
  it.each([
    [100, 80],
    [1000, 278],
    [10000, 370],
    [1, 1],
    [10, 10],
    [50, 45], // 44.34…: the printed K&M table rounds to 44, SPEC §3 takes the ceiling
    [1_000_000, 384],
  ])('population %d needs %d responses', (population, expected) => {
    expect(sampleSize(population)).toBe(expected);
  });

  it('is 0 for an empty population and rejects negative or fractional populations', () => {
    expect(sampleSize(0)).toBe(0);
    expect(() => sampleSize(-1)).toThrow(RangeError);
    expect(() => sampleSize(10.5)).toThrow(RangeError);
  });

  it('property: equals the ceiling of the published real-number formula wherever that is not near an integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (population) => {
        const real = (3.841 * population * 0.25) / (0.0025 * (population - 1) + 3.841 * 0.25);
        if (Math.abs(real - Math.round(real)) > 1e-9) expect(sampleSize(population)).toBe(Math.ceil(real));
        expect(sampleSize(population)).toBeLessThanOrEqual(population);
      }),
    );
  });

  it('isSampleAdequate compares responses with the required sample', () => {
    expect(isSampleAdequate(80, 100)).toBe(true);
    expect(isSampleAdequate(79, 100)).toBe(false);
  });
});
