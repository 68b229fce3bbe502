/**
 * `npm run bench`: every benchmark in this folder (`cache.mjs`, `scores.mjs`, `submit.mjs`, …), one after another
 * (they share the machine's two cores, so running them in parallel would measure each other). Each writes
 * bench/results/<name>.json. Subfolders hold the shared harness (`support/`) and fixtures, not benchmarks.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs')
  .sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const result = spawnSync(process.execPath, [path.join(here, bench)], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
