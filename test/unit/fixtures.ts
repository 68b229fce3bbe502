/** @module Shared test data: the SPEC §3 test vector and helpers to build raw answer rows. */

/** Element totals of the SPEC §3 test vector (29 responses). */
export const SPEC_VECTOR_SUMS = [105, 101, 100, 116, 102, 105, 106, 105, 115] as const;
export const SPEC_VECTOR_N = 29;

/**
 * Raw rows realising given element sums: on element e the first (sum − 3n) respondents answer 4, the rest 3.
 * Valid whenever 3n ≤ sum ≤ 4n, which holds for the SPEC vector.
 */
export function rowsWithSums(sums: readonly number[], n: number): number[][] {
  return Array.from({ length: n }, (_, i) => sums.map((sum) => (i < sum - 3 * n ? 4 : 3)));
}

/** n identical rows. */
export function repeatRow(row: readonly number[], n: number): number[][] {
  return Array.from({ length: n }, () => [...row]);
}
