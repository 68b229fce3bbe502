import { describe, expect, it } from 'vitest';
import { aggregateOf, emptyAggregate } from '../../domain/aggregate';
import {
  isSuppressed,
  MIN_PUBLIC_RESPONSES,
  publicSummary,
  summarize,
  withheldMonthsReason,
  withheldReason,
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

describe("publicSummary with the disclosure plan's decision (SPEC §4 complementary suppression)", () => {
  it('withholds every figure of a large group when the plan withholds it, keeping the count', () => {
    expect(publicSummary(specVector, 'id', true)).toMatchObject({ responses: 29, suppressed: true, ikm: null });
  });

  it('publishes a large group the plan publishes, and never a small one whatever the plan says', () => {
    expect(publicSummary(specVector, 'id', false)).toMatchObject({ suppressed: false, ikm: 91.48 });
    const nine = aggregateOf(
      rowsWithSums(
        SPEC_VECTOR_SUMS.map(() => 30),
        9,
      ),
    );
    expect(publicSummary(nine, 'id', false)).toMatchObject({ suppressed: true });
  });
});

describe('why a figure is missing, in words (SPEC §4)', () => {
  it('says "none" without responses, "few" under 10 and "protected" for a large group withheld by the plan', () => {
    expect([0, 1, 9, 10, 72].map(withheldReason)).toEqual(['none', 'few', 'few', 'protected', 'protected']);
  });

  it('judges a trend with no figure by its largest month: 72 responses over months of 6 are "few"', () => {
    expect(withheldMonthsReason(Array(12).fill(6))).toBe('few');
    expect(withheldMonthsReason([0, 0, 12])).toBe('protected');
    expect(withheldMonthsReason([])).toBe('none');
  });
});
