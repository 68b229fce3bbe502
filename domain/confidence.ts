/** @module 95% confidence interval of the IKM from rollups only (SPEC §3; method in docs/method.md). */

import type { Aggregate } from './aggregate';
import { ELEMENT_COUNT, grandTotal } from './aggregate';
import { IKM_MAX, IKM_MIN, IKM_SCALE } from './ikm';

/** 97.5% quantiles of Student's t for df = 1..30 (two-sided 95%), to 6 decimals (checked against SciPy). */
const T_975: readonly number[] = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139, 2.200985,
  2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658,
  2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272,
];

/** 97.5% quantile of the standard normal distribution. */
export const Z_975 = 1.959963984540054;

/**
 * Two-sided 95% critical value of Student's t with `df` degrees of freedom (the 97.5% quantile).
 * df 1..30: exact table. df > 30: Cornish–Fisher expansion of t around the normal quantile to order 1/df⁴, whose
 * error is below 1e-6 for df > 30 (tested). Non-integer df is rounded down (conservative: wider interval).
 * @throws RangeError when df < 1.
 */
export function tCritical95(df: number): number {
  if (!(df >= 1)) throw new RangeError(`tCritical95: df must be ≥ 1, got ${df}`);
  if (df === Number.POSITIVE_INFINITY) return Z_975;
  const v = Math.floor(df);
  const tabled = T_975[v - 1];
  if (tabled !== undefined) return tabled;
  const z = Z_975;
  const z2 = z * z;
  // Abramowitz & Stegun 26.7.5
  const g1 = ((z2 + 1) * z) / 4;
  const g2 = (((5 * z2 + 16) * z2 + 3) * z) / 96;
  const g3 = ((((3 * z2 + 19) * z2 + 17) * z2 - 15) * z) / 384;
  const g4 = (((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z) / 92160;
  return z + g1 / v + g2 / v ** 2 + g3 / v ** 3 + g4 / v ** 4;
}

/**
 * Exact sample variance of respondents' totals T (sum of their nine scores), from the rollup:
 * s² = (Σ T² − (ΣT)²/n) / (n − 1) = (n·ΣT² − (ΣT)²) / (n(n − 1)).
 * The numerator is formed in integers (BigInt) so there is no cancellation error, and it is clamped at 0 to tolerate
 * inconsistent input. Null when n < 2.
 */
export function totalsVariance(agg: Aggregate): number | null {
  if (agg.n < 2) return null;
  const n = BigInt(agg.n);
  const total = BigInt(Math.round(grandTotal(agg)));
  const numerator = n * BigInt(Math.round(agg.sumSquaredTotals)) - total * total;
  if (numerator <= 0n) return 0;
  return Number(numerator) / (agg.n * (agg.n - 1));
}

/** An interval on the IKM scale; unrounded. */
export interface IkmInterval {
  low: number;
  high: number;
}

/**
 * 95% Student-t confidence interval of the IKM, unrounded. IKM = 25/9 · mean(T), so the interval for mean(T) with
 * df = n − 1 is scaled by 25/9 and clipped to [25, 100]. Null when n = 0; the full range [25, 100] when n = 1 (no
 * variance can be estimated). When every respondent gave the same total the variance is 0 and the interval collapses
 * to the point estimate — documented in docs/method.md as a known limit of the t interval.
 */
export function ikmConfidenceInterval(agg: Aggregate): IkmInterval | null {
  if (agg.n <= 0) return null;
  const variance = totalsVariance(agg);
  if (variance === null) return { low: IKM_MIN, high: IKM_MAX };
  const factor = IKM_SCALE / ELEMENT_COUNT;
  const meanTotal = grandTotal(agg) / agg.n;
  const halfWidth = tCritical95(agg.n - 1) * Math.sqrt(variance / agg.n);
  return {
    low: Math.max(IKM_MIN, factor * (meanTotal - halfWidth)),
    high: Math.min(IKM_MAX, factor * (meanTotal + halfWidth)),
  };
}
