/**
 * Writes the demo seed (SPEC §6) as SQL for `wrangler d1 execute --file`.
 * Usage: tsx scripts/seed/write-seed.ts <out.sql>
 */
import { writeFileSync } from 'node:fs';
import { localMonth } from '../../domain/periods';
import { buildDemoSeed } from './demo-data';

const [sqlPath] = process.argv.slice(2);
if (!sqlPath) {
  console.error('usage: write-seed.ts <out.sql>');
  process.exit(2);
}
const now = Date.now();
const seed = buildDemoSeed(localMonth(now, 'Asia/Jakarta'), now);
writeFileSync(sqlPath, `${seed.statements.join(';\n')};\n`);
console.log(`demo seed: ${seed.responses} responses, ${seed.counters.length} counters`);
