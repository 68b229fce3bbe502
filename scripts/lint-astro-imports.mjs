// dependency-cruiser reads .astro files as loose JavaScript and so misses some of their `import type` lines: this
// applies its site-through-services rule (.dependency-cruiser.cjs) to every import of a page's frontmatter, read
// with TypeScript's scanner (docs/architecture.md). Known: dependency-cruiser's baseline and KNOWN, today's misses.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

const KNOWN = new Set([
  'site/components/CommentList.astro → worker/db/public-comments.ts',
  'site/components/IkmTrendChart.astro → worker/indicators/scores.ts',
  'site/components/ServiceTable.astro → worker/indicators/service-scores.ts',
]);

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
for (const known of require('../.dependency-cruiser-known-violations.json')) {
  if (known.rule.name === 'site-through-services') KNOWN.add(`${known.from} → ${known.to}`);
}
const rule = config.forbidden.find(({ name }) => name === 'site-through-services');
const from = new RegExp(rule.from.path);
const to = new RegExp(rule.to.path);
const allowed = new RegExp(rule.to.pathNot);

function* astroFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* astroFiles(path);
    else if (entry.name.endsWith('.astro')) yield path;
  }
}

/** A relative specifier as a repository path, the way the bundler resolves it (extension optional). */
function resolve(file, specifier) {
  const base = normalize(join(dirname(file), specifier));
  return ['', '.ts', '.tsx', '/index.ts'].map((suffix) => base + suffix).find(existsSync) ?? base;
}

const violations = [];
for (const file of astroFiles('site')) {
  if (!from.test(file)) continue;
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  for (const { fileName } of ts.preProcessFile(frontmatter, true, true).importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const target = resolve(file, fileName);
    const edge = `${file} → ${target}`;
    if (to.test(target) && !allowed.test(target) && !KNOWN.has(edge)) violations.push(edge);
  }
}
for (const edge of new Set(violations)) console.error(`lint:astro-imports: site-through-services: ${edge}`);
if (violations.length > 0) process.exit(1);
console.log(`lint:astro-imports: no new site-through-services imports in .astro frontmatter (${KNOWN.size} known)`);
