/**
 * @module
 * `/sitemap.xml`: the home, method and data pages, every region and every unit page, in both languages.
 */
import { env } from 'cloudflare:workers';
import type { APIRoute } from 'astro';
import { database } from '../../worker/db/client';
import { readDatabase } from '../../worker/db/read';
import { listAllUnits, listRegions } from '../../worker/db/regions';
import { publicOrigin } from '../../worker/http/origin';

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export const GET: APIRoute = async ({ url }) => {
  const origin = publicOrigin(env, url);
  // Public page: read from the nearest replica (worker/db/read.ts).
  const read = readDatabase(env);
  const db = database(read);
  const paths = ['/', '/tentang', '/data'];
  // Two queries whatever the number of regions (D1 allows 1,000 per invocation; Indonesia has about 550 regions).
  const [regions, units] = await Promise.all([listRegions(db), listAllUnits(db)]);
  for (const region of regions) paths.push(`/${region.slug}`);
  for (const { region, unit } of units) paths.push(`/${region}/${unit}`);
  const entries = paths.map((path) => {
    const id = `${origin}${path}`;
    const en = `${origin}${path}?lang=en`;
    return `<url><loc>${escapeXml(id)}</loc><changefreq>daily</changefreq><xhtml:link rel="alternate" hreflang="id" href="${escapeXml(id)}"/><xhtml:link rel="alternate" hreflang="en" href="${escapeXml(en)}"/></url>`;
  });
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.join('\n')}
</urlset>
`;
  return new Response(xml, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
};
