/**
 * Writes the demo seed (SPEC §6) as SQL for `wrangler d1 execute --file`, and its counters as JSON.
 * Usage: tsx scripts/seed/write-seed.ts <out.sql> <out.json>
 */
import { writeFileSync } from 'node:fs';
import { localMonth } from '../../domain/periods';
import { buildDemoSeed } from './demo-data';

const [sqlPath, countersPath] = process.argv.slice(2);
if (!sqlPath || !countersPath) {
  console.error('usage: write-seed.ts <out.sql> <out.json>');
  process.exit(2);
}
const now = Date.now();
const seed = buildDemoSeed(localMonth(now, 'Asia/Jakarta'), now);
writeFileSync(sqlPath, `${seed.statements.join(';\n')};\n`);
writeFileSync(countersPath, JSON.stringify(seed.counters, null, 2));
console.log(`demo seed: ${seed.responses} responses, ${seed.counters.length} counters`);
