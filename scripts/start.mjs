/**
 * `npm start`: build the site, apply local D1 migrations, seed the demo data once, and serve the
 * whole portal (API + site, one Worker) at http://localhost:8787.
 */
import path from 'node:path';
import { build, ensureDevVars, prepareDatabase, ROOT, serve } from './local-portal.mjs';

const PORT = Number(process.env.PORT ?? 8787);
const persistTo = path.join(ROOT, '.wrangler', 'state');

ensureDevVars();
build();
const counters = prepareDatabase(persistTo);
const { child } = await serve({ port: PORT, persistTo });

const origin = `http://localhost:${PORT}`;
const counter = counters[0];
console.log(`
Suara Layanan is running at ${origin}

  Rating form (a counter's QR code):  ${counter ? `${origin}/r/${counter.code}` : `(see ${origin}/admin)`}
  Region page:                        ${origin}/tanjungpinang
  Admin console:                      ${origin}/admin   (token: ADMIN_TOKEN in .dev.vars)
  API documentation:                  ${origin}/api/docs

Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child.kill('SIGTERM');
    process.exit(0);
  });
}
await new Promise((resolve) => child.on('exit', resolve));
