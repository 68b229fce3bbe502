/**
 * `npm run bench:exports [-- --skip-build]`: rows per second and workerd's memory growth while `responses.csv|json`
 * and `scores.csv` stream at 100k and 1M responses, live and after the nightly snapshot. Goals: ≥ 100,000 rows/s
 * after the night at 1M, memory growth at 1M at most 1.5× that at 100k (or under 64 MB). bench/README.md, "Exports".
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { build, freePort, ROOT, serve } from '../scripts/local-portal.mjs';
import { prepareBenchDatabase } from './support/bench-database.mjs';
import { atLeast, atMost } from './support/goals.mjs';
import { rssMb, workerdPids } from './support/processes.mjs';
import { BYPASS_EDGE_CACHE, serveBareWorker } from './support/throughput.mjs';

/**
 * The yardstick: a Worker that streams `?rows=` synthetic rows of responses.csv's shape, 64 KB chunks, no D1.
 * Its rows/s is what the runtime, the local proxy and this client manage on the machine right now.
 */
const BARE_EXPORT = `const encoder = new TextEncoder();
export default {
  fetch(request) {
    const rows = Number(new URL(request.url).searchParams.get('rows') ?? 0);
    let i = 0;
    let text = 'region,unit,service,month,channel,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age_band,education,occupation\\r\\n';
    return new Response(new ReadableStream({
      pull(controller) {
        while (text.length < 65536 && i < rows) {
          text += 'bench,unit-' + (1 + (i % 20)) + ',layanan-1,2025-03,qr,' + (1 + (i % 4)) + ',3,4,2,3,4,1,2,3,L,20-29,SMA,SWASTA\\r\\n';
          i += 1;
        }
        if (text) controller.enqueue(encoder.encode(text));
        text = '';
        if (i >= rows) controller.close();
      },
    }), { headers: { 'content-type': 'text/csv' } });
  },
};
`;

const args = process.argv.slice(2);
const SIZES = [100_000, 1_000_000];
const FILES = ['responses.csv', 'responses.json', 'scores.csv'];
/** The files the nightly snapshot's stored blocks serve. */
const STORED_FILES = ['responses.csv', 'responses.json'];
/** How long the nightly snapshot of a million responses may take (a dozen partitions, each a few seconds). */
const NIGHT_TIMEOUT_MS = 900_000;
const GOAL_ROWS_PER_SECOND = 100_000;
const FLAT_RATIO = 1.5;
const FLAT_BOUND_MB = 64;
/** Every download is cut off after this long: the bench must end by itself on a loaded machine. */
const DOWNLOAD_TIMEOUT_MS = 300_000;

/**
 * A GET that bypasses the edge cache. fetch always asks for gzip (and unpacks it), so an uncompressed download goes
 * through node:http, which sends no `Accept-Encoding` unless told, as curl does.
 */
async function get(url, { gzip, signal }) {
  if (gzip) return fetch(url, { signal, headers: { ...BYPASS_EDGE_CACHE, 'accept-encoding': 'gzip' } });
  const message = await new Promise((resolve, reject) => {
    http.get(url, { signal, headers: BYPASS_EDGE_CACHE }, resolve).on('error', reject);
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) headers.set(name, String(value));
  return { ok: message.statusCode === 200, status: message.statusCode, headers, body: message };
}

/**
 * Downloads `file` (and its `rel="next"` parts) counting data rows and bytes, sampling RSS meanwhile. Uncompressed
 * unless `gzip` (the goals measure the file as curl gets it; Node's fetch would otherwise ask for gzip and unpack it).
 */
async function download(origin, file, pids, start = `/data/${file}`, { gzip = false } = {}) {
  const before = rssMb(pids);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pids));
  }, 50);
  const started = performance.now();
  let rows = 0;
  let bytes = 0;
  let parts = 0;
  let next = start;
  const deadline = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
  try {
    while (next) {
      // A repeated download would otherwise come from the edge cache at millions of rows/s and measure the cache.
      const response = await get(`${origin}${next}`, { gzip, signal: deadline });
      if ((response.headers.get('content-encoding') === 'gzip') !== gzip) throw new Error(`${next}: wrong encoding`);
      if (!response.ok) throw new Error(`${next}: ${response.status}`);
      parts += 1;
      let newlines = 0;
      for await (const chunk of response.body) {
        bytes += chunk.byteLength;
        for (let i = 0; i < chunk.length; i += 1) if (chunk[i] === 10) newlines += 1;
      }
      // CSV: one line per row plus the header. JSON: '[', one line per row, ']'.
      rows += Math.max(0, newlines - (file.endsWith('.csv') ? 1 : 2));
      next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, rssMb(pids));
  return {
    file,
    rows,
    bytes,
    parts,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    rssBeforeMb: Number(before.toFixed(1)),
    rssPeakMb: Number(peak.toFixed(1)),
    rssGrowthMb: Number((peak - before).toFixed(1)),
  };
}

/**
 * Runs the nightly snapshot on the served portal and waits until its index is written: every partition stored.
 * Returns the seconds it took.
 */
async function runNight(origin) {
  const started = performance.now();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const cron = await fetch(`${origin}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('30 17 * * *')}`);
  if (!cron.ok) throw new Error(`/cdn-cgi/local/scheduled: ${cron.status}`);
  await cron.arrayBuffer();
  while (performance.now() - started < NIGHT_TIMEOUT_MS) {
    const index = await fetch(`${origin}/data/snapshots/${day}/SHA256SUMS`, { headers: BYPASS_EDGE_CACHE });
    await index.arrayBuffer();
    if (index.ok) return Number(((performance.now() - started) / 1000).toFixed(1));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`the nightly snapshot of ${day} did not finish within ${NIGHT_TIMEOUT_MS / 1000} s`);
}

async function main() {
  if (!args.includes('--skip-build')) {
    console.log('Building the portal…');
    build({ quiet: true });
  }
  const results = [];
  const bare = await serveBareWorker({ source: BARE_EXPORT });
  const barePids = workerdPids(bare.child.pid);
  try {
    for (const n of SIZES) {
      console.log(`Preparing ${n.toLocaleString('en')} responses…`);
      const db = await prepareBenchDatabase(n, { profiles: true });
      const server = await serve({
        port: await freePort(),
        persistTo: db.persistTo,
        quiet: true,
        localTraces: false,
        testScheduled: true,
      });
      try {
        const pids = workerdPids(server.child.pid);
        if (pids.length === 0) throw new Error('no workerd process found under wrangler dev');
        // Warm-up: load the code and open the database with a small file of each kind.
        for (const file of FILES)
          await (await fetch(`${server.origin}/data/${file}?from=2025-01&to=2025-01`)).arrayBuffer();
        const downloads = [];
        for (const file of FILES) {
          const result = await download(server.origin, file, pids);
          console.log(`  ${n.toLocaleString('en')}: ${JSON.stringify(result)}`);
          downloads.push(result);
        }
        // The yardstick just before and just after our responses.csv, alternating, so load drift hits both.
        const csv = downloads[0];
        const yardstick = [];
        for (let i = 0; i < 2; i += 1) {
          yardstick.push(await download(bare.origin, 'bare.csv', barePids, `/?rows=${csv.rows}`));
          if (i === 0) downloads[0] = await download(server.origin, FILES[0], pids);
        }
        const bareRowsPerSecond = Math.round((yardstick[0].rowsPerSecond + yardstick[1].rowsPerSecond) / 2);
        console.log(
          `  ${n.toLocaleString('en')}: bare Worker ${bareRowsPerSecond.toLocaleString('en')} rows/s; responses.csv again (uncached) ${downloads[0].rowsPerSecond.toLocaleString('en')} rows/s`,
        );
        const nightSeconds = await runNight(server.origin);
        console.log(`  ${n.toLocaleString('en')}: the nightly snapshot took ${nightSeconds} s`);
        const afterNight = [];
        for (const file of STORED_FILES) {
          const result = await download(server.origin, file, pids);
          console.log(`  ${n.toLocaleString('en')} after the night: ${JSON.stringify(result)}`);
          afterNight.push(result);
        }
        // As a browser gets them: gzipped by the Worker as they stream (worker/http/compression.ts). Not a goal.
        const afterNightGzip = [];
        for (const file of STORED_FILES) {
          const result = await download(server.origin, file, pids, undefined, { gzip: true });
          console.log(`  ${n.toLocaleString('en')} after the night, gzip: ${JSON.stringify(result)}`);
          afterNightGzip.push(result);
        }
        results.push({
          responses: n,
          stored: db.counts.responses,
          downloads,
          nightSeconds,
          afterNight,
          afterNightGzip,
          bareRowsPerSecond,
          ratioToBare: Number((downloads[0].rowsPerSecond / bareRowsPerSecond).toFixed(3)),
          loadAverage: loadavg()[0],
        });
      } finally {
        server.stop();
        rmSync(db.persistTo, { recursive: true, force: true });
      }
    }
  } finally {
    bare.stop();
  }
  const of = (size, file) => results.find((r) => r.responses === size)?.downloads.find((d) => d.file === file);
  const ofNight = (size, file) => results.find((r) => r.responses === size)?.afterNight.find((d) => d.file === file);
  const large = ofNight(1_000_000, 'responses.csv');
  const small = ofNight(100_000, 'responses.csv');
  const speed = STORED_FILES.every((file) => ofNight(1_000_000, file).rowsPerSecond >= GOAL_ROWS_PER_SECOND);
  const memoryGoals = [
    ...FILES.map((file) => ({ id: `exports.memory.${file}`, label: file, at: of })),
    ...STORED_FILES.map((file) => ({
      id: `exports.memory.night.${file}`,
      label: `${file} after the night`,
      at: ofNight,
      file,
    })),
  ].map(({ id, label, at, file = label }) =>
    atMost(
      id,
      `${label}: workerd RSS growth at 1M rows (MB; 100k rows: ${at(100_000, file).rssGrowthMb} MB)`,
      at(1_000_000, file).rssGrowthMb,
      Math.max(FLAT_BOUND_MB, FLAT_RATIO * at(100_000, file).rssGrowthMb),
      'MB',
    ),
  );
  const flat = memoryGoals.every((goal) => goal.pass);
  const summary = {
    goals: [
      ...STORED_FILES.map((file) =>
        atLeast(
          `exports.${file}`,
          `${file} at 1M rows after the nightly snapshot, no edge cache (rows/s; live from D1: ${of(1_000_000, file).rowsPerSecond.toLocaleString('en')})`,
          ofNight(1_000_000, file).rowsPerSecond,
          GOAL_ROWS_PER_SECOND,
          'rows/s',
        ),
      ),
      ...memoryGoals,
    ],
    date: new Date().toISOString(),
    node: process.version,
    results,
    rowsPerSecondRatio: Number((large.rowsPerSecond / small.rowsPerSecond).toFixed(2)),
    goalRowsPerSecond: speed ? 'PASS' : 'FAIL',
    memoryFlat: flat ? 'PASS' : 'FAIL',
  };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'exports.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    `\nresponses.csv at 1,000,000 rows after the night: ${large.rowsPerSecond.toLocaleString('en')} rows/s (${large.seconds} s, ${large.parts} part(s)), workerd RSS +${large.rssGrowthMb} MB (+${small.rssGrowthMb} MB at 100,000 rows); live from D1: ${of(1_000_000, 'responses.csv').rowsPerSecond.toLocaleString('en')} rows/s.`,
  );
  const big = results.find((r) => r.responses === 1_000_000);
  console.log(
    `responses.csv vs a bare Worker streaming the same rows: ${big.ratioToBare} at 1M rows (bare ${big.bareRowsPerSecond.toLocaleString('en')} rows/s; load average ${big.loadAverage.toFixed(1)} on ${navigator.hardwareConcurrency} cores).`,
  );
  console.log(`goal ≥ 100k rows/s: ${summary.goalRowsPerSecond}`);
  console.log(
    `memory flat: ${summary.memoryFlat} (RSS growth at 1M rows ≤ ${FLAT_RATIO}× the growth at 100k rows, or ≤ ${FLAT_BOUND_MB} MB, for every file)`,
  );
  if (!speed || !flat) process.exitCode = 1;
}

await main();
