/**
 * @module
 * Validators of the open-data files: an `ETag` from a fingerprint of everything a file is made of (plus its filters
 * and format), and a `Last-Modified` for information. The fingerprint reads the unit × month rollups and small
 * tables, `Last-Modified` one indexed lookup of the newest rating: a conditional request is cheap at any scale.
 * The microdata (`responses`) get no `Last-Modified`: the time of the newest rating is exactly what they must not
 * reveal (SPEC §4). The fingerprint covers the whole years of the filter (up to the last closed month's year for
 * the microdata), since the disclosure plan of a month depends on every month of its year.
 */

import { lastClosedMonthEnd } from '../../domain/microdata';
import { sha256Hex } from '../security/tokens';
import type { PreparedExport } from './export';
import type { ResourceName } from './resources';

/** Bump when the layout of any file changes, so caches do not keep an old layout under the same data. */
export const FILE_FORMAT_VERSION = '2';

interface Fingerprint {
  parts: (string | number | null)[];
  lastModified: number | null;
}

/** What a file depends on: rollups (responses, flags), the organisation tree, and published comments. */
async function fingerprint(
  d1: D1Database,
  resource: ResourceName,
  { scope, filter, now }: PreparedExport,
): Promise<Fingerprint> {
  const region = filter.regionId === undefined ? '' : ' AND region_id = ?';
  const regionBinding = filter.regionId === undefined ? [] : [filter.regionId];
  const tree = await d1
    .prepare(
      `SELECT (SELECT count(*) FROM regions) AS regions, (SELECT max(created_at) FROM regions) AS regions_at,
         (SELECT count(code) FROM regions) AS coded,
         (SELECT count(*) FROM units) AS units, (SELECT max(created_at) FROM units) AS units_at,
         (SELECT count(*) FROM services) AS services, (SELECT max(created_at) FROM services) AS services_at`,
    )
    .first<Record<string, number | null>>();
  const treeParts = Object.values(tree ?? {});
  const treeAt = Math.max(Number(tree?.regions_at ?? 0), Number(tree?.units_at ?? 0), Number(tree?.services_at ?? 0));

  if (resource === 'comments') {
    const row = await d1
      .prepare(
        `SELECT count(*) AS n, max(moderated_at) AS moderated, max(replied_at) AS replied, max(id) AS last_id
         FROM comments WHERE status = 'published' AND local_date BETWEEN ? AND ?${region}`,
      )
      .bind(filter.from, filter.to, ...regionBinding)
      .first<{ n: number; moderated: number | null; replied: number | null; last_id: string | null }>();
    return {
      parts: [...treeParts, row?.n ?? 0, row?.moderated ?? null, row?.replied ?? null, row?.last_id ?? null],
      lastModified: Math.max(treeAt, Number(row?.moderated ?? 0), Number(row?.replied ?? 0)) || null,
    };
  }
  // Microdata stop at the last closed month of each region's zone; the zones in use are few (WIB, WITA, WIT).
  const closedByZone =
    resource === 'responses'
      ? [...new Set(scope.regions.map(({ region }) => region.timezone))].flatMap((zone) => [
          zone,
          lastClosedMonthEnd(now, zone).slice(0, 7),
        ])
      : [];
  const closed =
    closedByZone.length === 0
      ? ''
      : // Whole years up to the last closed month's: the disclosure plan of a closed month depends on its whole year.
        ` AND substr(local_month, 1, 4) <= substr(CASE (SELECT timezone FROM regions g WHERE g.id = unit_monthly_rollups.region_id)${' WHEN ? THEN ?'.repeat(closedByZone.length / 2)} END, 1, 4)`;
  // Filters are whole months, so the unit × month sums answer exactly: far fewer rows than the daily rollups
  // (which a national file would otherwise scan whole on every request, growing with the data).
  const row = await d1
    .prepare(
      `SELECT count(*) AS cells, total(n) AS n, total(sum_squared_totals) AS sq, total(s1 + 2 * s5 + 3 * s9) AS mix,
         max(local_month) AS latest
       FROM unit_monthly_rollups WHERE local_month BETWEEN ? AND ?${region}${closed}`,
    )
    // Whole years: whether a month's figure is published depends on every month of its year (SPEC §4), so a change
    // in any of them must change the validator, or a cache would keep a figure the plan now withholds.
    .bind(`${filter.from.slice(0, 4)}-01`, `${filter.to.slice(0, 4)}-12`, ...regionBinding, ...closedByZone)
    .first<{ cells: number; n: number; sq: number; mix: number; latest: string | null }>();
  const parts = [...treeParts, row?.cells ?? 0, row?.n ?? 0, row?.sq ?? 0, row?.mix ?? 0, row?.latest ?? null];
  if (resource === 'responses') return { parts, lastModified: null };
  return { parts, lastModified: Math.max(treeAt, (await newestRating(d1, filter)) ?? 0) || null };
}

/**
 * The time of the newest rating a file covers, for `Last-Modified` (information only: the ETag decides). One
 * region: the newest on its newest day, through the (region, date) indexes. Every region: the newest row stored,
 * if the filter covers its day (else none), since no index orders all rows by date and a scan would grow with the
 * data. Paper questionnaires keyed in later for an older day do not move it, which is why the ETag decides.
 */
async function newestRating(d1: D1Database, filter: PreparedExport['filter']): Promise<number | null> {
  if (filter.regionId === undefined) {
    const row = await d1
      .prepare(
        `SELECT submitted_at AS at FROM responses WHERE rowid = (SELECT max(rowid) FROM responses)
         AND local_date BETWEEN ? AND ?`,
      )
      .bind(filter.from, filter.to)
      .first<{ at: number | null }>();
    return row?.at ?? null;
  }
  const row = await d1
    .prepare(
      `SELECT max(submitted_at) AS at FROM responses WHERE region_id = ?1 AND local_date = (
         SELECT max(local_date) FROM daily_rollups WHERE region_id = ?1 AND local_date BETWEEN ?2 AND ?3)`,
    )
    .bind(filter.regionId, filter.from, filter.to)
    .first<{ at: number | null }>();
  return row?.at ?? null;
}

export interface Validators {
  etag: string;
  lastModified: string | null;
}

export async function validatorsOf(
  d1: D1Database,
  resource: ResourceName,
  format: string,
  prepared: PreparedExport,
): Promise<Validators> {
  const { parts, lastModified } = await fingerprint(d1, resource, prepared);
  const text = JSON.stringify([
    FILE_FORMAT_VERSION,
    resource,
    format,
    prepared.filter,
    parts,
    ...(prepared.cursor ? [prepared.cursor] : []),
  ]);
  const hex = (await sha256Hex(text)).slice(0, 32);
  return { etag: `"${hex}"`, lastModified: lastModified ? new Date(lastModified).toUTCString() : null };
}

/** True when `If-None-Match` names the current ETag (weak comparison, RFC 9110 §13.1.2). */
export function matchesEtag(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
