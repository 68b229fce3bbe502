/**
 * @module
 * `/robots.txt`: public pages and open data are for everyone; rating forms, the admin console and the API are not
 * search results.
 */
import { env } from 'cloudflare:workers';
import type { APIRoute } from 'astro';
import { publicOrigin } from '../../worker/http/origin';

export const GET: APIRoute = ({ url }) => {
  const origin = publicOrigin(env, url);
  const body = `User-agent: *
Allow: /
Disallow: /r/
Disallow: /admin
Disallow: /api/

Sitemap: ${origin}/sitemap.xml
`;
  return new Response(body, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=86400' },
  });
};
