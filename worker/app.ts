/**
 * @module
 * The Hono app for the API-owned paths (`/api`, `/r`, `/data`, `/bukti`, `/og`); worker/index.ts puts the Astro site
 * behind it and tests drive it directly (README "Architecture").
 */
import { apiDocs, apiDocsHeaders } from './http/api-docs';
import { SECURITY } from './http/openapi';
import { publicOrigin } from './http/origin';
import { onError, problem, problemResponse } from './http/problem';
import { createRouter } from './http/router';
import { ADMIN_BASE, adminRouter } from './routes/admin';
import { agencyRouter } from './routes/agency';
import { evidenceRouter } from './routes/evidence';
import { followUpRouter } from './routes/follow-up';
import { ogRouter } from './routes/og';
import { openDataRouter } from './routes/open-data';
import { ratingFormRouter } from './routes/rating-form';
import { regionsRouter } from './routes/regions';
import { responsesRouter } from './routes/responses';
import { scoresRouter } from './routes/scores';
import { ADMIN_SESSION_COOKIE } from './security/admin-auth';

export const app = createRouter();

app.route('/api/v1/regions', regionsRouter);
app.route('/api/v1/regions', scoresRouter);
app.route('/api/v1/regions', followUpRouter);
app.route('/api/v1/responses', responsesRouter);
app.route('/api/v1/agency', agencyRouter);
app.route(ADMIN_BASE, adminRouter);
app.route('/data', openDataRouter);
app.route('/r', ratingFormRouter);
app.route('/bukti', evidenceRouter);
app.route('/og', ogRouter);

app.doc31('/api/v1/openapi.json', (c) => ({
  openapi: '3.1.0',
  info: {
    title: 'Suara Layanan API',
    version: '1.0.0',
    description:
      'Citizen satisfaction (SKM/IKM, PermenPANRB 14/2017) for Indonesian public services: ratings, indicators and open data.',
    license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
  },
  // Every path is absolute from the portal's origin (`/api/…`, `/data/…`, `/bukti/…`).
  servers: [{ url: publicOrigin(c.env, c.req.url), description: 'This portal' }],
}));
app.openAPIRegistry.registerComponent('securitySchemes', SECURITY.agencyKey, {
  type: 'http',
  scheme: 'bearer',
  description: 'Agency API key (`sl_live_…`), scoped to one region; created by an admin, shown once.',
});
app.openAPIRegistry.registerComponent('securitySchemes', SECURITY.adminToken, {
  type: 'http',
  scheme: 'bearer',
  description: 'The bootstrap super-admin token (secret `ADMIN_TOKEN`).',
});
app.openAPIRegistry.registerComponent('securitySchemes', SECURITY.adminSession, {
  type: 'apiKey',
  in: 'cookie',
  name: ADMIN_SESSION_COOKIE,
  description:
    'Console session from `POST /api/v1/admin/session`; unsafe methods also need the `X-CSRF-Token` header and a same-origin request.',
});
app.get('/api/docs', apiDocsHeaders, apiDocs);

// Unknown API paths answer problem+json instead of falling through to the site's HTML 404.
app.all('/api/*', () => problemResponse(problem(404, 'No such API endpoint.')));
app.notFound(() => problemResponse(problem(404)));
app.onError(onError);

/** True for the paths this app owns; everything else is the Astro site's. */
export function isApiPath(pathname: string): boolean {
  return /^\/(api|r|data|bukti|og)(\/|$)/.test(pathname) && pathname !== '/data' && pathname !== '/data/';
}
