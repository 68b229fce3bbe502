// A module's header says what it does in at most five lines and links to the docs for the rest (docs/architecture.md,
// "Guards"). Counts the text lines of each source file's leading JSDoc block (not `@module`) and fails on a header
// over five lines that scripts/lint-headers-baseline.json does not list. `--update` rewrites the baseline.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOTS = ['worker', 'site', 'domain', 'schema', 'scripts', 'bench', 'test'];
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const MAX_LINES = 5;
const BASELINE = 'scripts/lint-headers-baseline.json';

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

function headerLines(text) {
  if (!text.startsWith('/**')) return 0;
  return text
    .slice(3, text.indexOf('*/'))
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter((line) => line !== '' && line !== '@module').length;
}

const long = {};
for (const root of ROOTS) {
  for (const file of files(root)) {
    const lines = headerLines(readFileSync(file, 'utf8'));
    if (lines > MAX_LINES) long[file] = lines;
  }
}

if (process.argv.includes('--update')) {
  const sorted = Object.fromEntries(Object.entries(long).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(BASELINE, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(`lint:headers: baseline written, ${Object.keys(long).length} headers over ${MAX_LINES} lines`);
  process.exit(0);
}

const baseline = JSON.parse(readFileSync(BASELINE, 'utf8'));
const grown = Object.entries(long).filter(([file, n]) => n > (baseline[file] ?? MAX_LINES));
for (const [file, n] of grown) console.error(`${file}: a module header of ${n} lines (at most ${MAX_LINES})`);
if (grown.length > 0) process.exit(1);
console.log(`lint:headers: ${Object.keys(long).length} known headers over ${MAX_LINES} lines, none new`);
