/**
 * @module
 * Validators of the open-data files (docs/open-data.md): an ETag from a fingerprint of everything a file is made of,
 * and a Last-Modified for information, except on the microdata, whose newest rating must stay hidden (SPEC §4).
 */

import { lastClosedMonthEnd } from '../../../domain/microdata';
import {
  catalogueFingerprint,
  newestRatingAt,
  publishedCommentsFingerprint,
  rollupFingerprint,
} from '../../db/export-fingerprint';
import { sha256Hex } from '../../security/tokens';
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
  const tree = await catalogueFingerprint(d1);
  const treeParts = Object.values(tree);
  const treeAt = Math.max(Number(tree.regions_at ?? 0), Number(tree.units_at ?? 0), Number(tree.services_at ?? 0));

  if (resource === 'comments') {
    const row = await publishedCommentsFingerprint(d1, filter);
    return {
      parts: [...treeParts, row?.n ?? 0, row?.moderated ?? null, row?.replied ?? null, row?.last_id ?? null],
      lastModified: Math.max(treeAt, Number(row?.moderated ?? 0), Number(row?.replied ?? 0)) || null,
    };
  }
  // Microdata stop at the last closed month of each region's zone; the zones in use are few (WIB, WITA, WIT).
  const closedMonths =
    resource === 'responses'
      ? [...new Set(scope.regions.map(({ region }) => region.timezone))].map(
          (zone) => [zone, lastClosedMonthEnd(now, zone).slice(0, 7)] as [string, string],
        )
      : [];
  // Whole years: whether a month's figure is published depends on every month of its year (SPEC §4), so a change
  // in any of them must change the validator, or a cache would keep a figure the plan now withholds.
  const row = await rollupFingerprint(d1, {
    regionId: filter.regionId,
    fromMonth: `${filter.from.slice(0, 4)}-01`,
    toMonth: `${filter.to.slice(0, 4)}-12`,
    closedMonths,
  });
  const parts = [...treeParts, row?.cells ?? 0, row?.n ?? 0, row?.sq ?? 0, row?.mix ?? 0, row?.latest ?? null];
  if (resource === 'responses') return { parts, lastModified: null };
  // Information only: paper questionnaires keyed in later for an older day do not move it, so the ETag decides.
  return { parts, lastModified: Math.max(treeAt, (await newestRatingAt(d1, filter)) ?? 0) || null };
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
