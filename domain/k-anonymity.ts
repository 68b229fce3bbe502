/** @module k-anonymity of published microdata: blanking rows whose quasi-identifier combination is rare (SPEC §4). */

/**
 * Quasi-identifier fields of a microdata row, in key order: together they could single out a respondent
 * (someone who knows "the only woman aged 60+ with an S3 who visited unit X in March" could learn her answers).
 */
export const QUASI_IDENTIFIER_FIELDS = [
  'region',
  'unit',
  'month',
  'gender',
  'ageBand',
  'education',
  'occupation',
] as const;
export type QuasiIdentifierField = (typeof QUASI_IDENTIFIER_FIELDS)[number];

/** The quasi-identifier values of a row; null/undefined stand for an unanswered or already blanked field. */
export type QuasiIdentifiers = Readonly<Record<QuasiIdentifierField, string | number | null | undefined>>;

/** Minimum group size for microdata when none is configured. */
export const DEFAULT_K = 5;

/**
 * Canonical key of a row's quasi-identifiers, in {@link QUASI_IDENTIFIER_FIELDS} order. JSON encoding keeps values
 * containing separators unambiguous and distinguishes null from the string 'null'.
 */
export function quasiKeyOf(row: QuasiIdentifiers): string {
  return JSON.stringify(QUASI_IDENTIFIER_FIELDS.map((field) => row[field] ?? null));
}

/** Number of rows per quasi-identifier key. */
export function groupSizes<R>(rows: Iterable<R>, quasiKey: (row: R) => string): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = quasiKey(row);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

/** True when a row in a group of `groupSize` rows must be blanked for k-anonymity. */
export function needsBlanking(groupSize: number, k: number): boolean {
  return groupSize < k;
}

/**
 * Returns the rows with every row whose quasi-identifier group has fewer than `k` rows replaced by `blank(row)`.
 * Group sizes are computed on the ORIGINAL rows, so blanking one row never changes the verdict on another.
 *
 * Streaming use: the sizes need a full pass before any row can be written, so an exporter that streams from the
 * database gets them with a SQL GROUP BY over the same key (or {@link groupSizes} over a first pass) and then applies
 * {@link needsBlanking} row by row; this function is that composition for rows already in memory.
 */
export function kAnonymize<R>(rows: readonly R[], k: number, quasiKey: (row: R) => string, blank: (row: R) => R): R[] {
  const sizes = groupSizes(rows, quasiKey);
  return rows.map((row) => (needsBlanking(sizes.get(quasiKey(row)) ?? 0, k) ? blank(row) : row));
}
