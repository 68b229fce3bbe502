/**
 * @module
 * Rows of `responses.csv|json`, the microdata (SPEC §4): month only (never day, time, counter, device or comment),
 * age in bands, k-anonymous profiles, flagged responses out. Streamed block by block (region × month): first a SQL
 * GROUP BY gives the block's quasi-identifier group sizes, then its rows are read in keyset-paginated chunks and
 * blanked as planned, so memory holds one block's group sizes and one chunk of rows, whatever the table size.
 * Only months that have closed in the region's own time zone are published (`lastClosedMonthEnd`): a later `to`
 * is capped, never an error.
 */
import {
  type CellPlan,
  DEFAULT_K,
  lastClosedMonthEnd,
  type Profile,
  type ProfileGroup,
  planCell,
  profileKey,
} from '../../domain/microdata';
import { monthPeriod } from '../../domain/periods';
import { ELEMENT_CODES } from '../../domain/survey';
import type { OpenDataFilter } from './filters';
import { regionCodeCells } from './region-columns';
import { monthsWithData, type Row, type Scope } from './rows';

/** Rows per D1 query: large enough to stay well under D1's 1,000 queries per invocation, small enough for memory. */
export const RESPONSE_PAGE_SIZE = 2000;

/** The age band of `age` in SQL, identical to domain/survey.ts `ageBand` (tested). */
export const AGE_BAND_SQL = `CASE WHEN r.age IS NULL THEN NULL WHEN r.age < 20 THEN '<20' WHEN r.age < 30 THEN '20-29'
  WHEN r.age < 40 THEN '30-39' WHEN r.age < 50 THEN '40-49' WHEN r.age < 60 THEN '50-59' ELSE '60+' END`;

const SCORE_COLUMNS = ELEMENT_CODES.map((code) => `r.${code.toLowerCase()}`).join(', ');

interface ResponseRow extends Profile {
  id: string;
  unit_id: number;
  unit_slug: string;
  service: string | null;
  channel: string;
  [score: `u${number}`]: number;
}

export async function* responsesRows(
  d1: D1Database,
  scope: Scope,
  filter: Pick<OpenDataFilter, 'from' | 'to'>,
  {
    k = DEFAULT_K,
    pageSize = RESPONSE_PAGE_SIZE,
    now = Date.now(),
  }: { k?: number; pageSize?: number; now?: number } = {},
) {
  for (const { region, units } of scope.regions) {
    if (units.length === 0) continue;
    const codeCells = regionCodeCells(region);
    // The running month is still growing: publishing it would let two downloads be diffed (SPEC §4).
    const closed = lastClosedMonthEnd(now, region.timezone);
    // Local dates compare as text, so the earlier of the two sorts first.
    const [to = closed] = [filter.to, closed].sort();
    const range = { from: filter.from, to };
    if (range.from > range.to) continue;
    const unitId = units.length === 1 ? units[0]?.id : undefined;
    const unitFilter = unitId === undefined ? '' : ' AND r.unit_id = ?';
    const unitBinding = unitId === undefined ? [] : [unitId];
    for (const month of await monthsWithData(d1, { regionId: region.id, unitId, ...range })) {
      const { start, end } = monthPeriod(month);
      const block = [region.id, start, end, ...unitBinding];
      const where = `r.region_id = ? AND r.local_date BETWEEN ? AND ? AND r.flagged = 0${unitFilter}`;

      const { results: groups } = await d1
        .prepare(
          `SELECT r.unit_id AS unit_id, r.gender AS gender, ${AGE_BAND_SQL} AS age_band, r.education AS education,
             r.occupation AS occupation, count(*) AS size
           FROM responses r WHERE ${where}
           GROUP BY r.unit_id, r.gender, age_band, r.education, r.occupation`,
        )
        .bind(...block)
        .all<Profile & { unit_id: number; size: number }>();
      const plans = new Map<number, CellPlan>();
      const byUnit = new Map<number, ProfileGroup[]>();
      for (const group of groups) {
        const cell = byUnit.get(group.unit_id) ?? [];
        cell.push({ key: profileKey(group), size: group.size });
        byUnit.set(group.unit_id, cell);
      }
      for (const [id, cell] of byUnit) plans.set(id, planCell(cell, k));
      // How many rows of each (unit, profile) group have been blanked so far in this block.
      const blanked = new Map<string, number>();

      let after: [string, string] = ['', ''];
      for (;;) {
        const { results: page } = await d1
          .prepare(
            `SELECT r.id AS id, r.unit_id AS unit_id, u.slug AS unit_slug, s.slug AS service, r.channel AS channel,
               ${SCORE_COLUMNS}, r.gender AS gender, ${AGE_BAND_SQL} AS age_band, r.education AS education,
               r.occupation AS occupation
             FROM responses r JOIN units u ON u.id = r.unit_id LEFT JOIN services s ON s.id = r.service_id
             WHERE ${where} AND (u.slug, r.id) > (?, ?)
             ORDER BY u.slug, r.id LIMIT ?`,
          )
          .bind(...block, ...after, pageSize)
          .all<ResponseRow>();
        for (const row of page) {
          const plan = plans.get(row.unit_id);
          if (!plan?.publish) continue;
          const key = profileKey(row);
          let blank = false;
          if (key !== null) {
            const quota = plan.blank.get(key) ?? 0;
            const counter = `${row.unit_id}|${key}`;
            const done = blanked.get(counter) ?? 0;
            if (done < quota) {
              blank = true;
              blanked.set(counter, done + 1);
            }
          }
          yield [
            region.slug,
            row.unit_slug,
            row.service,
            month,
            row.channel,
            ...ELEMENT_CODES.map((code) => Number(row[`u${code.slice(1)}` as `u${number}`])),
            ...(blank ? [null, null, null, null] : [row.gender, row.age_band, row.education, row.occupation]),
            ...codeCells,
          ] satisfies Row;
        }
        const last = page[page.length - 1];
        if (!last || page.length < pageSize) break;
        after = [last.unit_slug, last.id];
      }
    }
  }
}
