import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createOrganisation } from '../support/fixtures';
import { insertRatings, same } from '../support/ratings';
import worker from '../support/worker';

const ORIGIN = 'https://suara.test';
const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

/**
 * One request through the Worker, its body read whole, its cache write awaited before the next request. `cf` as
 * Cloudflare sets it: `clientAcceptEncoding` is the reader's own header when the platform replaced it.
 */
async function get(path: string, headers: Record<string, string> = {}, cf?: { clientAcceptEncoding: string }) {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`${ORIGIN}${path}`, { headers, cf }), env, ctx);
  const body = new Uint8Array(await response.arrayBuffer());
  await waitOnExecutionContext(ctx);
  return { status: response.status, headers: response.headers, body };
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

describe('open-data downloads gzip-compressed on request (SPEC §5 open data, docs/open-data.md)', () => {
  it('sends CSV and JSON gzipped to a client that accepts gzip, the same file once decompressed', async () => {
    const org = await createOrganisation({ region: 'gzip-data' });
    await insertRatings(org, same(40, [4, 3, 4, 3, 4, 3, 4, 3, 4], '2026-02-02'));
    for (const file of ['scores.csv', 'scores.json', 'responses.csv', 'comments.json']) {
      const path = `/data/${file}?region=gzip-data`;
      const plain = await get(path);
      const zipped = await get(path, GZIP);
      expect([plain.status, zipped.status]).toEqual([200, 200]);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      for (const response of [plain, zipped]) expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      // gzip's magic bytes, then the very file the uncompressed answer carries.
      expect([zipped.body[0], zipped.body[1]]).toEqual([0x1f, 0x8b]);
      expect(await gunzip(zipped.body)).toBe(new TextDecoder().decode(plain.body));
      expect(zipped.headers.get('content-type')).toBe(plain.headers.get('content-type'));
    }
    // Refused gzip gets the plain file; other paths are left to Cloudflare's own compression.
    const refused = await get('/data/scores.csv?region=gzip-data', { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(new TextDecoder().decode(refused.body)).toMatch(/^region,/);
    expect((await get('/api/v1/regions', GZIP)).headers.get('content-encoding')).toBeNull();
  });

  it("follows the reader's own Accept-Encoding, not the br, gzip the platform puts in its place", async () => {
    const org = await createOrganisation({ region: 'gzip-reader' });
    await insertRatings(org, same(12, [4, 4, 4, 3, 4, 3, 4, 3, 4], '2026-04-04'));
    const path = '/data/responses.csv?region=gzip-reader';
    const presented = { 'accept-encoding': 'br, gzip' };
    // `curl -O` sends no Accept-Encoding: it must get a CSV it can open, not gzip bytes named .csv.
    const curl = await get(path, presented, { clientAcceptEncoding: '' });
    expect(curl.headers.get('content-encoding')).toBeNull();
    expect(new TextDecoder().decode(curl.body)).toMatch(/^[a-z_]+,/);
    const browser = await get(path, presented, { clientAcceptEncoding: 'gzip, deflate, br, zstd' });
    expect(browser.headers.get('content-encoding')).toBe('gzip');
    expect(await gunzip(browser.body)).toBe(new TextDecoder().decode(curl.body));
  });

  it('keeps one cached copy and gives each reader its encoding, with a weak ETag for the gzip body', async () => {
    const org = await createOrganisation({ region: 'gzip-cache' });
    await insertRatings(org, same(12, [3, 3, 4, 3, 4, 3, 4, 3, 3], '2026-03-03'));
    const path = '/data/scores.csv?region=gzip-cache';
    const zippedFirst = await get(path, GZIP);
    const plain = await get(path);
    const zippedAgain = await get(path, GZIP);
    expect([zippedFirst, plain, zippedAgain].map((r) => r.headers.get('x-cache'))).toEqual(['MISS', 'HIT', 'HIT']);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await gunzip(zippedAgain.body)).toBe(new TextDecoder().decode(plain.body));

    const strong = plain.headers.get('etag') ?? '';
    expect(strong).toMatch(/^"/);
    expect(zippedAgain.headers.get('etag')).toBe(`W/${strong}`);
    // Either validator revalidates the reader's copy: 304, with the ETag of the encoding it asked for.
    const revalidated = await get(path, { ...GZIP, 'if-none-match': `W/${strong}` });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(`W/${strong}`);
    expect((await get(path, { 'if-none-match': strong })).headers.get('etag')).toBe(strong);
  });
});
