/** @module Fair ranking of units: empirical-Bayes shrinkage of their IKM toward the region (docs/method.md). */

import type { Aggregate } from './aggregate';
import { ELEMENT_COUNT, grandTotal } from './aggregate';
import { totalsVariance } from './confidence';
import { IKM_SCALE } from './ikm';
import { MIN_PUBLIC_RESPONSES } from './summary';

/** Prior weight, in pseudo-responses, used when the between-unit variance is not estimable or not positive. */
export const FALLBACK_SHRINKAGE = 10;

/** Estimated shrinkage: a unit's IKM is pulled toward `regionIkm` with the weight of `k` responses. */
export interface ShrinkageModel {
  /** Pooled IKM of all responses of the region; null when there are none. */
  regionIkm: number | null;
  /** Pooled within-unit variance of a single respondent's IKM (25/9 · total); null when not estimable. */
  withinVariance: number | null;
  /** Method-of-moments estimate of the variance of the units' true IKMs (may be ≤ 0); null when not estimable. */
  betweenVariance: number | null;
  /** Prior weight k = within / between, or {@link FALLBACK_SHRINKAGE}. */
  k: number;
}

/** One ranked unit. */
export interface RankedUnit<T> {
  item: T;
  /** (n·IKM_unit + k·IKM_region) / (n + k), unrounded; null for a unit below `minResponses` (default: suppressed). */
  shrunkIkm: number | null;
  /** 1 = best. Ranks are distinct (1..units.length): ties keep the input order. */
  rank: number;
}

/** Squared scale factor from a respondent's total T (9..36) to its IKM (25..100). */
const RESPONDENT_FACTOR_SQUARED = (IKM_SCALE / ELEMENT_COUNT) ** 2;

/**
 * Estimates the shrinkage from the units' aggregates (one-way random-effects ANOVA, method of moments):
 * within = Σ(n_u − 1)·s²_u / Σ(n_u − 1), exact from sumSquaredTotals;
 * between = (MSB − within) / n₀ with MSB = Σ n_u (IKM_u − IKM_region)² / (m − 1), n₀ = (N − Σn_u²/N) / (m − 1),
 * over the m units with responses. k = within / between, falling back to {@link FALLBACK_SHRINKAGE} when m < 2,
 * the within variance is unknown, or between ≤ 0 (the data show no real difference between units).
 */
export function shrinkageModel(aggregates: readonly Aggregate[]): ShrinkageModel {
  const rated = aggregates.filter((a) => a.n > 0);
  const totalN = rated.reduce((acc, a) => acc + a.n, 0);
  if (totalN === 0) return { regionIkm: null, withinVariance: null, betweenVariance: null, k: FALLBACK_SHRINKAGE };
  const regionIkm = (IKM_SCALE * rated.reduce((acc, a) => acc + grandTotal(a), 0)) / (ELEMENT_COUNT * totalN);

  let withinSum = 0;
  let withinDf = 0;
  for (const a of rated) {
    const variance = totalsVariance(a);
    if (variance === null) continue;
    withinSum += (a.n - 1) * variance * RESPONDENT_FACTOR_SQUARED;
    withinDf += a.n - 1;
  }
  const withinVariance = withinDf > 0 ? withinSum / withinDf : null;

  const m = rated.length;
  let betweenVariance: number | null = null;
  if (m >= 2 && withinVariance !== null) {
    const ssb = rated.reduce((acc, a) => acc + a.n * (unitIkm(a) - regionIkm) ** 2, 0);
    const n0 = (totalN - rated.reduce((acc, a) => acc + a.n * a.n, 0) / totalN) / (m - 1);
    betweenVariance = (ssb / (m - 1) - withinVariance) / n0;
  }
  const k =
    withinVariance !== null && betweenVariance !== null && betweenVariance > 0
      ? withinVariance / betweenVariance
      : FALLBACK_SHRINKAGE;
  return { regionIkm, withinVariance, betweenVariance, k };
}

/** Options of {@link rankUnits}. */
export interface RankOptions<T = unknown> {
  /**
   * Units with fewer responses get no score and are ranked last, after all scored units, in input order.
   * Default {@link MIN_PUBLIC_RESPONSES}: a suppressed unit's position would reveal its hidden IKM (SPEC §4).
   * Pass 1 for an internal ranking of every unit with data; units with n = 0 are always last.
   */
  minResponses?: number;
  /**
   * False for a unit whose public figure is withheld although large enough (complementary suppression, SPEC §4): it
   * is ranked last, unscored, like a small one, as its position would reveal where its hidden IKM lies.
   */
  eligible?: (unit: T) => boolean;
}

/**
 * Ranks units best first by their shrunk IKM (n·IKM_u + k·IKM_region) / (n + k), so a handful of enthusiastic
 * responses cannot outrank a large, consistently good unit. The ranked units (at least `minResponses`, and
 * `eligible`) inform the region IKM and k, so an unranked unit's answers cannot move the others' order. Units not
 * ranked come last, unscored. The order is total and stable: equal scores keep the input order.
 */
export function rankUnits<T>(
  units: readonly T[],
  get: (unit: T) => Aggregate,
  options: RankOptions<T> = {},
): RankedUnit<T>[] {
  const minResponses = Math.max(1, options.minResponses ?? MIN_PUBLIC_RESPONSES);
  const aggregates = units.map(get);
  const ranked = units.map(
    (item, index) => (aggregates[index]?.n ?? 0) >= minResponses && (options.eligible?.(item) ?? true),
  );
  // Only ranked units inform the model: a withheld unit's answers would otherwise move the order of the others.
  const model = shrinkageModel(aggregates.filter((_, index) => ranked[index]));
  const scored = units.map((item, index) => {
    const agg = aggregates[index];
    const shrunkIkm =
      agg && ranked[index] && model.regionIkm !== null
        ? (agg.n * unitIkm(agg) + model.k * model.regionIkm) / (agg.n + model.k)
        : null;
    return { item, shrunkIkm, index };
  });
  scored.sort((a, b) => {
    if (a.shrunkIkm === null || b.shrunkIkm === null) {
      if (a.shrunkIkm !== b.shrunkIkm) return a.shrunkIkm === null ? 1 : -1;
    } else if (a.shrunkIkm !== b.shrunkIkm) {
      return b.shrunkIkm - a.shrunkIkm;
    }
    return a.index - b.index;
  });
  return scored.map(({ item, shrunkIkm }, i) => ({ item, shrunkIkm, rank: i + 1 }));
}

function unitIkm(agg: Aggregate): number {
  return (IKM_SCALE * grandTotal(agg)) / (ELEMENT_COUNT * agg.n);
}
