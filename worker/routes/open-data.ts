/**
 * @module
 * Open data at `/data`: datapackage.json, the scores, responses and comments files (`.csv`, `.json`, streamed,
 * with ETags) and the nightly snapshots (docs/spec.md §5, docs/scale.md "Exports").
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { SLUG_PATTERN } from '../../domain/slugs';
import { database } from '../db/client';
import { withQueryBudget } from '../db/query-budget';
import { countInWindow } from '../db/rate-counters';
import { readDatabase } from '../db/read';
import type { AppEnv } from '../env';
import { readConfig } from '../env';
import { PUBLIC_SECURITY } from '../http/openapi';
import { publicOrigin } from '../http/origin';
import { ProblemError } from '../http/problem';
import { createRouter } from '../http/router';
import { INDEX_FILES, PARTITION_FILES, partitionPath, snapshotKey } from '../jobs/snapshot';
import { dataPackage } from '../open-data/datapackage';
import { exportStream, fileName, planExport, prepareExport, withStoredBlocks } from '../open-data/export';
import type { OpenDataQuery } from '../open-data/filters';
import { OpenDataQuerySchema, ResponsesQuerySchema } from '../open-data/filters';
import { matchesEtag, validatorsOf } from '../open-data/freshness';
import { RESOURCE_NAMES, RESOURCES, type ResourceName } from '../open-data/resources';
import type { Format } from '../open-data/writers';
import { deviceIdentity, networkHash } from '../security/device-hash';
import { exportPartMinuteWindow, MINUTE_MS, retryAfterSeconds } from '../security/rate-limit';

/** Live files change with every rating; five minutes keeps CDNs useful without serving stale news for long. */
const LIVE_CACHE = 'public, max-age=300';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

const MEDIA_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const COMMON_HEADERS = {
  'access-control-allow-origin': '*',
  'x-content-type-options': 'nosniff',
  link: '</data/datapackage.json>; rel="describedby"; type="application/json"',
};

/** Queries kept free beside the planned blocks (the plan query itself, one spare). */
const PLAN_MARGIN = 2;

/**
 * Counts an uncached part of a download (a `cursor` continuation: every new value misses the edge cache and may cost
 * up to the query budget in D1) against the client network's minute, keyed like the rating limits (a keyed hash
 * with the day's salt, never the address), and refuses it past `RATE_LIMIT_PER_NETWORK_EXPORT_PART_MINUTE`.
 */
async function limitExportParts(c: Context<AppEnv>): Promise<void> {
  const config = readConfig(c.env);
  const now = Date.now();
  const network = await networkHash(c.env.DB, config.deviceHashKey, deviceIdentity(c.req.raw.headers).ip, now);
  const window = exportPartMinuteWindow(network, now);
  if ((await countInWindow(c.env.DB, window)) > config.limits.perNetworkExportPartMinute) {
    const wait = retryAfterSeconds(window.windowStart + MINUTE_MS, now);
    throw new ProblemError(
      429,
      `Too many parts of large downloads from this network: try again in ${wait} s, or use the nightly snapshot's region × month files.`,
      { headers: { 'retry-after': String(wait) } },
    );
  }
}

export const openDataRouter = createRouter();

openDataRouter.openapi(
  createRoute({
    method: 'get',
    path: '/datapackage.json',
    tags: ['Open data'],
    operationId: 'getDataPackage',
    security: PUBLIC_SECURITY,
    summary: 'Frictionless Data Package: every file with its Table Schema, licence CC BY 4.0',
    responses: { 200: { description: 'The data package', content: { 'application/json': { schema: z.any() } } } },
  }),
  (c) =>
    c.json(dataPackage({ origin: publicOrigin(c.env, c.req.url) }), 200, {
      ...COMMON_HEADERS,
      'cache-control': LIVE_CACHE,
    }),
);

for (const resource of RESOURCE_NAMES) {
  for (const format of ['csv', 'json'] as const) {
    openDataRouter.openapi(
      createRoute({
        method: 'get',
        path: `/${resource}.${format}`,
        tags: ['Open data'],
        // getScoresCsv, getServiceScoresJson, …
        operationId: `get${resource.replace(/(^|-)(\w)/g, (_, _dash, letter: string) => letter.toUpperCase())}${format === 'csv' ? 'Csv' : 'Json'}`,
        security: PUBLIC_SECURITY,
        summary: `${RESOURCES[resource].title} (${format.toUpperCase()}, streamed)`,
        description: RESOURCES[resource].description,
        request: { query: resource === 'responses' ? ResponsesQuerySchema : OpenDataQuerySchema },
        responses: {
          200: {
            description: `${resource}.${format}`,
            content: { [MEDIA_TYPES[format].split(';')[0] as string]: { schema: z.any() } },
          },
          304: { description: 'Not modified (If-None-Match)' },
          400: { description: 'Invalid filter or continuation (problem+json with errors per field)' },
          404: { description: 'Unknown region or unit' },
          ...(resource === 'responses'
            ? {
                429: {
                  description: 'Too many uncached parts (`cursor`) from this network this minute; see Retry-After',
                },
              }
            : {}),
        },
      }),
      async (c) => {
        const query: OpenDataQuery = c.req.valid('query');
        if (query.cursor) await limitExportParts(c);
        // Public files read from the nearest replica, and every query of this invocation counts against one
        // budget below D1's 1,000 (docs/scale.md, "Exports").
        const limit = readConfig(c.env).queryBudget;
        const budget = withQueryBudget(readDatabase(c.env), limit);
        const d1 = budget.db;
        // Closed months that the nightly snapshot stored, unchanged since, stream from R2 (docs/scale.md, "Exports").
        const prepared = withStoredBlocks(await prepareExport(database(d1), query), c.env.SNAPSHOTS, format);
        const { etag, lastModified } = await validatorsOf(d1, resource as ResourceName, format, prepared);
        const headers: Record<string, string> = {
          ...COMMON_HEADERS,
          'cache-control': LIVE_CACHE,
          etag,
          ...(lastModified ? { 'last-modified': lastModified } : {}),
        };
        if (matchesEtag(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });
        // A margin of a few queries for the plan itself.
        const planned = await planExport(d1, resource, prepared, limit - budget.used - PLAN_MARGIN);
        const next = planned.responses?.next;
        if (next) {
          const url = new URL(c.req.url);
          url.searchParams.set('cursor', next);
          headers.link = `${COMMON_HEADERS.link}, <${url.pathname}${url.search}>; rel="next"`;
          headers['x-continuation'] = next;
          // Let notebooks and pages on other origins (CORS) read where the next part is.
          headers['access-control-expose-headers'] = 'link, x-continuation';
        }
        return new Response(exportStream(d1, resource, format, planned), {
          status: 200,
          headers: {
            ...headers,
            'content-type': MEDIA_TYPES[format],
            'content-disposition': `${format === 'csv' ? 'attachment' : 'inline'}; filename="${fileName(resource, format, query)}"`,
          },
        });
      },
    );
  }
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day 'YYYY-MM-DD'");
const snapshotResponses = {
  200: {
    description: 'The file as written that night',
    content: { 'application/octet-stream': { schema: z.any() } },
  },
  404: { description: 'No such snapshot' },
} as const;

/** A stored snapshot object, immutable: cached for a year, answered 304 on a matching ETag. */
async function snapshotResponse(c: Context<AppEnv>, path: string, downloadName: string): Promise<Response> {
  const object = await c.env.SNAPSHOTS?.get(snapshotKey(c.req.param('day') ?? '', path));
  if (!object) throw new ProblemError(404, `No snapshot file ${c.req.param('day')}/${path}.`);
  const etag = object.httpEtag;
  const headers = {
    ...COMMON_HEADERS,
    'cache-control': IMMUTABLE_CACHE,
    etag,
    'last-modified': object.uploaded.toUTCString(),
  };
  if (matchesEtag(c.req.header('if-none-match'), etag)) {
    await object.body.cancel();
    return new Response(null, { status: 304, headers });
  }
  const type = path.endsWith('.csv')
    ? MEDIA_TYPES.csv
    : path.endsWith('.json')
      ? MEDIA_TYPES.json
      : 'text/plain; charset=utf-8';
  return new Response(object.body, {
    status: 200,
    headers: {
      ...headers,
      'content-type': type,
      'content-length': String(object.size),
      'content-disposition': `${path.endsWith('.csv') ? 'attachment' : 'inline'}; filename="${downloadName}"`,
    },
  });
}

openDataRouter.openapi(
  createRoute({
    method: 'get',
    path: '/snapshots/{day}/{file}',
    tags: ['Open data'],
    operationId: 'getSnapshotIndexFile',
    security: PUBLIC_SECURITY,
    summary: "A nightly snapshot's index: SHA256SUMS of every part, or its datapackage.json (cite this URL)",
    request: { params: z.object({ day, file: z.enum(INDEX_FILES) }) },
    responses: snapshotResponses,
  }),
  (c) => {
    const { day, file } = c.req.valid('param');
    return snapshotResponse(c, file, `suara-layanan_${day}_${file}`);
  },
);

openDataRouter.openapi(
  createRoute({
    method: 'get',
    path: '/snapshots/{day}/{region}/{month}/{file}',
    tags: ['Open data'],
    operationId: 'getSnapshotPart',
    security: PUBLIC_SECURITY,
    summary: 'One region × month part of a nightly snapshot: the live file filtered to that region and month',
    request: {
      params: z.object({
        day,
        region: z.string().regex(SLUG_PATTERN, 'a region slug'),
        month: z.string().regex(/^\d{4}-\d{2}$/, "a month 'YYYY-MM'"),
        file: z.enum(PARTITION_FILES),
      }),
    },
    responses: snapshotResponses,
  }),
  (c) => {
    const { day, region, month, file } = c.req.valid('param');
    return snapshotResponse(c, partitionPath(region, month, file), `suara-layanan_${day}_${region}_${month}_${file}`);
  },
);
