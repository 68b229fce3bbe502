/**
 * @module
 * Open-data downloads (`/data/*.csv`, `/data/*.json`) gzip-compressed for clients that send `Accept-Encoding: gzip`
 * (docs/open-data.md "Compression"). Applied after the edge cache, so the cache keeps one uncompressed copy per key
 * and each reader gets the encoding it asked for; the gzip body carries the weak form of the file's ETag.
 */

/** Paths whose answers are compressed: every open-data file, live or from a snapshot. */
const COMPRESSIBLE_PATH = /^\/data\/.+\.(csv|json)$/;
const COMPRESSIBLE_TYPE = /^(text\/csv|application\/json)\b/;

/** True when `Accept-Encoding` accepts gzip (`gzip` or `*`, with a quality above 0). */
export function acceptsGzip(acceptEncoding: string | null): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((item) => {
    const [coding = '', ...params] = item.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * What the reader itself accepts. Cloudflare, and wrangler dev like it, hand every request to the Worker with
 * `Accept-Encoding: br, gzip` and keep the reader's own header in `cf.clientAcceptEncoding` (empty when it sent none).
 */
function readerAcceptEncoding(request: Request): string | null {
  const original = request.cf?.clientAcceptEncoding;
  return typeof original === 'string' ? original : request.headers.get('accept-encoding');
}

/** The weak form of an ETag: the compressed body is the same file, not the same bytes (RFC 9110 §8.8.1). */
const weak = (etag: string) => (etag.startsWith('W/') ? etag : `W/${etag}`);

export function withCompression(request: Request, response: Response): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD') return response;
  if (!COMPRESSIBLE_PATH.test(new URL(request.url).pathname)) return response;
  const ok = response.status === 200 && COMPRESSIBLE_TYPE.test(response.headers.get('content-type') ?? '');
  if (!ok && response.status !== 304) return response;
  if (response.headers.has('content-encoding')) return response;
  const headers = new Headers(response.headers);
  // Any cache between us and the reader must keep the two encodings apart.
  headers.append('vary', 'Accept-Encoding');
  if (!acceptsGzip(readerAcceptEncoding(request))) {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  const etag = headers.get('etag');
  if (etag) headers.set('etag', weak(etag));
  if (response.status === 304) return new Response(null, { status: 304, headers });
  headers.set('content-encoding', 'gzip');
  headers.delete('content-length');
  const body = response.body?.pipeThrough(new CompressionStream('gzip')) ?? null;
  // The body is already gzip: the runtime must send it as it is, not encode it again.
  return new Response(body, { status: 200, statusText: response.statusText, headers, encodeBody: 'manual' });
}
