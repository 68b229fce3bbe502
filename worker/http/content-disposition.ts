/**
 * @module
 * The `Content-Disposition` of a response saved as a file (RFC 6266): a quoted ASCII `filename` for every client,
 * and the exact name as `filename*` (RFC 8187, UTF-8) for the clients that read it.
 */

/** `attachment` saves the file and leaves the page where it is; `inline` lets the browser show it. */
export function contentDisposition(type: 'attachment' | 'inline', filename: string): string {
  // The fallback keeps letters without their accents and turns anything a quoted string or a file system
  // might misread (quotes, backslashes, percent signs, path separators, control characters) into '_'.
  const ascii = filename
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%/]/g, '_');
  // encodeURIComponent leaves ' ( ) * as they are, which RFC 8187's attr-char does not allow.
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
