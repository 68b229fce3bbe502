/**
 * `npm start`: build the site, apply local D1 migrations, seed the demo data once, and serve the
 * whole portal (API + site, one Worker) at http://localhost:8787, or on `PORT` (README, "Quick start").
 */
import path from 'node:path';
import { build, ensureDevVars, prepareDatabase, ROOT, serve, startSettings } from './local-portal.mjs';

const settings = startSettings(process.env);
const persistTo = path.join(ROOT, '.wrangler', 'state');

ensureDevVars();
build();
const counters = prepareDatabase(persistTo);
const { origin, child } = await serve({ ...settings, persistTo });

const counter = counters[0];
console.log(`
Suara Layanan is running at ${origin}

  Rating form (a counter's QR code):  ${counter ? `${origin}/r/${counter.code}` : `(see ${origin}/admin)`}
  Region page:                        ${origin}/tanjungpinang
  Admin console:                      ${origin}/admin   (token: ADMIN_TOKEN in .dev.vars)
  API documentation:                  ${origin}/api/docs
${settings.vars.PUBLIC_ORIGIN ? `\n  Links and QR codes name PUBLIC_ORIGIN: ${settings.vars.PUBLIC_ORIGIN}\n` : ''}
Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child.kill('SIGTERM');
    process.exit(0);
  });
}
await new Promise((resolve) => child.on('exit', resolve));
