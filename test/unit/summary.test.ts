import { describe, expect, it } from 'vitest';
import { aggregateOf, emptyAggregate } from '../../domain/aggregate';
import {
  isSuppressed,
  MIN_PUBLIC_RESPONSES,
  publicSummary,
  revealsSuppressedParts,
  summarize,
  withheldParts,
} from '../../domain/summary';
import { ELEMENT_CODES } from '../../domain/survey';
import { repeatRow, rowsWithSums, SPEC_VECTOR_N, SPEC_VECTOR_SUMS } from './fixtures';

const specVector = aggregateOf(rowsWithSums(SPEC_VECTOR_SUMS, SPEC_VECTOR_N));

describe('summarize (SPEC §3)', () => {
  it('summarises the SPEC §3 test vector: IKM 91.48, grade A, NRR 3 dp, interval 2 dp around the IKM', () => {
    const s = summarize(specVector);
    expect(s.responses).toBe(29);
    expect(s.ikm).toBe(91.48);
    expect(s.grade).toBe('A');
    expect(s.elements?.map((e) => e.code)).toEqual([...ELEMENT_CODES]);
    expect(s.elements?.[0]).toEqual({ code: 'U1', name: 'Persyaratan', nrr: 3.621 });
    expect(s.elements?.[3]?.nrr).toBe(4);
    expect(s.distribution?.[0]).toEqual({ code: 'U1', counts: [0, 0, 11, 18] });
    expect(s.ikmLow).toBeLessThan(91.48);
    expect(s.ikmHigh).toBeGreaterThan(91.48);
    for (const bound of [s.ikmLow ?? 0, s.ikmHigh ?? 0]) expect(Math.round(bound * 100) / 100).toBe(bound);
  });

  it('names elements in English on request and in Bahasa Indonesia by default', () => {
    expect(summarize(specVector, 'en').elements?.[2]?.name).toBe('Completion time');
    expect(summarize(specVector).elements?.[2]?.name).toBe('Waktu Penyelesaian');
  });

  it('returns null for every figure when there are no responses', () => {
    expect(summarize(emptyAggregate())).toEqual({
      responses: 0,
      ikm: null,
      ikmLow: null,
      ikmHigh: null,
      grade: null,
      elements: null,
      distribution: null,
    });
  });

  it('gives the full range [25, 100] as interval for a single response', () => {
    const s = summarize(aggregateOf([[4, 4, 4, 4, 4, 4, 4, 4, 4]]));
    expect(s.ikm).toBe(100);
    expect([s.ikmLow, s.ikmHigh]).toEqual([25, 100]);
  });

  it('a collapsed interval (identical answers) equals the published IKM', () => {
    const s = summarize(aggregateOf(repeatRow([3, 3, 3, 3, 3, 3, 3, 3, 4], 20)));
    expect(s.ikm).toBe(77.78);
    expect([s.ikmLow, s.ikmHigh]).toEqual([77.78, 77.78]);
  });
});

describe('suppression of small groups (SPEC §4)', () => {
  it('publishes nothing below 10 responses', () => {
    expect(MIN_PUBLIC_RESPONSES).toBe(10);
    expect(isSuppressed(0)).toBe(true);
    expect(isSuppressed(9)).toBe(true);
    expect(isSuppressed(10)).toBe(false);
  });

  it('publicSummary with 9 responses keeps only the count and flags suppression', () => {
    const p = publicSummary(
      aggregateOf(
        rowsWithSums(
          SPEC_VECTOR_SUMS.map(() => 30),
          9,
        ),
      ),
      'id',
    );
    expect(p).toEqual({
      responses: 9,
      suppressed: true,
      ikm: null,
      ikmLow: null,
      ikmHigh: null,
      grade: null,
      elements: null,
      distribution: null,
    });
  });

  it('publicSummary with no responses is suppressed with responses 0', () => {
    expect(publicSummary(emptyAggregate(), 'en')).toMatchObject({ responses: 0, suppressed: true, ikm: null });
  });

  it('publicSummary with 10 or more responses equals summarize plus suppressed: false', () => {
    expect(publicSummary(specVector, 'en')).toEqual({ ...summarize(specVector, 'en'), suppressed: false });
  });
});

describe('complementary suppression (SPEC §4: no suppressed figure by subtraction)', () => {
  it('hides a total whose suppressed parts hold 1 to 9 responses together', () => {
    // A year of 29 responses whose months are 20 (published) and 9 (suppressed): year − month = the hidden month.
    expect(revealsSuppressedParts([20, 9])).toBe(true);
    expect(publicSummary(specVector, 'id', [[20, 9]])).toMatchObject({ responses: 29, suppressed: true, ikm: null });
  });

  it('publishes a total whose suppressed parts are empty or hold at least 10 together', () => {
    expect(revealsSuppressedParts([29, 0, 0])).toBe(false);
    expect(revealsSuppressedParts([15, 7, 7])).toBe(false);
    expect(revealsSuppressedParts([])).toBe(false);
    expect(publicSummary(specVector, 'id', [[15, 7, 7], [29]])).toMatchObject({ suppressed: false, ikm: 91.48 });
  });

  it('suppresses when any one partition would reveal a part (months, or units)', () => {
    expect(
      publicSummary(specVector, 'id', [
        [15, 7, 7],
        [25, 4],
      ]),
    ).toMatchObject({ suppressed: true });
  });
});

describe('withheldParts: the services of a published unit (SPEC §4)', () => {
  it('withholds only the small parts when together they hold at least 10 responses', () => {
    expect(withheldParts([40, 6, 5])).toEqual([false, true, true]);
  });

  it('withholds the smallest published part too when subtracting would reveal a single small part', () => {
    // 50 − 40 − 12 would give the 5 responses of the third service back.
    expect(withheldParts([40, 12, 5])).toEqual([false, true, true]);
  });

  it('keeps withholding the next smallest until the withheld parts hold 10 or more', () => {
    expect(withheldParts([30, 3, 2, 2, 1])).toEqual([true, true, true, true, true]);
    expect(withheldParts([30, 11, 3, 2])).toEqual([false, true, true, true]);
  });

  it('publishes every part when none is small, and ignores empty parts as complements', () => {
    expect(withheldParts([40, 12, 10])).toEqual([false, false, false]);
    expect(withheldParts([40, 12, 0])).toEqual([false, false, true]);
    expect(withheldParts([40, 0, 5])).toEqual([true, true, true]);
  });

  it('withholds every part when the total is withheld, and the parts flagged by the caller', () => {
    expect(withheldParts([12, 20], { totalWithheld: true })).toEqual([true, true]);
    expect(withheldParts([12, 20, 30], { alsoWithheld: [false, true, false] })).toEqual([false, true, false]);
    expect(withheldParts([12, 5, 30], { alsoWithheld: [false, true, false] })).toEqual([true, true, false]);
  });

  it('never leaves a total minus its published parts between 1 and 9 (property over many splits)', () => {
    for (let seed = 1; seed < 500; seed += 1) {
      const counts = Array.from({ length: 1 + (seed % 5) }, (_, i) => (seed * (i + 7) * 31) % 23);
      const withheld = withheldParts(counts);
      const hidden = counts.reduce((sum, n, i) => sum + (withheld[i] ? n : 0), 0);
      const total = counts.reduce((sum, n) => sum + n, 0);
      expect(hidden === 0 || hidden >= MIN_PUBLIC_RESPONSES || hidden === total).toBe(true);
      counts.forEach((n, i) => {
        if (isSuppressed(n)) expect(withheld[i]).toBe(true);
      });
    }
  });
});
