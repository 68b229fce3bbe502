/**
 * @module
 * One open-data file as a stream: resource + format + filters → rows → CSV or JSON. Used by the `/data/*` routes
 * and by the nightly snapshot, so both write exactly the same bytes for the same data.
 */
import type { Database } from '../db/client';
import { commentsRows } from './comments-rows';
import { dateRange, type OpenDataFilter, type OpenDataQuery } from './filters';
import { columnsOf, type ResourceName } from './resources';
import { responsesRows } from './responses-rows';
import { resolveScope, type Scope } from './rows';
import { scoresRows } from './scores-rows';
import { serviceScoresRows } from './service-scores-rows';
import { type Format, serialize } from './writers';

export interface PreparedExport {
  scope: Scope;
  filter: OpenDataFilter;
  /** The moment the file describes: microdata stop at the last month closed by then (SPEC §4). */
  now: number;
}

/** Resolves the filters (404 problem for an unknown region or unit). */
export async function prepareExport(db: Database, query: OpenDataQuery, now = Date.now()): Promise<PreparedExport> {
  const scope = await resolveScope(db, query);
  const only = query.region ? scope.regions[0] : undefined;
  return {
    scope,
    now,
    filter: {
      ...dateRange(query),
      ...(only ? { regionId: only.region.id } : {}),
      ...(only && query.unit ? { unitId: only.units[0]?.id } : {}),
    },
  };
}

export function exportStream(
  d1: D1Database,
  resource: ResourceName,
  format: Format,
  { scope, filter, now }: PreparedExport,
): ReadableStream<Uint8Array> {
  const rows =
    resource === 'scores'
      ? scoresRows(d1, scope, filter)
      : resource === 'service-scores'
        ? serviceScoresRows(d1, scope, filter)
        : resource === 'responses'
          ? responsesRows(d1, scope, filter, { now })
          : commentsRows(d1, scope, filter);
  return serialize(format, columnsOf(resource), rows);
}

/** The download's file name, naming its filters so saved files stay distinguishable. */
export function fileName(resource: ResourceName, format: Format, query: OpenDataQuery): string {
  const parts = ['suara-layanan', resource, query.region, query.unit, query.from, query.to].filter(Boolean);
  return `${parts.join('_')}.${format}`;
}
