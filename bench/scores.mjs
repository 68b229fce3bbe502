/**
 * `npm run bench:scores [-- --requests 200 --large 10000000 --skip-build]`: the region scores endpoint at
 * 10,000,000 stored responses against 1,000, requests alternating between the two servers; a bare-Worker baseline
 * shows the noise floor. Goal: at most 1.5×. bench/README.md, "Region scores vs. stored responses".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, freePort, ROOT, serve } from '../scripts/local-portal.mjs';
import { prepareBenchDatabase, YEAR } from './support/bench-database.mjs';
import { atMost } from './support/goals.mjs';
import { flag, median, option, percentile, sizeLabel } from './support/throughput.mjs';

const REQUESTS = Number(option('requests', 200));
const WARMUP = 20;
const SIZES = [1_000, Number(option('large', 10_000_000))];
/** The goal of issue 10: a year's region scores at the large size cost at most this many times the small. */
const GOAL = 1.5;

async function time(url) {
  const start = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return performance.now() - start;
}

async function main() {
  if (!flag('skip-build')) {
    console.log('Building the portal…');
    build({ quiet: true });
  }
  console.log('Preparing databases…');
  const databases = [];
  for (const n of SIZES) databases.push({ n, ...(await prepareBenchDatabase(n, { cache: n >= 1_000_000 })) });
  const servers = [];
  try {
    for (const db of databases) {
      servers.push(
        await serve({
          port: await freePort(),
          persistTo: db.persistTo,
          quiet: true,
          localTraces: false,
          vars: { ADMIN_TOKEN: 'bench' },
        }),
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
    result.goals = [
      atMost(
        'scores.region-year',
        `region scores for a year, ${sizeLabel(large.responses)} / ${sizeLabel(small.responses)} stored responses (median)`,
        result.scoresRatio,
        GOAL,
      ),
    ];
    console.log(JSON.stringify(result, null, 2));
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', 'scores.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `\nregion scores ${sizeLabel(large.responses)} / ${sizeLabel(small.responses)}: ${result.scoresRatio.toFixed(2)}× (goal ≤ ${GOAL}×): ${result.pass ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `bare-Worker baseline ${sizeLabel(large.responses)} / ${sizeLabel(small.responses)}: ${result.baselineRatio.toFixed(2)}×`,
    );
    console.log(
      `medians: ${small.scoresMedianMs} ms at ${small.responses.toLocaleString('en')} responses, ${large.scoresMedianMs} ms at ${large.responses.toLocaleString('en')}`,
    );
  } finally {
    for (const s of servers) s.stop();
    for (const db of databases) db.release();
  }
}

await main();
