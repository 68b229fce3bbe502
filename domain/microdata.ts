/**
 * @module
 * Disclosure plan for published microdata (SPEC §4): which rows of a unit × month cell may be published, and which of
 * their quasi-identifier columns must be blanked, decided from group sizes alone so an exporter can stream rows
 * afterwards.
 */
import { currentPeriod, previousPeriod } from './periods';
import { MIN_PUBLIC_RESPONSES } from './summary';

/** Minimum group size for microdata when none is configured (SPEC §4). */
export const DEFAULT_K = 5;

/**
 * Quasi-identifiers of a microdata row: every published column of `responses.csv` that describes the respondent or
 * the visit rather than the answers. Together they could single out a respondent (someone who knows "the only woman
 * aged 60+ with an S3 who came for a passport on paper in March" could learn her answers). A cell is one
 * (region, unit, month); the other six are planned within it.
 */
export const QUASI_IDENTIFIER_FIELDS = [
  'region',
  'unit',
  'month',
  'service',
  'channel',
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

/** A row's published quasi-identifiers within its cell (service slug, channel, profile): null for an empty field. */
export interface CellValues extends Profile {
  service: string | null;
  channel: string | null;
}

/**
 * Canonical key of a profile, null when all four fields are empty. JSON keeps values containing separators
 * unambiguous and tells null from the string 'null'.
 */
export function profileKey(profile: Profile): string | null {
  const values = [profile.gender, profile.age_band, profile.education, profile.occupation];
  return values.every((v) => v === null) ? null : JSON.stringify(values);
}

/** Canonical key of a row's published values within its cell (every quasi-identifier but region, unit, month). */
export function cellKey(values: CellValues): string {
  return JSON.stringify([
    values.service,
    values.channel,
    values.gender,
    values.age_band,
    values.education,
    values.occupation,
  ]);
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

/** One quasi-identifier group of a cell: rows with the same values in every published quasi-identifier column. */
export interface CellGroup {
  values: CellValues;
  size: number;
}

/**
 * How far a row is generalised, each level blanking more columns: 0 none, 1 the four profile fields, 2 also the
 * channel, 3 also the service.
 */
export type Level = 0 | 1 | 2 | 3;

/**
 * Of one group's rows, in stream order: the first `service` rows are published at level 3, the next `channel` at
 * level 2, the next `profile` at level 1, and the rest as they are.
 */
export interface GroupPlan {
  service: number;
  channel: number;
  profile: number;
}

/** What to do with the rows of one cell. */
export interface CellPlan {
  /**
   * False when the cell has fewer than {@link MIN_PUBLIC_RESPONSES} rows: its answers would let anyone recompute
   * the IKM that SPEC §4 suppresses, so none of its rows are published.
   */
  publish: boolean;
  /** Per group ({@link cellKey}), how many of its rows are generalised to each level; groups left whole are absent. */
  generalise: Map<string, GroupPlan>;
}

/** `values` as published at `level`. */
export function generalised(values: CellValues, level: Level): CellValues {
  if (level === 0) return values;
  return {
    service: level >= 3 ? null : values.service,
    channel: level >= 2 ? null : values.channel,
    gender: null,
    age_band: null,
    education: null,
    occupation: null,
  };
}

/**
 * The stage of a published combination: the highest level whose blanking it already shows (3 for all empty, 2 for a
 * service alone, 1 for service and channel without a profile, 0 with a profile). Rows that were empty to begin with
 * (no service, no profile given) share it with the rows generalised to it.
 */
function stageOf(values: CellValues): Level {
  if (profileKey(values) !== null) return 0;
  if (values.channel !== null) return 1;
  return values.service !== null ? 2 : 3;
}

/**
 * Plans a cell (one region × unit × month) for k-anonymity over every published quasi-identifier (SPEC §4,
 * docs/open-data.md "Anonymization"): afterwards every combination of published values of the cell, including the
 * empty ones, occurs 0 or ≥ k times, and no row is dropped. Generalisation goes column by column, cheapest first:
 *
 * 1. **Profile.** Every combination with fewer than k rows gets its profile blanked: it joins its (service, channel).
 * 2. **Channel.** A (service, channel) without profile holding 1..k−1 rows is topped up to k with profiles blanked
 *    from the surplus over k of combinations that share its service and channel, largest surplus first; if their
 *    surplus is too small, its rows' channel is blanked too: they join their service.
 * 3. **Service.** A service with neither profile nor channel holding 1..k−1 rows is topped up likewise from the
 *    surplus of its own service's combinations (blanking their profile and channel); else its rows' service is
 *    blanked too: they join the all-empty combination.
 * 4. **All empty.** Topped up from any combination's surplus, else by generalising the smallest whole combination
 *    (every other holds ≥ k by then, so one suffices and no row needs to be dropped).
 *
 * Groups are keyed by all published values, so a caller may hand in values already blanked for other reasons.
 * Deterministic for the same groups in any order.
 */
export function planCell(groups: readonly CellGroup[], k: number): CellPlan {
  const total = groups.reduce((sum, g) => sum + Math.max(0, g.size), 0);
  const generalise = new Map<string, GroupPlan>();
  if (total < Math.max(k, MIN_PUBLIC_RESPONSES)) return { publish: false, generalise };

  // Rows of each group at each level; merged by key, in key order, so the plan does not depend on the input order.
  const merged = new Map<string, { values: CellValues; rows: [number, number, number, number] }>();
  for (const group of groups) {
    if (group.size <= 0) continue;
    const key = cellKey(group.values);
    const entry = merged.get(key) ?? { values: group.values, rows: [0, 0, 0, 0] };
    entry.rows[0] += group.size;
    merged.set(key, entry);
  }
  const state = [...merged.entries()].sort(([a], [b]) => compare(a, b)).map(([key, entry]) => ({ key, ...entry }));

  for (const stage of [0, 1, 2, 3] as const) {
    const combos = tally(state);
    const small = [...combos.values()].filter((c) => c.stage === stage && c.count > 0 && c.count < k);
    // Donors: combinations of an earlier stage with a surplus, by the combination they become at this stage.
    const donorsOf = new Map<string, Combination[]>();
    if (stage > 0 && small.length > 0) {
      for (const d of combos.values()) {
        if (d.stage >= stage || d.count <= k) continue;
        const target = cellKey(generalised(d.values, stage));
        donorsOf.set(target, [...(donorsOf.get(target) ?? []), d]);
      }
    }
    for (const combo of small) {
      if (stage === 0) {
        for (const member of combo.members) move(state, member, 1, member.rows);
        continue;
      }
      const donors = [...(donorsOf.get(combo.key) ?? [])].sort((a, b) => b.count - a.count || compare(a.key, b.key));
      const deficit = k - combo.count;
      if (donors.reduce((sum, d) => sum + d.count - k, 0) >= deficit) {
        let needed = deficit;
        for (const donor of donors) {
          let take = Math.min(donor.count - k, needed);
          needed -= take;
          donor.count -= take;
          for (const member of donor.members) {
            const moved = Math.min(take, member.rows);
            move(state, member, stage, moved);
            member.rows -= moved;
            take -= moved;
            if (take === 0) break;
          }
          if (needed === 0) break;
        }
      } else if (stage < 3) {
        for (const member of combo.members) move(state, member, (stage + 1) as Level, member.rows);
      } else {
        const smallest = [...combos.values()]
          .filter((d) => d.stage < 3 && d.count >= k)
          .sort((a, b) => a.count - b.count || compare(a.key, b.key))[0];
        for (const member of smallest?.members ?? []) move(state, member, 3, member.rows);
      }
    }
  }

  for (const { key, rows } of state) {
    if (rows[1] + rows[2] + rows[3] > 0) generalise.set(key, { service: rows[3], channel: rows[2], profile: rows[1] });
  }
  return { publish: true, generalise };
}

interface Member {
  /** Index into the plan's state. */
  group: number;
  level: Level;
  rows: number;
}

interface Combination {
  key: string;
  values: CellValues;
  stage: Level;
  count: number;
  members: Member[];
}

/** The published combinations of the cell as it stands: rows per combination, and which group's level holds them. */
function tally(state: readonly { values: CellValues; rows: number[] }[]): Map<string, Combination> {
  const combos = new Map<string, Combination>();
  state.forEach(({ values, rows }, group) => {
    rows.forEach((count, level) => {
      if (count <= 0) return;
      const shown = generalised(values, level as Level);
      const key = cellKey(shown);
      const combo = combos.get(key) ?? { key, values: shown, stage: stageOf(shown), count: 0, members: [] };
      combo.count += count;
      combo.members.push({ group, level: level as Level, rows: count });
      combos.set(key, combo);
    });
  });
  return combos;
}

function move(state: { rows: number[] }[], member: Member, level: Level, rows: number): void {
  const group = state[member.group];
  if (!group || rows <= 0) return;
  group.rows[member.level] = (group.rows[member.level] ?? 0) - rows;
  group.rows[level] = (group.rows[level] ?? 0) + rows;
}

/**
 * Applies a cell's plan row by row, in stream order: for each row's {@link cellKey}, the level it is published at.
 * Rows of a group are counted as they come, so the first rows of a group (by random id) take the plan's levels.
 */
export function rowLevels(plan: CellPlan): (key: string) => Level {
  if (plan.generalise.size === 0) return () => 0;
  const seen = new Map<string, number>();
  return (key) => {
    const group = plan.generalise.get(key);
    if (!group) return 0;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    if (index < group.service) return 3;
    if (index < group.service + group.channel) return 2;
    return index < group.service + group.channel + group.profile ? 1 : 0;
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
