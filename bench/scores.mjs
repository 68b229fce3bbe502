/**
 * `npm run bench:scores`: how the region scores endpoint's time changes between 1,000 and 10,000,000
 * stored responses. Two throw-away local D1 databases get the migrations (wrangler), then their SQLite
 * files are filled directly (node:sqlite, while no wrangler process holds them) with generated raw
 * responses (a recursive CTE in SQLite itself, secondary indexes rebuilt after the load) and their
 * rollups, daily and monthly (the production rebuild statement). The built portal is served twice with
 * `wrangler dev`, and requests alternate between the two servers so both see the same machine load. The
 * figure that matters is the RATIO of median times; a bare-Worker baseline (GET /api/v1/regions, which
 * does not depend on the data) shows the noise floor.
 *
 * Usage: npm run bench:scores [-- --requests 200 --large 10000000 --skip-build]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, freePort, ROOT, serve } from '../scripts/local-portal.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const REQUESTS = Number(option('requests', 200));
const WARMUP = 20;
const SIZES = [1_000, Number(option('large', 10_000_000))];
/** The goal of issue 10: a year's region scores at the large size cost at most this many times the small. */
const GOAL = 1.5;
const UNITS = 20;
const COUNTERS_PER_UNIT = 3;
const SERVICES_PER_UNIT = 2;
const YEAR = 2025;
const BIN = path.join(ROOT, 'node_modules', '.bin');
const ENV = {
  ...process.env,
  PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
  WRANGLER_SEND_METRICS: 'false',
};

function wrangler(persistTo, ...rest) {
  const result = spawnSync(path.join(BIN, 'wrangler'), ['d1', ...rest, '--local', '--persist-to', persistTo], {
    cwd: ROOT,
    env: ENV,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`wrangler d1 ${rest.join(' ')}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** The organisation (one region, 20 units with services and counters) and `n` responses of one year. */
function fillSql(n) {
  const lines = [`INSERT INTO regions (id, slug, name, timezone) VALUES (1, 'bench', 'Kota Bench', 'Asia/Jakarta')`];
  for (let u = 1; u <= UNITS; u += 1) {
    lines.push(
      `INSERT INTO units (id, region_id, slug, name, population, ikm_target) VALUES (${u}, 1, 'unit-${u}', 'Unit ${u}', 10000, 80)`,
    );
    for (let s = 1; s <= SERVICES_PER_UNIT; s += 1) {
      const id = (u - 1) * SERVICES_PER_UNIT + s;
      lines.push(`INSERT INTO services (id, unit_id, slug, name) VALUES (${id}, ${u}, 'layanan-${s}', 'Layanan ${s}')`);
    }
    for (let k = 1; k <= COUNTERS_PER_UNIT; k += 1) {
      const id = (u - 1) * COUNTERS_PER_UNIT + k;
      lines.push(
        `INSERT INTO counters (id, unit_id, code, name) VALUES (${id}, ${u}, 'bench${String(id).padStart(5, '0')}', 'Loket ${k}')`,
      );
    }
  }
  // Units get different sizes (unit u draws with weight ~u) and different quality (bias by unit).
  const score = (e) => `min(4, max(1, 1 + (abs(random()) % 4) + ((unit + ${e}) % 3 = 0)))`;
  const chunk = 100_000;
  for (let start = 0; start < n; start += chunk) {
    const count = Math.min(chunk, n - start);
    lines.push(`INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, service_id, channel,
  u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at, local_date)
WITH RECURSIVE seq(i) AS (SELECT ${start + 1} UNION ALL SELECT i + 1 FROM seq WHERE i < ${start + count}),
-- Deterministic hashes of i, not random(): SQLite may evaluate a CTE column once per reference, and a unit
-- drawn twice would give a response a counter of another unit.
draws AS (SELECT i, 1 + CAST(sqrt(((i * 1103515245 + 12345) % 2147483648) % ${UNITS * UNITS}) AS INTEGER) AS unit,
  (i * 2654435761) % 4294967296 AS r FROM seq)
SELECT 'r' || i, 'b' || i, 1, unit, (unit - 1) * ${COUNTERS_PER_UNIT} + 1 + r % ${COUNTERS_PER_UNIT},
  (unit - 1) * ${SERVICES_PER_UNIT} + 1 + r % ${SERVICES_PER_UNIT}, 'qr',
  ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(score).join(', ')},
  ${Date.UTC(YEAR, 0, 1)} + (r % 365) * 86400000, date('${YEAR}-01-01', '+' || (r % 365) || ' days')
FROM draws`);
  }
  return lines;
}

/** The local D1 database's SQLite file under `persistTo` (created by `wrangler d1 migrations apply`). */
function sqliteFile(persistTo) {
  const found = readdirSync(persistTo, { recursive: true }).filter(
    (f) =>
      String(f).endsWith('.sqlite') && String(f).includes('D1DatabaseObject') && !String(f).endsWith('metadata.sqlite'),
  );
  if (found.length !== 1) throw new Error(`expected one D1 SQLite file under ${persistTo}, found ${found.join(', ')}`);
  return path.join(persistTo, String(found[0]));
}

async function prepare(n) {
  const persistTo = mkdtempSync(path.join(tmpdir(), `suara-bench-${n}-`));
  wrangler(persistTo, 'migrations', 'apply', 'DB');
  // The production rebuild statements (worker/db/rollup-sql.ts: both rollup tables), written out by tsx.
  const rebuild = spawnSync(
    path.join(BIN, 'tsx'),
    [
      '-e',
      "import('./worker/db/rollup-sql.ts').then((m) => process.stdout.write(JSON.stringify(m.REBUILD_ROLLUPS_SQL)))",
    ],
    { cwd: ROOT, env: ENV, encoding: 'utf8' },
  );
  if (rebuild.status !== 0) throw new Error(rebuild.stderr);
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(sqliteFile(persistTo));
  const started = Date.now();
  // Bulk load: the responses' secondary indexes are dropped and rebuilt after (same final schema, much faster).
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'responses' AND sql IS NOT NULL`)
    .all();
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
  db.exec('BEGIN');
  for (const statement of fillSql(n)) db.exec(statement);
  db.exec('COMMIT');
  const loaded = Date.now();
  for (const { sql } of indexes) db.exec(sql);
  const indexed = Date.now();
  db.exec('BEGIN');
  for (const statement of JSON.parse(rebuild.stdout)) db.exec(statement);
  db.exec('COMMIT');
  const rolled = Date.now();
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM daily_rollups) AS rollupRows,
         (SELECT count(*) FROM monthly_rollups) AS monthlyRows, (SELECT sum(n) FROM daily_rollups) AS rolledUp,
         (SELECT sum(n) FROM monthly_rollups) AS rolledUpMonthly`,
    )
    .get();
  db.close();
  const seconds = (ms) => Number((ms / 1000).toFixed(1));
  const generation = {
    responsesSeconds: seconds(loaded - started),
    indexesSeconds: seconds(indexed - loaded),
    rollupsSeconds: seconds(rolled - indexed),
  };
  console.log(
    `  ${n.toLocaleString('en')} responses: ${JSON.stringify(counts)}, generated in ${JSON.stringify(generation)}`,
  );
  if (counts.responses !== n || counts.rolledUp !== n || counts.rolledUpMonthly !== n) {
    throw new Error(`the ${n} database does not hold what it should: ${JSON.stringify(counts)}`);
  }
  return { persistTo, counts, generation };
}

async function time(url) {
  const start = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - start;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

async function main() {
  if (!args.includes('--skip-build')) {
    console.log('Building the portal…');
    build({ quiet: true });
  }
  console.log('Preparing databases…');
  const databases = [];
  for (const n of SIZES) databases.push({ n, ...(await prepare(n)) });
  const servers = [];
  try {
    for (const db of databases) {
      servers.push(
        await serve({ port: await freePort(), persistTo: db.persistTo, quiet: true, vars: { ADMIN_TOKEN: 'bench' } }),
      );
    }
    const paths = {
      scores: `/api/v1/regions/bench/scores?period=${YEAR}`,
      baseline: '/api/v1/regions',
    };
    const samples = Object.fromEntries(Object.keys(paths).map((k) => [k, servers.map(() => [])]));
    for (const [kind, pathname] of Object.entries(paths)) {
      for (let i = 0; i < WARMUP; i += 1) for (const s of servers) await time(`${s.origin}${pathname}`);
      // Alternate servers request by request, so drift in machine load hits both sizes alike.
      for (let i = 0; i < REQUESTS; i += 1) {
        for (const [j, s] of servers.entries()) samples[kind][j].push(await time(`${s.origin}${pathname}`));
      }
    }
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      requests: REQUESTS,
      sizes: databases.map((db, j) => ({
        responses: db.n,
        rollupRows: db.counts.rollupRows,
        monthlyRollupRows: db.counts.monthlyRows,
        generation: db.generation,
        scoresMedianMs: Number(median(samples.scores[j]).toFixed(2)),
        scoresP90Ms: Number(percentile(samples.scores[j], 0.9).toFixed(2)),
        baselineMedianMs: Number(median(samples.baseline[j]).toFixed(2)),
      })),
    };
    const [small, large] = result.sizes;
    result.scoresRatio = Number((large.scoresMedianMs / small.scoresMedianMs).toFixed(2));
    result.baselineRatio = Number((large.baselineMedianMs / small.baselineMedianMs).toFixed(2));
    result.responsesRatio = large.responses / small.responses;
    result.rollupRowsRatio = Number((large.rollupRows / small.rollupRows).toFixed(1));
    result.monthlyRollupRowsRatio = Number((large.monthlyRollupRows / small.monthlyRollupRows).toFixed(1));
    result.goal = GOAL;
    result.pass = result.scoresRatio <= GOAL;
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', 'scores.json'), `${JSON.stringify(result, null, 2)}\n`);
    const label = (count) => (count >= 1_000_000 ? `${count / 1_000_000}M` : `${count / 1_000}k`);
    console.log(
      `\nregion scores ${label(large.responses)} / ${label(small.responses)}: ${result.scoresRatio.toFixed(2)}× (goal ≤ ${GOAL}×): ${result.pass ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `bare-Worker baseline ${label(large.responses)} / ${label(small.responses)}: ${result.baselineRatio.toFixed(2)}×`,
    );
    console.log(
      `medians: ${small.scoresMedianMs} ms at ${small.responses.toLocaleString('en')} responses, ${large.scoresMedianMs} ms at ${large.responses.toLocaleString('en')}`,
    );
  } finally {
    for (const s of servers) s.stop();
    for (const db of databases) rmSync(db.persistTo, { recursive: true, force: true });
  }
}

await main();
