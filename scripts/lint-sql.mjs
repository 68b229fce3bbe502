// SQL lives in worker/db (docs/architecture.md, "Guards"): counts D1 calls — `.prepare(`, `.batch(`, and `.exec(` on
// `DB`/`d1` — in worker/, site/, domain/ and schema/ outside worker/db, and fails when a file has more than
// scripts/lint-sql-baseline.json allows. Tests may query D1 directly. `--update` rewrites the baseline (only ever down).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOTS = ['worker', 'site', 'domain', 'schema'];
const ALLOWED = /^worker\/db\//;
const SOURCE = /\.(ts|tsx|mts|js|mjs|astro)$/;
const D1_CALL = /\.\s*(?:prepare|batch)\s*\(|\b(?:DB|d1)\s*\.\s*exec\s*\(/g;
const BASELINE = 'scripts/lint-sql-baseline.json';

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

const counts = {};
for (const root of ROOTS) {
  for (const file of files(root)) {
    if (ALLOWED.test(file)) continue;
    const found = readFileSync(file, 'utf8').match(D1_CALL)?.length ?? 0;
    if (found > 0) counts[file] = found;
  }
}
const total = Object.values(counts).reduce((sum, n) => sum + n, 0);

if (process.argv.includes('--update')) {
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(BASELINE, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`lint:sql: baseline written, ${total} D1 calls outside worker/db in ${Object.keys(counts).length} files`);
  process.exit(0);
}

const baseline = JSON.parse(readFileSync(BASELINE, 'utf8'));
const grown = Object.entries(counts).filter(([file, n]) => n > (baseline[file] ?? 0));
for (const [file, n] of grown) {
  console.error(`lint:sql: ${file} has ${n} D1 calls (known: ${baseline[file] ?? 0}); move the SQL into worker/db`);
}
const known = Object.values(baseline).reduce((sum, n) => sum + n, 0);
if (grown.length > 0) process.exit(1);
const shrunk = total < known ? ` (baseline says ${known}: run node scripts/lint-sql.mjs --update)` : '';
console.log(`lint:sql: ${total} known D1 calls outside worker/db, none new${shrunk}`);
