/** @module Rollup of survey answers (SPEC §3): the only form in which responses are counted, merged and summarised. */

import { ELEMENT_CODES, SCORES } from './survey';

/** Number of elements (unsur) per response. */
export const ELEMENT_COUNT = ELEMENT_CODES.length;

/**
 * Sufficient statistics of a group of responses. Everything published (IKM, NRR, distribution, confidence interval,
 * ranking) is computed from these, so raw rows never need to be re-read, and rollups of disjoint groups add up.
 */
export interface Aggregate {
  /** Number of responses. */
  n: number;
  /** Nine element sums, U1..U9. */
  sums: readonly number[];
  /** Σ over respondents of (respondent's total of its nine scores)². Gives the exact variance of the totals. */
  sumSquaredTotals: number;
  /** 9 × 4: counts[e][s − 1] = how many answered score s on element e. */
  counts: readonly (readonly number[])[];
}

/** The aggregate of no responses. */
export function emptyAggregate(): Aggregate {
  return {
    n: 0,
    sums: ELEMENT_CODES.map(() => 0),
    sumSquaredTotals: 0,
    counts: ELEMENT_CODES.map(() => SCORES.map(() => 0)),
  };
}

/** The aggregate of the union of two disjoint groups (every field is additive). */
export function mergeAggregates(a: Aggregate, b: Aggregate): Aggregate {
  return {
    n: a.n + b.n,
    sums: ELEMENT_CODES.map((_, e) => (a.sums[e] ?? 0) + (b.sums[e] ?? 0)),
    sumSquaredTotals: a.sumSquaredTotals + b.sumSquaredTotals,
    counts: ELEMENT_CODES.map((_, e) => SCORES.map((_, s) => (a.counts[e]?.[s] ?? 0) + (b.counts[e]?.[s] ?? 0))),
  };
}

/**
 * Builds an aggregate from raw rows, each the nine scores U1..U9 (integers 1..4).
 * @throws RangeError on a row of the wrong length or with a score outside 1..4 — bad data must not be averaged in.
 */
export function aggregateOf(answers: readonly (readonly number[])[]): Aggregate {
  const sums = ELEMENT_CODES.map(() => 0);
  const counts = ELEMENT_CODES.map(() => SCORES.map(() => 0));
  let sumSquaredTotals = 0;
  answers.forEach((row, i) => {
    if (row.length !== ELEMENT_COUNT) throw new RangeError(`row ${i}: expected ${ELEMENT_COUNT} scores`);
    let total = 0;
    row.forEach((score, e) => {
      if (!Number.isInteger(score) || score < 1 || score > 4) throw new RangeError(`row ${i}: bad score ${score}`);
      total += score;
      sums[e] = (sums[e] ?? 0) + score;
      const perScore = counts[e];
      if (perScore) perScore[score - 1] = (perScore[score - 1] ?? 0) + 1;
    });
    sumSquaredTotals += total * total;
  });
  return { n: answers.length, sums, sumSquaredTotals, counts };
}

/** Σ of all nine element sums = Σ over respondents of their totals (an integer). */
export function grandTotal(agg: Aggregate): number {
  return agg.sums.reduce((acc, s) => acc + s, 0);
}
