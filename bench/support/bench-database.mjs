/**
 * Throw-away local D1 databases for the benchmarks: an organisation (one region, 20 units with counters and
 * services) and `n` responses of one year generated inside SQLite (a recursive CTE with deterministic hashes),
 * folded into `daily_rollups` and `monthly_rollups` with the production rebuild statements. Shared by bench/scores.mjs and
 * bench/exports.mjs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../scripts/local-portal.mjs';

export const UNITS = 20;
export const COUNTERS_PER_UNIT = 3;
export const SERVICES_PER_UNIT = 2;
export const YEAR = 2025;
export const BIN = path.join(ROOT, 'node_modules', '.bin');
export const ENV = {
  ...process.env,
  PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
  WRANGLER_SEND_METRICS: 'false',
};

export function wrangler(persistTo, ...rest) {
  const result = spawnSync(path.join(BIN, 'wrangler'), ['d1', ...rest, '--local', '--persist-to', persistTo], {
    cwd: ROOT,
    env: ENV,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`wrangler d1 ${rest.join(' ')}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** A SQL list literal picked by a hash: `CASE h % 3 WHEN 0 THEN 'a' … END`. */
const pick = (hash, values) =>
  `CASE ${hash} % ${values.length} ${values.map((v, i) => `WHEN ${i} THEN '${v}'`).join(' ')} END`;

/**
 * The organisation and `n` responses of one year. With `profiles`, respondents also get a gender, age, education
 * and occupation (some left empty), so the microdata's k-anonymity plan has real groups to blank.
 */
export function fillSql(n, { profiles = false } = {}) {
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
  // Profiles from further bits of the hash; one respondent in ten answers none of the four questions.
  const profileColumns = profiles ? ', gender, age, education, occupation' : '';
  const profileValues = profiles
    ? `, CASE WHEN p % 10 = 0 THEN NULL ELSE ${pick('(p / 10)', ['L', 'P'])} END,
  CASE WHEN p % 10 = 0 THEN NULL ELSE 15 + (p / 20) % 60 END,
  CASE WHEN p % 10 = 0 THEN NULL ELSE ${pick('(p / 1200)', ['SD', 'SMP', 'SMA', 'D1-D3', 'D4-S1', 'S2', 'S3'])} END,
  CASE WHEN p % 10 = 0 THEN NULL ELSE ${pick('(p / 8400)', ['PNS', 'TNI', 'POLRI', 'SWASTA', 'WIRAUSAHA', 'PELAJAR', 'LAINNYA'])} END`
    : '';
  const chunk = 100_000;
  for (let start = 0; start < n; start += chunk) {
    const count = Math.min(chunk, n - start);
    lines.push(`INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, service_id, channel,
  u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at, local_date${profileColumns})
WITH RECURSIVE seq(i) AS (SELECT ${start + 1} UNION ALL SELECT i + 1 FROM seq WHERE i < ${start + count}),
-- Deterministic hashes of i, not random(): SQLite may evaluate a CTE column once per reference, and a unit
-- drawn twice would give a response a counter of another unit.
draws AS (SELECT i, 1 + CAST(sqrt(((i * 1103515245 + 12345) % 2147483648) % ${UNITS * UNITS}) AS INTEGER) AS unit,
  (i * 2654435761) % 4294967296 AS r, (i * 40503 + 7) % 1000003 AS p FROM seq)
SELECT 'r' || i, 'b' || i, 1, unit, (unit - 1) * ${COUNTERS_PER_UNIT} + 1 + r % ${COUNTERS_PER_UNIT},
  (unit - 1) * ${SERVICES_PER_UNIT} + 1 + r % ${SERVICES_PER_UNIT}, 'qr',
  ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(score).join(', ')},
  ${Date.UTC(YEAR, 0, 1)} + (r % 365) * 86400000, date('${YEAR}-01-01', '+' || (r % 365) || ' days')${profileValues}
FROM draws`);
  }
  return lines;
}

/** A fresh database (migrated, filled, rolled up) in a temporary folder; returns it and its counts. */
export async function prepareBenchDatabase(n, options = {}) {
  const persistTo = mkdtempSync(path.join(tmpdir(), `suara-bench-${n}-`));
  wrangler(persistTo, 'migrations', 'apply', 'DB');
  const started = Date.now();
  const file = path.join(persistTo, 'fill.sql');
  writeFileSync(file, `${fillSql(n, options).join(';\n')};\n`);
  wrangler(persistTo, 'execute', 'DB', '--file', file);
  // The production rebuild statement (worker/db/rollup-sql.ts), written out by tsx.
  const rebuild = spawnSync(
    path.join(BIN, 'tsx'),
    [
      '-e',
      "import('./worker/db/rollup-sql.ts').then((m) => process.stdout.write(m.REBUILD_ROLLUPS_SQL.join(';\\n') + ';\\n'))",
    ],
    { cwd: ROOT, env: ENV, encoding: 'utf8' },
  );
  if (rebuild.status !== 0) throw new Error(rebuild.stderr);
  const rollupFile = path.join(persistTo, 'rollups.sql');
  writeFileSync(rollupFile, rebuild.stdout);
  wrangler(persistTo, 'execute', 'DB', '--file', rollupFile);
  const counts = JSON.parse(
    wrangler(
      persistTo,
      'execute',
      'DB',
      '--json',
      '--command',
      `SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM daily_rollups) AS rollupRows,
         (SELECT count(*) FROM monthly_rollups) AS monthlyRows, (SELECT sum(n) FROM daily_rollups) AS rolledUp,
         (SELECT sum(n) FROM monthly_rollups) AS rolledUpMonthly`,
    ),
  )[0].results[0];
  console.log(
    `  ${n.toLocaleString('en')} responses: ${JSON.stringify(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (counts.responses !== n || counts.rolledUp !== n || counts.rolledUpMonthly !== n) {
    throw new Error(`the ${n} database does not hold what it should: ${JSON.stringify(counts)}`);
  }
  return { persistTo, counts };
}
