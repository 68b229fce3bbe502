/**
 * A bare Worker on the same `wrangler dev` runtime as the portal: the benchmarks' yardstick, so that figures are
 * reported as ratios that survive a loaded machine. Shared by bench/submit.mjs and bench/exports.mjs.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, ROOT } from '../../scripts/local-portal.mjs';

/** Serves the module `source` (a Worker's `export default { fetch }`) from `dir`; resolves once it answers. */
export async function serveBareWorker(dir, source) {
  const entry = path.join(dir, 'bare.mjs');
  writeFileSync(entry, source);
  const port = await freePort();
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'wrangler'),
    [
      'dev',
      entry,
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--compatibility-date',
      '2026-10-01',
      '--name',
      'bare',
      '--show-interactive-dev-session=false',
    ],
    { cwd: dir, env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: 'ignore', detached: true },
  );
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i += 1) {
    try {
      await fetch(origin, { method: 'POST' });
      return { origin, child, stop: () => process.kill(-child.pid, 'SIGTERM') };
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  process.kill(-child.pid, 'SIGTERM');
  throw new Error('bare worker did not start');
}
