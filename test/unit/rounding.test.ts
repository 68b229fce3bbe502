import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfAwayFromZero, roundRatio } from '../../domain/rounding';

describe('roundHalfAwayFromZero (SPEC §3 output rounding)', () => {
  it('rounds 1.005 up to 1.01 although its double is 1.00499999…', () => {
    expect(1.005 * 100).toBeLessThan(100.5); // the trap: naive Math.round(x * 100) / 100 gives 1
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
  });

  it('rounds 91.475 to 91.48 and 2.0005 (3 dp) to 2.001', () => {
    expect(roundHalfAwayFromZero(91.475, 2)).toBe(91.48);
    expect(roundHalfAwayFromZero(2.0005, 3)).toBe(2.001);
    expect(roundHalfAwayFromZero(8.345, 2)).toBe(8.35);
    expect(roundHalfAwayFromZero(1.45, 1)).toBe(1.5);
  });

  it('rounds negative ties away from zero', () => {
    expect(roundHalfAwayFromZero(-1.005, 2)).toBe(-1.01);
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
    expect(roundHalfAwayFromZero(-91.475, 2)).toBe(-91.48);
    expect(roundHalfAwayFromZero(-2.0005, 3)).toBe(-2.001);
  });

  it('rounds non-ties to nearest and leaves short values unchanged', () => {
    expect(roundHalfAwayFromZero(1.0049, 2)).toBe(1);
    expect(roundHalfAwayFromZero(91.4749, 2)).toBe(91.47);
    expect(roundHalfAwayFromZero(0.5, 0)).toBe(1);
    expect(roundHalfAwayFromZero(0.49, 0)).toBe(0);
    expect(roundHalfAwayFromZero(88.3, 2)).toBe(88.3);
    expect(roundHalfAwayFromZero(100, 2)).toBe(100);
    expect(roundHalfAwayFromZero(0, 2)).toBe(0);
  });

  it('handles exponent notation, never returns −0 and passes non-finite values through', () => {
    expect(roundHalfAwayFromZero(1e-7, 2)).toBe(0);
    expect(Object.is(roundHalfAwayFromZero(-1e-7, 2), 0)).toBe(true);
    expect(roundHalfAwayFromZero(1.5e21, 2)).toBe(1.5e21);
    expect(roundHalfAwayFromZero(5e-7, 6)).toBe(0.000001);
    expect(roundHalfAwayFromZero(Number.NaN, 2)).toBeNaN();
    expect(roundHalfAwayFromZero(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects a bad number of decimals', () => {
    expect(() => roundHalfAwayFromZero(1, -1)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1, 1.5)).toThrow(RangeError);
  });

  it('property: every decimal tie k.5 × 10^−d rounds away from zero, whatever its double', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        (k, d, neg) => {
          const sign = neg ? '-' : '';
          const tie = Number(`${sign}${k}5e-${d + 1}`);
          expect(roundHalfAwayFromZero(tie, d)).toBe(Number(`${sign}${k + 1}e-${d}`) || 0);
        },
      ),
    );
  });

  it('property: rounding is idempotent and within half a unit', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        const r = roundHalfAwayFromZero(x, d);
        expect(roundHalfAwayFromZero(r, d)).toBe(r);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5 * 10 ** -d * (1 + 1e-9) + Math.abs(x) * 1e-15);
      }),
    );
  });
});

describe('roundRatio (exact rounding of integer ratios, SPEC §3)', () => {
  it('rounds exact ties away from zero', () => {
    expect(roundRatio(201, 200, 2)).toBe(1.01); // 1.005
    expect(roundRatio(-201, 200, 2)).toBe(-1.01);
    expect(roundRatio(201, -200, 2)).toBe(-1.01);
    expect(roundRatio(4001, 2000, 3)).toBe(2.001); // 2.0005
    expect(roundRatio(23875, 261, 2)).toBe(91.48); // 91.4750957…
    expect(roundRatio(2, 3, 3)).toBe(0.667);
    expect(roundRatio(0, 7, 2)).toBe(0);
  });

  it('accepts BigInt and rejects a zero denominator or unsafe integers', () => {
    expect(roundRatio(10n ** 20n + 5n, 10n, 0)).toBe(1e19);
    expect(() => roundRatio(1, 0, 2)).toThrow(RangeError);
    expect(() => roundRatio(0.5, 1, 2)).toThrow(RangeError);
  });

  it('property: agrees with roundHalfAwayFromZero on a / b for moderate integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        (a, b, d) => {
          expect(roundRatio(a, b, d)).toBe(roundHalfAwayFromZero(a / b, d));
        },
      ),
    );
  });
});
