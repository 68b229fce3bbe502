/**
 * `npm run bench [-- cache submit]`: every bench in this folder one after another (never in parallel: they would
 * measure each other), then one table of every goal (bench/results/<name>.json) with PASS or FAIL; fails if a goal
 * fails or a bench wrote no results. bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatGoal } from './support/goals.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs')
  .filter((file) => only.length === 0 || only.includes(file.replace(/\.mjs$/, '')))
  .sort();
const started = Date.now();
const exits = new Map();
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(process.execPath, [path.join(here, bench)], { stdio: 'inherit' });
  exits.set(bench, result.status ?? result.signal);
}

// A bench exits non-zero when one of its goals fails; that shows in its goals. Without fresh results it crashed.
const problems = [];

const goals = [];
for (const bench of benches) {
  const file = path.join(here, 'results', bench.replace(/\.mjs$/, '.json'));
  if (!existsSync(file)) {
    problems.push(`${bench} wrote no bench/results file (exit ${exits.get(bench)})`);
    continue;
  }
  const result = JSON.parse(readFileSync(file, 'utf8'));
  if (Date.parse(result.date) < started) {
    problems.push(
      `${bench} wrote no results in this run (exit ${exits.get(bench)}; bench/results holds ${result.date})`,
    );
    continue;
  }
  goals.push(...(result.goals ?? []));
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\n=== Goals (issue 10), measured in this run: ${new Date(started).toISOString()}, ${minutes} min ===`);
for (const goal of goals) console.log(formatGoal(goal));
for (const problem of problems) console.log(`FAIL  ${problem}`);
const failed = goals.filter((goal) => !goal.pass).length + problems.length;
console.log(failed === 0 ? `\nAll ${goals.length} goals hold.` : `\n${failed} of ${goals.length} goals fail.`);
process.exit(failed === 0 ? 0 : 1);
