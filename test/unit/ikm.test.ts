import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateOf, emptyAggregate, mergeAggregates } from '../../domain/aggregate';
import { GRADE_LABELS, gradeLabel, gradeOf, ikmOf, nrrOf, roundedIkm, roundedNrr } from '../../domain/ikm';
import { roundHalfAwayFromZero } from '../../domain/rounding';
import { repeatRow, rowsWithSums, SPEC_VECTOR_N, SPEC_VECTOR_SUMS } from './fixtures';

const specVector = aggregateOf(rowsWithSums(SPEC_VECTOR_SUMS, SPEC_VECTOR_N));
const rowArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 });

describe('aggregates (SPEC §3 rollups)', () => {
  it('aggregateOf realises the SPEC §3 test vector sums', () => {
    expect(specVector.n).toBe(29);
    expect(specVector.sums).toEqual([...SPEC_VECTOR_SUMS]);
    expect(specVector.counts[3]).toEqual([0, 0, 0, 29]);
  });

  it('aggregateOf rejects rows of the wrong length and scores outside 1..4', () => {
    expect(() => aggregateOf([[1, 2, 3]])).toThrow(RangeError);
    expect(() => aggregateOf([[1, 2, 3, 4, 5, 1, 1, 1, 1]])).toThrow(RangeError);
    expect(() => aggregateOf([[0, 2, 3, 4, 1, 1, 1, 1, 1]])).toThrow(RangeError);
    expect(() => aggregateOf([[1.5, 2, 3, 4, 1, 1, 1, 1, 1]])).toThrow(RangeError);
  });

  it('aggregateOf computes Σ(total²) and per-score counts', () => {
    const agg = aggregateOf([
      [1, 1, 1, 1, 1, 1, 1, 1, 1],
      [4, 4, 4, 4, 4, 4, 4, 4, 3],
    ]);
    expect(agg.sumSquaredTotals).toBe(9 * 9 + 35 * 35);
    expect(agg.counts[0]).toEqual([1, 0, 0, 1]);
    expect(agg.counts[8]).toEqual([1, 0, 1, 0]);
  });

  it('emptyAggregate is the identity of mergeAggregates', () => {
    expect(mergeAggregates(emptyAggregate(), specVector)).toEqual(specVector);
    expect(mergeAggregates(specVector, emptyAggregate())).toEqual(specVector);
    expect(aggregateOf([])).toEqual(emptyAggregate());
  });

  it('property: merging rollups of two groups equals the rollup of their union', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.array(rowArb, { maxLength: 30 }), (a, b) => {
        expect(mergeAggregates(aggregateOf(a), aggregateOf(b))).toEqual(aggregateOf([...a, ...b]));
      }),
    );
  });
});

describe('NRR and IKM (SPEC §3)', () => {
  it('IKM of SPEC §3 test vector is 91.48, grade A', () => {
    expect(roundedIkm(specVector)).toBe(91.48);
    expect(gradeOf(ikmOf(specVector) ?? 0)).toBe('A');
  });

  it('IKM uses weight exactly 1/9: the legacy 0.111 weighting would give 91.38 on the SPEC §3 vector', () => {
    const nrrs = SPEC_VECTOR_SUMS.map((_, e) => nrrOf(specVector, e) ?? 0);
    const legacy = nrrs.reduce((acc, nrr) => acc + nrr * 0.111, 0) * 25;
    expect(roundHalfAwayFromZero(legacy, 2)).toBe(91.38);
    const exact = (nrrs.reduce((acc, nrr) => acc + nrr, 0) / 9) * 25;
    expect(roundHalfAwayFromZero(exact, 2)).toBe(91.48);
    expect(ikmOf(specVector)).toBeCloseTo(23875 / 261, 12);
  });

  it('NRR is sum ÷ responses, rounded to 3 dp only for output (SPEC §3)', () => {
    expect(nrrOf(specVector, 0)).toBeCloseTo(105 / 29, 14);
    expect(roundedNrr(specVector, 0)).toBe(3.621);
    expect(roundedNrr(specVector, 3)).toBe(4);
    expect(roundedNrr(specVector, 8)).toBe(3.966); // 115/29 = 3.96551…
  });

  it('NRR rounds an exact 3-dp tie away from zero (2.0005 → 2.001)', () => {
    // element U1 sum 4001 over 2000 responses = 2.0005 exactly
    const agg = { ...emptyAggregate(), n: 2000, sums: [4001, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000] };
    expect(roundedNrr(agg, 0)).toBe(2.001);
  });

  it('IKM and NRR are null without responses', () => {
    expect(ikmOf(emptyAggregate())).toBeNull();
    expect(roundedIkm(emptyAggregate())).toBeNull();
    expect(nrrOf(emptyAggregate(), 0)).toBeNull();
    expect(roundedNrr(emptyAggregate(), 0)).toBeNull();
  });

  it('IKM spans 25 (all 1s) to 100 (all 4s)', () => {
    expect(roundedIkm(aggregateOf(repeatRow([1, 1, 1, 1, 1, 1, 1, 1, 1], 3)))).toBe(25);
    expect(roundedIkm(aggregateOf(repeatRow([4, 4, 4, 4, 4, 4, 4, 4, 4], 3)))).toBe(100);
  });

  it('property: rounded IKM equals the rounded mean of the nine unrounded NRRs × 25', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 60 }), (rows) => {
        const agg = aggregateOf(rows);
        const nrrs = agg.sums.map((_, e) => nrrOf(agg, e) ?? 0);
        const ikm = (nrrs.reduce((a, b) => a + b, 0) / 9) * 25;
        expect(roundedIkm(agg)).toBe(roundHalfAwayFromZero(ikm, 2));
        expect(ikm).toBeGreaterThanOrEqual(25);
        expect(ikm).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('grade (SPEC §3 conversion table)', () => {
  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.6, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ] as const)('IKM %d is grade %s', (ikm, grade) => {
    expect(gradeOf(ikm)).toBe(grade);
  });

  it('grades the IKM rounded to 2 dp: 88.305 → 88.31 is A, 88.3049 is B', () => {
    expect(gradeOf(88.305)).toBe('A');
    expect(gradeOf(88.3049)).toBe('B');
    expect(gradeOf(76.605)).toBe('B');
    expect(gradeOf(64.995)).toBe('C');
    expect(gradeOf(64.9949)).toBe('D');
  });

  it('labels grades in Bahasa Indonesia by default and in English on request', () => {
    expect(gradeLabel('A')).toBe('Sangat Baik');
    expect(gradeLabel('B', 'id')).toBe('Baik');
    expect(gradeLabel('C', 'en')).toBe('Poor');
    expect(GRADE_LABELS.D).toEqual({ id: 'Tidak Baik', en: 'Very poor' });
  });
});
