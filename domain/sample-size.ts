/** @module Minimum sample size for a service's population (Krejcie & Morgan 1970, SPEC §3). */

/**
 * Krejcie & Morgan sample size S = ⌈χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P))⌉ with χ² = 3.841, P = 0.5, d = 0.05.
 * No epsilon is needed: multiplying through by 4000 the formula is the integer ratio 3841·N / (10·(N−1) + 3841),
 * so the ceiling is taken exactly with integer arithmetic (N = 100 → 80, 1000 → 278, 10000 → 370).
 * @param population N, the number of service users in the period (a non-negative integer). 0 → 0.
 * @throws RangeError when N is not a non-negative safe integer.
 */
export function sampleSize(population: number): number {
  if (!Number.isSafeInteger(population) || population < 0) {
    throw new RangeError(`sampleSize: population must be a non-negative integer, got ${population}`);
  }
  if (population === 0) return 0;
  const numerator = 3841n * BigInt(population);
  const denominator = 10n * BigInt(population - 1) + 3841n;
  return Number((numerator + denominator - 1n) / denominator);
}

/** True when `responses` reach the Krejcie & Morgan sample size for `population`. */
export function isSampleAdequate(responses: number, population: number): boolean {
  return responses >= sampleSize(population);
}

/** Days from 1 January through `localDate` ('YYYY-MM-DD', inclusive) and the days of that year. */
function elapsedDaysOfYear(localDate: string): { elapsed: number; days: number } {
  const year = Number(localDate.slice(0, 4));
  const start = Date.UTC(year, 0, 1);
  const day = Date.UTC(year, Number(localDate.slice(5, 7)) - 1, Number(localDate.slice(8, 10)));
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  return { elapsed: Math.round((day - start) / 86_400_000) + 1, days };
}

/**
 * The share of a year's Krejcie & Morgan sample due by `asOf` (a local date, inclusive): the sample for the
 * yearly `population`, prorated to the elapsed days of the year and rounded up, so that collecting it evenly
 * reaches the full sample on 31 December (on 2026-03-31, 90 of 365 days: ⌈278 × 90 / 365⌉ = 69 for N = 1000).
 */
export function proratedSampleSize(population: number, asOf: string): number {
  const { elapsed, days } = elapsedDaysOfYear(asOf);
  return Math.ceil((sampleSize(population) * elapsed) / days);
}
