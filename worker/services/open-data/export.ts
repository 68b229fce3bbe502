/**
 * @module
 * One open-data file as a stream: resource + format + filters → rows → CSV or JSON. Used by the `/data/*` routes
 * and by the nightly snapshot, so both write exactly the same bytes for the same data.
 */
import type { Database } from '../../db/client';
import { ProblemError } from '../../http/problem';
import { commentsRows } from './comments-rows';
import { cursorRegion, dateRange, type OpenDataFilter, type OpenDataQuery } from './filters';
import { columnsOf, type ResourceName } from './resources';
import { planResponses, type ResponseBlock, type ResponsesCursor, responsesPages } from './responses-rows';
import { RowPage, resolveScope, type Scope } from './rows';
import { scoresRows } from './scores-rows';
import { serviceScoresRows } from './service-scores-rows';
import { type Format, serialize } from './writers';

export interface PreparedExport {
  scope: Scope;
  filter: OpenDataFilter;
  /** The moment the file describes: microdata stop at the last month closed by then (SPEC §4). */
  now: number;
  /** `responses.*` only: where this part starts (`cursor`), and its planned blocks once `planExport` ran. */
  cursor?: ResponsesCursor;
  responses?: { blocks: ResponseBlock[]; next: ResponsesCursor | null };
  /** `responses.*` only: serve the blocks the nightly snapshot stored in this bucket (see {@link withStoredBlocks}). */
  storedBlocks?: { bucket: R2Bucket; format: Format };
}

/** Resolves the filters (404 problem for an unknown region or unit). */
export async function prepareExport(db: Database, query: OpenDataQuery, now = Date.now()): Promise<PreparedExport> {
  const scope = await resolveScope(db, query);
  if (query.cursor) {
    const region = cursorRegion(query.cursor);
    // A forged continuation (a region outside the download) would otherwise quietly give an empty or shifted part.
    if (!scope.regions.some((entry) => entry.region.slug === region)) {
      throw new ProblemError(400, 'The continuation names no region of this download.', {
        errors: [{ field: 'cursor', pointer: '#/cursor', detail: 'Use the `Link: rel="next"` of the previous part.' }],
      });
    }
  }
  const only = query.region ? scope.regions[0] : undefined;
  return {
    scope,
    now,
    ...(query.cursor ? { cursor: query.cursor } : {}),
    filter: {
      ...dateRange(query),
      ...(only ? { regionId: only.region.id } : {}),
      ...(only && query.unit ? { unitId: only.units[0]?.id } : {}),
    },
  };
}

/**
 * The same file, with the closed months the nightly snapshot stored streamed from `bucket` instead of read row by
 * row (responses-rows.ts). Files of whole regions only: a unit's file has other rows than its region's blocks.
 */
export function withStoredBlocks(
  prepared: PreparedExport,
  bucket: R2Bucket | undefined,
  format: Format,
): PreparedExport {
  if (!bucket || prepared.filter.unitId !== undefined) return prepared;
  return { ...prepared, storedBlocks: { bucket, format } };
}

/**
 * Plans a `responses.*` file within `budget` queries (the rest of the invocation's): the blocks that fit, and
 * the cursor of the next part when not all do. Other files need no plan.
 */
export async function planExport(
  d1: D1Database,
  resource: ResourceName,
  prepared: PreparedExport,
  budget: number,
): Promise<PreparedExport> {
  if (resource !== 'responses') return prepared;
  const plan = await planResponses(d1, prepared.scope, prepared.filter, responsesOptions(prepared), {
    budget,
    ...(prepared.cursor ? { cursor: prepared.cursor } : {}),
  });
  return { ...prepared, responses: plan };
}

function responsesOptions(prepared: PreparedExport) {
  return { now: prepared.now, ...(prepared.storedBlocks ? { stored: prepared.storedBlocks.format } : {}) };
}

async function* responsePages(d1: D1Database, prepared: PreparedExport) {
  const { blocks } =
    prepared.responses ?? (await planResponses(d1, prepared.scope, prepared.filter, responsesOptions(prepared)));
  for await (const page of responsesPages(d1, prepared.scope, blocks, {}, prepared.storedBlocks?.bucket)) {
    yield Array.isArray(page) ? new RowPage(page) : page;
  }
}

export function exportStream(
  d1: D1Database,
  resource: ResourceName,
  format: Format,
  prepared: PreparedExport,
): ReadableStream<Uint8Array> {
  const { scope, filter } = prepared;
  const rows =
    resource === 'scores'
      ? scoresRows(d1, scope, filter)
      : resource === 'service-scores'
        ? serviceScoresRows(d1, scope, filter)
        : resource === 'responses'
          ? responsePages(d1, prepared)
          : commentsRows(d1, scope, filter);
  return serialize(format, columnsOf(resource), rows);
}

/** The download's file name, naming its filters so saved files stay distinguishable. */
export function fileName(resource: ResourceName, format: Format, query: OpenDataQuery): string {
  const parts = [
    'suara-layanan',
    resource,
    query.region,
    query.unit,
    query.from,
    query.to,
    query.cursor?.replace(':', '-'),
  ].filter(Boolean);
  return `${parts.join('_')}.${format}`;
}
