import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateOf, emptyAggregate } from '../../domain/aggregate';
import { ikmConfidenceInterval, tCritical95, totalsVariance, Z_975 } from '../../domain/confidence';
import { ikmOf } from '../../domain/ikm';
import { repeatRow, rowsWithSums, SPEC_VECTOR_N, SPEC_VECTOR_SUMS } from './fixtures';

const rowArb = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 });

/** Textbook two-pass computation from raw rows, to check the rollup formula against. */
function rawInterval(rows: number[][]): { low: number; high: number } {
  const totals = rows.map((r) => r.reduce((a, b) => a + b, 0));
  const n = totals.length;
  const mean = totals.reduce((a, b) => a + b, 0) / n;
  const variance = totals.reduce((acc, t) => acc + (t - mean) ** 2, 0) / (n - 1);
  const half = tCritical95(n - 1) * Math.sqrt(variance / n);
  return { low: Math.max(25, ((mean - half) * 25) / 9), high: Math.min(100, ((mean + half) * 25) / 9) };
}

describe('Student t critical values (SPEC §3 confidence interval)', () => {
  it.each([
    [1, 12.706],
    [10, 2.228],
    [29, 2.045],
    [30, 2.042],
    [100, 1.984],
    [1_000_000, 1.96],
  ])('t(0.975, df=%d) ≈ %d', (df, expected) => {
    expect(tCritical95(df)).toBeCloseTo(expected, 3);
  });

  it('approximation beyond the table is within 1e-6 of SciPy reference values', () => {
    const reference: [number, number][] = [
      [31, 2.039513446],
      [35, 2.030107928],
      [40, 2.02107539],
      [50, 2.008559112],
      [60, 2.000297822],
      [100, 1.983971519],
      [1000, 1.962339081],
    ];
    for (const [df, t] of reference) expect(Math.abs(tCritical95(df) - t)).toBeLessThan(1e-6);
  });

  it('tends to the normal quantile and decreases with df', () => {
    expect(tCritical95(Number.POSITIVE_INFINITY)).toBe(Z_975);
    expect(Math.abs(tCritical95(1e9) - Z_975)).toBeLessThan(1e-8);
    for (let df = 1; df < 500; df++) expect(tCritical95(df + 1)).toBeLessThan(tCritical95(df));
  });

  it('rejects df < 1', () => {
    expect(() => tCritical95(0)).toThrow(RangeError);
    expect(() => tCritical95(Number.NaN)).toThrow(RangeError);
  });
});

describe('IKM confidence interval from rollups (SPEC §3)', () => {
  it('is null without responses and the full range [25, 100] for one response', () => {
    expect(ikmConfidenceInterval(emptyAggregate())).toBeNull();
    expect(ikmConfidenceInterval(aggregateOf([[3, 3, 3, 3, 3, 3, 3, 3, 3]]))).toEqual({ low: 25, high: 100 });
  });

  it('collapses to the point estimate when every respondent gives the same total (documented limit)', () => {
    const agg = aggregateOf(repeatRow([3, 4, 3, 3, 3, 3, 3, 3, 3], 12));
    expect(totalsVariance(agg)).toBe(0);
    const ci = ikmConfidenceInterval(agg);
    expect(ci?.low).toBe(ikmOf(agg));
    expect(ci?.high).toBe(ikmOf(agg));
  });

  it('is clipped to [25, 100] when the t interval is wider than the scale', () => {
    const agg = aggregateOf([
      [1, 1, 1, 1, 1, 1, 1, 1, 1],
      [4, 4, 4, 4, 4, 4, 4, 4, 4],
    ]);
    expect(ikmConfidenceInterval(agg)).toEqual({ low: 25, high: 100 });
  });

  it('matches a hand computation: totals 27 and 36 twice each', () => {
    // mean 31.5, s² = 27, se = √(27/4) = 2.598…, t(3) = 3.182446
    const agg = aggregateOf([
      [3, 3, 3, 3, 3, 3, 3, 3, 3],
      [4, 4, 4, 4, 4, 4, 4, 4, 4],
      [3, 3, 3, 3, 3, 3, 3, 3, 3],
      [4, 4, 4, 4, 4, 4, 4, 4, 4],
    ]);
    expect(totalsVariance(agg)).toBe(27);
    const half = 3.182446 * Math.sqrt(27 / 4);
    const ci = ikmConfidenceInterval(agg);
    expect(ci?.low).toBeCloseTo(((31.5 - half) * 25) / 9, 10);
    expect(ci?.high).toBeCloseTo(Math.min(100, ((31.5 + half) * 25) / 9), 10);
  });

  it('the SPEC §3 vector gives an interval around 91.48 inside the scale', () => {
    const ci = ikmConfidenceInterval(aggregateOf(rowsWithSums(SPEC_VECTOR_SUMS, SPEC_VECTOR_N)));
    expect(ci?.low).toBeLessThan(91.475);
    expect(ci?.high).toBeGreaterThan(91.476);
    expect(ci?.high).toBeLessThanOrEqual(100);
  });

  it('property: the rollup interval equals the two-pass interval from raw rows and contains the IKM', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 2, maxLength: 80 }), (rows) => {
        const agg = aggregateOf(rows);
        const ci = ikmConfidenceInterval(agg);
        const raw = rawInterval(rows);
        expect(ci?.low).toBeCloseTo(raw.low, 9);
        expect(ci?.high).toBeCloseTo(raw.high, 9);
        const ikm = ikmOf(agg) ?? Number.NaN;
        expect(ci?.low).toBeLessThanOrEqual(ikm + 1e-9);
        expect(ci?.high).toBeGreaterThanOrEqual(ikm - 1e-9);
        expect(ci?.low).toBeGreaterThanOrEqual(25);
        expect(ci?.high).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('variance from rollups stays exact for large n where naive Σx² − n·x̄² cancels', () => {
    // 1,000,001 respondents: one with total 10, the rest 36. Exact s² = (26² · 10⁶/(10⁶+1)) / 10⁶
    const n = 1_000_001;
    const agg = {
      ...emptyAggregate(),
      n,
      sums: [36 * n - 26, 0, 0, 0, 0, 0, 0, 0, 0],
      sumSquaredTotals: 36 * 36 * (n - 1) + 100,
    };
    expect(totalsVariance(agg)).toBeCloseTo(676 / n, 15);
  });
});
