/**
 * @module
 * Open data at `/data`: datapackage.json, the scores, responses and comments files (`.csv`, `.json`, streamed,
 * with ETags) and the nightly snapshots (docs/spec.md §5, docs/scale.md "Exports").
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { SLUG_PATTERN } from '../../domain/slugs';
import type { AppEnv } from '../env';
import { PUBLIC_SECURITY } from '../http/openapi';
import { publicOrigin } from '../http/origin';
import { ProblemError } from '../http/problem';
import { createRouter } from '../http/router';
import { INDEX_FILES, PARTITION_FILES, partitionPath, snapshotKey } from '../services/jobs/snapshot';
import { dataPackage } from '../services/open-data/datapackage';
import { limitExportParts, liveDownload } from '../services/open-data/download';
import { fileName } from '../services/open-data/export';
import type { OpenDataQuery } from '../services/open-data/filters';
import { OpenDataQuerySchema, ResponsesQuerySchema } from '../services/open-data/filters';
import { matchesEtag } from '../services/open-data/freshness';
import { RESOURCE_NAMES, RESOURCES, type ResourceName } from '../services/open-data/resources';
import type { Format } from '../services/open-data/writers';

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
        if (query.cursor) await limitExportParts(c.env, c.req.raw.headers);
        const download = await liveDownload(c.env, resource as ResourceName, format, query);
        const { etag, lastModified } = download;
        const headers: Record<string, string> = {
          ...COMMON_HEADERS,
          'cache-control': LIVE_CACHE,
          etag,
          ...(lastModified ? { 'last-modified': lastModified } : {}),
        };
        if (matchesEtag(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });
        const { next, body } = await download.open();
        if (next) {
          const url = new URL(c.req.url);
          url.searchParams.set('cursor', next);
          headers.link = `${COMMON_HEADERS.link}, <${url.pathname}${url.search}>; rel="next"`;
          headers['x-continuation'] = next;
          // Let notebooks and pages on other origins (CORS) read where the next part is.
          headers['access-control-expose-headers'] = 'link, x-continuation';
        }
        return new Response(body, {
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
