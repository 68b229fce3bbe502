/**
 * `npm run bench:cache [-- --seconds 5 --rounds 2 --skip-build --uncached]`: every public read path with a warm edge
 * cache against a bare Worker on the same runtime, under wrk (bench/support/throughput.mjs). Goal: each ≥ 0.5×.
 * `--uncached` also measures them with the cache stepped around. bench/README.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, freePort, prepareDatabase, serve } from '../scripts/local-portal.mjs';
import { atLeast } from './support/goals.mjs';
import {
  BYPASS_EDGE_CACHE,
  compareThroughput,
  flag,
  option,
  serveBareWorker,
  writeResults,
} from './support/throughput.mjs';

const SECONDS = Number(option('seconds', 5));
const ROUNDS = Number(option('rounds', 2));
const GOAL = 0.5;

/** Every public read path the cache covers, for the demo's first region and unit. */
function publicPaths(region, unit, year) {
  return [
    { name: 'home', path: '/' },
    { name: 'region page', path: `/${region}` },
    { name: 'unit page', path: `/${region}/${unit}` },
    { name: 'region scores API', path: `/api/v1/regions/${region}/scores?period=${year}` },
    { name: 'unit scores API', path: `/api/v1/regions/${region}/units/${unit}/scores?period=${year}` },
    { name: 'open data scores.csv', path: '/data/scores.csv' },
    { name: 'badge', path: `/${region}/${unit}/badge.svg` },
  ];
}

async function warm(origin, paths) {
  for (const { name, path: p } of paths) {
    await (await fetch(`${origin}${p}`)).arrayBuffer();
    // The cache write runs after the answer (waitUntil): give it a moment before checking.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await fetch(`${origin}${p}`);
    await second.arrayBuffer();
    const status = second.headers.get('x-cache');
    if (second.status !== 200 || status !== 'HIT') {
      throw new Error(`${name} (${p}) is not warm: ${second.status}, X-Cache ${status}`);
    }
  }
}

async function main() {
  const started = Date.now();
  if (!flag('skip-build')) {
    console.log('Building the portal…');
    build({ quiet: true });
  }
  const persistTo = mkdtempSync(path.join(tmpdir(), 'suara-bench-cache-'));
  const stops = [];
  try {
    console.log('Seeding the demo data…');
    const [first] = prepareDatabase(persistTo, { quiet: true });
    if (!first) throw new Error('the demo seed has no counters');
    const portal = await serve({
      port: await freePort(),
      persistTo,
      quiet: true,
      localTraces: false,
      vars: { ADMIN_TOKEN: 'bench' },
    });
    stops.push(portal.stop);
    const bare = await serveBareWorker();
    stops.push(bare.stop);
    const year = new Date().getUTCFullYear();
    const paths = publicPaths(first.region, first.unit, year);
    await warm(portal.origin, paths);
    console.log('Warm cache (every path answered X-Cache: HIT before measuring):');
    const warmResult = await compareThroughput({
      bare: bare.origin,
      ours: portal.origin,
      paths,
      seconds: SECONDS,
      rounds: ROUNDS,
      goal: GOAL,
    });
    const result = { ...warmResult, cache: 'warm' };
    if (flag('uncached')) {
      console.log('Cache bypassed (Authorization header), for comparison:');
      const uncached = await compareThroughput({
        bare: bare.origin,
        ours: portal.origin,
        paths,
        seconds: SECONDS,
        rounds: ROUNDS,
        goal: GOAL,
        headers: BYPASS_EDGE_CACHE,
      });
      result.uncached = uncached.paths;
    }
    result.seconds = Math.round((Date.now() - started) / 1000);
    result.goals = result.paths.map((p) =>
      atLeast(
        `cache.${p.name.replaceAll(' ', '-')}`,
        `${p.name}, warm edge cache / bare Worker (wrk, 16 connections)`,
        p.errors ? 0 : p.exactRatio,
        GOAL,
      ),
    );
    writeResults('cache', result);
    const failed = result.paths.filter((p) => !p.pass);
    console.log(
      failed.length === 0
        ? `Every path ≥ ${GOAL}× the bare Worker with a warm cache: PASS`
        : `Below ${GOAL}×: ${failed.map((p) => p.name).join(', ')}: FAIL`,
    );
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    for (const stop of stops.reverse()) stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

await main();
