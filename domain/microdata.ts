/**
 * @module
 * Disclosure plan for published microdata (SPEC §4): which rows of a unit × month cell may be published, and whose
 * profile fields must be blanked, decided from group sizes alone so an exporter can stream rows afterwards.
 */
import { currentPeriod, previousPeriod } from './periods';
import { MIN_PUBLIC_RESPONSES } from './summary';

/** Minimum group size for microdata when none is configured (SPEC §4). */
export const DEFAULT_K = 5;

/**
 * Quasi-identifiers of a microdata row, as columns of `responses.csv`: together they could single out a respondent
 * (someone who knows "the only woman aged 60+ with an S3 who visited unit X in March" could learn her answers).
 * A cell is one (region, unit, month); the last four are its profile.
 */
export const QUASI_IDENTIFIER_FIELDS = [
  'region',
  'unit',
  'month',
  'gender',
  'age_band',
  'education',
  'occupation',
] as const;

/** The profile fields of a row: null for unanswered. */
export interface Profile {
  gender: string | null;
  age_band: string | null;
  education: string | null;
  occupation: string | null;
}

/**
 * Canonical key of a profile, null when all four fields are empty. JSON keeps values containing separators
 * unambiguous and tells null from the string 'null'.
 */
export function profileKey(profile: Profile): string | null {
  const values = [profile.gender, profile.age_band, profile.education, profile.occupation];
  return values.every((v) => v === null) ? null : JSON.stringify(values);
}

/**
 * The last local date whose month has closed in `timeZone` at `now`: the end of the month before the current one.
 * Microdata are published only up to this date, so each month's block is computed once, from complete data:
 * files of different days cannot be diffed to learn which rows arrived on which day, and no profile blanked in
 * one release is shown in another (SPEC §4: never the day or time; k = 5).
 */
export function lastClosedMonthEnd(now: Date | number, timeZone: string): string {
  return previousPeriod(currentPeriod('month', now, timeZone)).end;
}

/** One quasi-identifier group of a cell: its profile key (null = every profile field empty) and its row count. */
export interface ProfileGroup {
  /** Canonical key of (gender, age band, education, occupation); null for rows whose four fields are all empty. */
  key: string | null;
  size: number;
}

/** What to do with the rows of one cell. */
export interface CellPlan {
  /**
   * False when the cell has fewer than {@link MIN_PUBLIC_RESPONSES} rows: its answers would let anyone recompute
   * the IKM that SPEC §4 suppresses, so none of its rows are published.
   */
  publish: boolean;
  /** Per profile key, how many of that group's rows (the first ones in stream order) get their profile blanked. */
  blank: Map<string, number>;
}

/**
 * Plans a cell (one region × unit × month) for k-anonymity with the profile fields as quasi-identifiers beside the
 * cell's own region, unit and month.
 *
 * 1. Every group smaller than `k` is blanked (SPEC §4).
 * 2. Blanked rows join the rows that gave no profile at all. If that "empty profile" group would itself hold
 *    1..k−1 rows, it would single them out (e.g. the one respondent with a rare profile, now the only blank row), so
 *    more rows are blanked until it holds at least k: first the surplus of groups larger than k, largest surplus
 *    first, else the smallest whole group.
 *
 * The result: in the published cell every combination of profile values, including "all empty", occurs 0 or ≥ k
 * times. Deterministic for the same groups in any order.
 */
export function planCell(groups: readonly ProfileGroup[], k: number): CellPlan {
  const total = groups.reduce((sum, g) => sum + g.size, 0);
  const blank = new Map<string, number>();
  if (total < Math.max(k, MIN_PUBLIC_RESPONSES)) return { publish: false, blank };

  let empty = 0;
  const kept: { key: string; size: number }[] = [];
  for (const group of groups) {
    if (group.size <= 0) continue;
    if (group.key === null) empty += group.size;
    else if (group.size < k) {
      blank.set(group.key, group.size);
      empty += group.size;
    } else kept.push({ key: group.key, size: group.size });
  }
  if (empty === 0 || empty >= k) return { publish: true, blank };

  const deficit = k - empty;
  const surplus = kept.map((g) => ({ ...g, spare: g.size - k })).filter((g) => g.spare > 0);
  const spare = surplus.reduce((sum, g) => sum + g.spare, 0);
  if (spare >= deficit) {
    let needed = deficit;
    surplus.sort((a, b) => b.spare - a.spare || compare(a.key, b.key));
    for (const group of surplus) {
      const take = Math.min(group.spare, needed);
      blank.set(group.key, take);
      needed -= take;
      if (needed === 0) break;
    }
    return { publish: true, blank };
  }
  // Not enough surplus: blank one whole group (every kept group has ≥ k rows, so one suffices).
  const smallest = [...kept].sort((a, b) => a.size - b.size || compare(a.key, b.key))[0];
  if (smallest) blank.set(smallest.key, smallest.size);
  return { publish: true, blank };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
