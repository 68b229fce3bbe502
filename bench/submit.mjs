/**
 * @module
 * How much server time a rating submission costs, as a ratio to a bare Worker on the same runtime, measured in one
 * run (absolute milliseconds depend on the machine; the ratio travels). Serves the built portal with `wrangler dev`
 * (the demo seed, as `npm start`) and a trivial Worker beside it, sends N sequential POSTs to each, and reports
 * medians: new ratings, repeats (idempotent answers), and the bare Worker.
 *
 *   npm run bench:submit            # N = 300
 *   npm run bench:submit -- 1000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, freePort, prepareDatabase, serve } from '../scripts/local-portal.mjs';
import { serveBareWorker } from './support/bare-worker.mjs';

const N = Number(process.argv[2] ?? 300);
const WARMUP = 30;

const BARE_WORKER = `export default { fetch: () => Response.json({ id: '00000000-0000-4000-8000-000000000000' }, { status: 201 }) };\n`;

function ratingBody(counter, i, submissionId) {
  const s = (k) => ((i + k) % 4) + 1;
  return JSON.stringify({
    counter,
    answers: { U1: s(0), U2: s(1), U3: s(2), U4: s(3), U5: s(1), U6: s(2), U7: s(3), U8: s(0), U9: s(i >> 2) },
    turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX',
    submissionId,
  });
}

async function timed(url, body, expected) {
  const start = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await response.arrayBuffer();
  const ms = performance.now() - start;
  if (!expected.includes(response.status)) throw new Error(`${url} answered ${response.status}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const dir = mkdtempSync(path.join(tmpdir(), 'suara-bench-'));
const stops = [];
try {
  build({ quiet: true });
  const counters = prepareDatabase(dir, { quiet: true });
  const portal = await serve({
    port: await freePort(),
    persistTo: dir,
    quiet: true,
    vars: {
      ENVIRONMENT: 'development',
      RATE_LIMIT_PER_DEVICE_COUNTER_HOUR: '1000000',
      RATE_LIMIT_PER_DEVICE_MINUTE: '1000000',
      TURNSTILE_SECRET_KEY: '',
      TURNSTILE_SITE_KEY: '',
    },
  });
  stops.push(portal.stop);
  const bare = await serveBareWorker(dir, BARE_WORKER);
  stops.push(bare.stop);

  const api = `${portal.origin}/api/v1/responses`;
  const fresh = [];
  const repeats = [];
  const bareTimes = [];
  const sent = [];
  // Interleaved, so both servers see the same machine load over the run.
  for (let i = 0; i < N + WARMUP; i += 1) {
    const counter = counters[i % counters.length].code;
    const body = ratingBody(counter, i, crypto.randomUUID());
    const t1 = await timed(api, body, [201]);
    const t2 = await timed(bare.origin, body, [201]);
    const t3 = await timed(api, body, [200]);
    if (i >= WARMUP) {
      fresh.push(t1);
      bareTimes.push(t2);
      repeats.push(t3);
      sent.push(body);
    }
  }
  const m = { fresh: median(fresh), repeat: median(repeats), bare: median(bareTimes) };
  console.log(
    `POST /api/v1/responses, ${N} sequential requests each after ${WARMUP} warm-up (wrangler dev, local D1):`,
  );
  console.log(`  bare Worker        median ${m.bare.toFixed(2)} ms  (ratio 1.00)`);
  console.log(`  new rating         median ${m.fresh.toFixed(2)} ms  (ratio ${(m.fresh / m.bare).toFixed(2)})`);
  console.log(`  repeat (idempotent) median ${m.repeat.toFixed(2)} ms  (ratio ${(m.repeat / m.bare).toFixed(2)})`);
  console.log(
    `  server time over the bare Worker: new rating +${(m.fresh - m.bare).toFixed(2)} ms, repeat +${(m.repeat - m.bare).toFixed(2)} ms`,
  );
} finally {
  for (const stop of stops) stop();
  rmSync(dir, { recursive: true, force: true });
}
