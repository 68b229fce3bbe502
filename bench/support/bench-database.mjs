/**
 * @module
 * Throw-away local D1 databases for the benches, filled inside SQLite (`node:sqlite`, a recursive CTE, indexes and
 * triggers dropped during the load) fast enough for 10,000,000 responses; rollups from `REBUILD_ROLLUPS_SQL`.
 * Shapes `city` (one region, 20 units) and `national` (550 regions); `cache: true` reuses a database by its hash.
 * bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../scripts/local-portal.mjs';

export const UNITS = 20;
export const COUNTERS_PER_UNIT = 3;
export const SERVICES_PER_UNIT = 2;
export const YEAR = 2025;
export const NATIONAL_REGIONS = 550;
export const NATIONAL_UNITS_PER_REGION = 10;
export const BIN = path.join(ROOT, 'node_modules', '.bin');
export const ENV = {
  ...process.env,
  PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
  WRANGLER_SEND_METRICS: 'false',
};
const DAY_MS = 86_400_000;

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

/** What the generator needs from the TypeScript sources: the rebuild statements and the official region list. */
function fromSources() {
  const script = `Promise.all([import('./schema/rollups.ts'), import('./domain/region-codes.ts')]).then(([r, c]) =>
    process.stdout.write(JSON.stringify({ rebuild: r.REBUILD_ROLLUPS_SQL, areas: c.officialAreas()
      .map((a) => ({ code: a.code, name: a.name, slug: c.slugFromName(a.name), timezone: c.provinceTimeZone(a.province.code) })) })))`;
  const result = spawnSync(path.join(BIN, 'tsx'), ['-e', script], { cwd: ROOT, env: ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

/** A SQL list literal picked by a hash: `CASE h % 3 WHEN 0 THEN 'a' … END`. */
const pick = (hash, values) =>
  `CASE ${hash} % ${values.length} ${values.map((v, i) => `WHEN ${i} THEN '${v}'`).join(' ')} END`;
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

/** The regions of a shape: `[{ id, slug, name, code, timezone }]`. */
function regionsOf(shape, areas) {
  if (shape === 'city') return [{ id: 1, slug: 'bench', name: 'Kota Bench', code: null, timezone: 'Asia/Jakarta' }];
  const seen = new Set();
  return areas.slice(0, NATIONAL_REGIONS).map((area, i) => {
    const slug = seen.has(area.slug) ? `${area.slug}-${area.code.replace('.', '')}` : area.slug;
    seen.add(slug);
    return { id: i + 1, slug, name: area.name, code: area.code, timezone: area.timezone };
  });
}

/** The organisation: regions, their units (ids 1…), counters and services, as INSERT statements. */
function organisationSql(regions, unitsPerRegion) {
  const lines = regions.map(
    (r) =>
      `INSERT INTO regions (id, slug, name, timezone, code) VALUES (${r.id}, ${quote(r.slug)}, ${quote(r.name)}, ${quote(r.timezone)}, ${r.code === null ? 'NULL' : quote(r.code)})`,
  );
  const units = [];
  const services = [];
  const counters = [];
  for (const region of regions) {
    for (let k = 1; k <= unitsPerRegion; k += 1) {
      const u = (region.id - 1) * unitsPerRegion + k;
      units.push(`(${u}, ${region.id}, 'unit-${k}', 'Unit ${k}', 10000, 80)`);
      for (let s = 1; s <= SERVICES_PER_UNIT; s += 1) {
        const id = (u - 1) * SERVICES_PER_UNIT + s;
        services.push(`(${id}, ${u}, 'layanan-${s}', 'Layanan ${s}')`);
      }
      for (let c = 1; c <= COUNTERS_PER_UNIT; c += 1) {
        const id = (u - 1) * COUNTERS_PER_UNIT + c;
        counters.push(`(${id}, ${u}, 'bench${String(id).padStart(6, '0')}', 'Loket ${c}')`);
      }
    }
  }
  const batches = (head, rows) => {
    for (let i = 0; i < rows.length; i += 500) lines.push(`${head} VALUES ${rows.slice(i, i + 500).join(', ')}`);
  };
  batches('INSERT INTO units (id, region_id, slug, name, population, ikm_target)', units);
  batches('INSERT INTO services (id, unit_id, slug, name)', services);
  batches('INSERT INTO counters (id, unit_id, code, name)', counters);
  return lines;
}

/**
 * `n` responses spread over `units` units (unit u drawn with weight ~u, so sizes differ; quality biased by unit)
 * and `days` days from `firstDay` (epoch ms of a UTC midnight; answered at 03:00 UTC, the same local date in WIB,
 * WITA and WIT). With `profiles`, respondents also get a gender, age, education and occupation (one in ten none),
 * so the microdata's k-anonymity plan has real groups to blank.
 */
function responsesSql(n, { units, unitsPerRegion, firstDay, days, profiles }) {
  const score = (e) => `min(4, max(1, 1 + (abs(random()) % 4) + ((unit + ${e}) % 3 = 0)))`;
  const profileColumns = profiles ? ', gender, age, education, occupation' : '';
  const profileValues = profiles
    ? `, CASE WHEN p % 10 = 0 THEN NULL ELSE ${pick('(p / 10)', ['L', 'P'])} END,
  CASE WHEN p % 10 = 0 THEN NULL ELSE 15 + (p / 20) % 60 END,
  CASE WHEN p % 10 = 0 THEN NULL ELSE ${pick('(p / 1200)', ['SD', 'SMP', 'SMA', 'D1-D3', 'D4-S1', 'S2', 'S3'])} END,
  CASE WHEN p % 10 = 0 THEN NULL ELSE ${pick('(p / 8400)', ['PNS', 'TNI', 'POLRI', 'SWASTA', 'WIRAUSAHA', 'PELAJAR', 'LAINNYA'])} END`
    : '';
  const firstDate = new Date(firstDay).toISOString().slice(0, 10);
  const lines = [];
  const chunk = 100_000;
  for (let start = 0; start < n; start += chunk) {
    const count = Math.min(chunk, n - start);
    lines.push(`INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, service_id, channel,
  u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at, local_date${profileColumns})
WITH RECURSIVE seq(i) AS (SELECT ${start + 1} UNION ALL SELECT i + 1 FROM seq WHERE i < ${start + count}),
-- Deterministic hashes of i, not random(): SQLite may evaluate a CTE column once per reference, and a unit
-- drawn twice would give a response a counter of another unit.
draws AS (SELECT i, 1 + CAST(sqrt(((i * 1103515245 + 12345) % 2147483648) % ${units * units}) AS INTEGER) AS unit,
  (i * 2654435761) % 4294967296 AS r, (i * 40503 + 7) % 1000003 AS p FROM seq)
SELECT 'r' || i, 'b' || i, 1 + (unit - 1) / ${unitsPerRegion}, unit, (unit - 1) * ${COUNTERS_PER_UNIT} + 1 + r % ${COUNTERS_PER_UNIT},
  (unit - 1) * ${SERVICES_PER_UNIT} + 1 + (r / 7) % ${SERVICES_PER_UNIT}, 'qr',
  ${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(score).join(', ')},
  ${firstDay + 3 * 3_600_000} + ((r / 11) % ${days}) * ${DAY_MS}, date('${firstDate}', '+' || ((r / 11) % ${days}) || ' days')${profileValues}
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

/** The key of a cached database: what it was generated from. */
function cacheKey(n, options, sources) {
  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  for (const file of readdirSync(path.join(ROOT, 'migrations')).sort()) {
    if (file.endsWith('.sql')) hash.update(readFileSync(path.join(ROOT, 'migrations', file)));
  }
  hash.update(JSON.stringify({ n, options, rebuild: sources.rebuild }));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A fresh database (migrated, filled, rolled up) in a temporary folder; returns `{ persistTo, counts, generation,
 * bytes, cached }`. Options: `shape` ('city' | 'national'), `profiles`, `cache` (keep and reuse; never delete a
 * cached `persistTo`: `release()` does the right thing).
 */
export async function prepareBenchDatabase(n, options = {}) {
  const { shape = 'city', profiles = false, cache = false } = options;
  const sources = fromSources();
  // The national shape ends today, so a cached one is only reused the same day.
  const day = shape === 'national' ? new Date().toISOString().slice(0, 10) : YEAR;
  const cacheDir = path.join(
    tmpdir(),
    'suara-bench-cache',
    `${shape}-${n}-${cacheKey(n, { shape, profiles, day }, sources)}`,
  );
  if (cache && existsSync(path.join(cacheDir, 'ready.json'))) {
    const ready = JSON.parse(readFileSync(path.join(cacheDir, 'ready.json'), 'utf8'));
    console.log(
      `  ${n.toLocaleString('en')} responses (${shape}): reusing the database generated earlier (${cacheDir})`,
    );
    return { ...ready, persistTo: path.join(cacheDir, 'db'), cached: true, release: () => {} };
  }
  const persistTo = mkdtempSync(path.join(tmpdir(), `suara-bench-${shape}-${n}-`));
  wrangler(persistTo, 'migrations', 'apply', 'DB');
  const regions = regionsOf(shape, sources.areas);
  const unitsPerRegion = shape === 'city' ? UNITS : NATIONAL_UNITS_PER_REGION;
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  const period =
    shape === 'city' ? { firstDay: Date.UTC(YEAR, 0, 1), days: 365 } : { firstDay: today - 364 * DAY_MS, days: 365 };
  const { DatabaseSync } = await import('node:sqlite');
  const file = sqliteFile(persistTo);
  const db = new DatabaseSync(file);
  const started = Date.now();
  // Bulk load: the responses' secondary indexes and triggers are dropped and recreated after (same final schema).
  const dropped = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = 'responses' AND sql IS NOT NULL`,
    )
    .all();
  for (const { type, name } of dropped) db.exec(`DROP ${type === 'index' ? 'INDEX' : 'TRIGGER'} "${name}"`);
  db.exec('BEGIN');
  for (const statement of organisationSql(regions, unitsPerRegion)) db.exec(statement);
  const units = regions.length * unitsPerRegion;
  for (const statement of responsesSql(n, { units, unitsPerRegion, profiles, ...period })) db.exec(statement);
  db.exec('COMMIT');
  const loaded = Date.now();
  for (const { sql } of dropped) db.exec(sql);
  const indexed = Date.now();
  db.exec('BEGIN');
  for (const statement of sources.rebuild) db.exec(statement);
  db.exec('COMMIT');
  const rolled = Date.now();
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM regions) AS regions, (SELECT count(*) FROM units) AS units,
         (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM daily_rollups) AS rollupRows,
         (SELECT count(*) FROM monthly_rollups) AS monthlyRows, (SELECT sum(n) FROM daily_rollups) AS rolledUp,
         (SELECT sum(n) FROM monthly_rollups) AS rolledUpMonthly`,
    )
    .get();
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  const seconds = (ms) => Number((ms / 1000).toFixed(1));
  const generation = {
    responsesSeconds: seconds(loaded - started),
    indexesSeconds: seconds(indexed - loaded),
    rollupsSeconds: seconds(rolled - indexed),
  };
  const bytes = readdirSync(path.dirname(file))
    .filter((f) => f.startsWith(path.basename(file)))
    .reduce((sum, f) => sum + statSync(path.join(path.dirname(file), f)).size, 0);
  console.log(
    `  ${n.toLocaleString('en')} responses (${shape}): ${JSON.stringify(counts)}, ${(bytes / 1e9).toFixed(2)} GB, generated in ${JSON.stringify(generation)}`,
  );
  if (counts.responses !== n || counts.rolledUp !== n || counts.rolledUpMonthly !== n) {
    throw new Error(`the ${n} database does not hold what it should: ${JSON.stringify(counts)}`);
  }
  const ready = { counts, generation, bytes, regions: regions.map(({ id, slug, code }) => ({ id, slug, code })) };
  if (!cache) {
    return { ...ready, persistTo, cached: false, release: () => rmSync(persistTo, { recursive: true, force: true }) };
  }
  // Only one cached generation per shape and size: older keys are removed.
  const parent = path.dirname(cacheDir);
  mkdirSync(parent, { recursive: true });
  for (const old of readdirSync(parent)) {
    if (old.startsWith(`${shape}-${n}-`)) rmSync(path.join(parent, old), { recursive: true, force: true });
  }
  mkdirSync(cacheDir, { recursive: true });
  renameSync(persistTo, path.join(cacheDir, 'db'));
  writeFileSync(path.join(cacheDir, 'ready.json'), JSON.stringify(ready));
  return { ...ready, persistTo: path.join(cacheDir, 'db'), cached: false, release: () => {} };
}
