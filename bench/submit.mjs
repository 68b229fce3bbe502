/**
 * `npm run bench:submit [-- --seconds 5 --rounds 3 --skip-build]`: new ratings (each a fresh submissionId, a random
 * client address) under wrk with 16 connections against a bare Worker receiving the same POSTs, across the demo's
 * counters and all at one counter; then checks every answered rating was stored exactly once and the rollups equal
 * the unflagged responses. Goal: ≥ 0.5× on both paths. bench/README.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { build, freePort, prepareDatabase, query, serve } from '../scripts/local-portal.mjs';
import { atLeast } from './support/goals.mjs';
import { compareThroughput, flag, option, serveBareWorker, writeResults } from './support/throughput.mjs';

const SECONDS = Number(option('seconds', 5));
const ROUNDS = Number(option('rounds', 3));
const GOAL = 0.5;

/** The wrk script: a new rating per request. Each wrk thread seeds its own generator, so ids never repeat. */
function luaScript(counterCodes) {
  return `
local counters = { ${counterCodes.map((code) => JSON.stringify(code)).join(', ')} }
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + math.floor(os.clock() * 1000000))
end
local function hex(n)
  local out = {}
  for i = 1, n do out[i] = string.format("%x", math.random(0, 15)) end
  return table.concat(out)
end
local n = 0
request = function()
  n = n + 1
  local id = hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-" .. string.format("%x", math.random(8, 11)) .. hex(3) .. "-" .. hex(12)
  local ip = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  local a = function(k) return ((n + k) % 4) + 1 end
  local body = string.format(
    '{"counter":"%s","answers":{"U1":%d,"U2":%d,"U3":%d,"U4":%d,"U5":%d,"U6":%d,"U7":%d,"U8":%d,"U9":%d},"turnstileToken":"XXXX.DUMMY.TOKEN.XXXX","submissionId":"%s"}',
    counters[(n % #counters) + 1], a(0), a(1), a(2), a(3), a(1), a(2), a(3), a(0), a(n), id)
  return wrk.format("POST", nil, {
    ["content-type"] = "application/json",
    ["cf-connecting-ip"] = ip,
    ["user-agent"] = "Mozilla/5.0 (Linux; Android 13) bench/submit",
  }, body)
end
`;
}

async function main() {
  const started = Date.now();
  if (!flag('skip-build')) {
    console.log('Building the portal…');
    build({ quiet: true });
  }
  const persistTo = mkdtempSync(path.join(tmpdir(), 'suara-bench-submit-'));
  const stops = [];
  try {
    console.log('Seeding the demo data…');
    const counters = prepareDatabase(persistTo, { quiet: true });
    if (counters.length === 0) throw new Error('the demo seed has no counters');
    const before = storedState(persistTo);
    const script = path.join(persistTo, 'new-rating.lua');
    writeFileSync(script, luaScript(counters.map((c) => c.code)));
    // A busy office: every connection rates the same counter, so every batch reads and writes that counter's rows.
    const oneCounter = path.join(persistTo, 'one-counter.lua');
    writeFileSync(oneCounter, luaScript([counters[0].code]));
    const portal = await serve({
      port: await freePort(),
      persistTo,
      quiet: true,
      localTraces: false,
      vars: { ENVIRONMENT: 'development', TURNSTILE_SECRET_KEY: '', TURNSTILE_SITE_KEY: '' },
    });
    stops.push(portal.stop);
    const bare = await serveBareWorker();
    stops.push(bare.stop);

    // One rating by hand first: the run must measure stored ratings, not refusals.
    const probe = await fetch(`${portal.origin}/api/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '10.255.255.1' },
      body: JSON.stringify({
        counter: counters[0].code,
        answers: { U1: 3, U2: 3, U3: 3, U4: 3, U5: 3, U6: 3, U7: 3, U8: 3, U9: 3 },
        turnstileToken: 'XXXX.DUMMY.TOKEN.XXXX',
        submissionId: crypto.randomUUID(),
      }),
    });
    if (probe.status !== 201) throw new Error(`a new rating answered ${probe.status}: ${await probe.text()}`);

    const result = await compareThroughput({
      bare: bare.origin,
      ours: portal.origin,
      paths: [
        { name: 'new rating', path: '/api/v1/responses', script },
        { name: 'new rating, one counter', path: '/api/v1/responses', script: oneCounter },
      ],
      seconds: SECONDS,
      rounds: ROUNDS,
      goal: GOAL,
      cpu: { ours: portal.child.pid, bare: bare.child.pid },
    });
    for (const stop of stops.splice(0).reverse()) stop();

    // What the run left in the database. wrk counts the answers it read; a request still in flight when a run's
    // time was up may have been stored without being counted, so up to 16 per wrk run more is expected, not fewer.
    const after = storedState(persistTo);
    const answered = 1 + result.paths.reduce((sum, p) => sum + p.requests, 0);
    const stored = after.responses - before.responses;
    const slack = CONNECTIONS_PER_RUN * result.paths.length * (ROUNDS + 1);
    const check = {
      answered2xx: answered,
      stored,
      distinctSubmissionIds: after.distinctSubmissions - before.distinctSubmissions,
      unflagged: after.unflagged,
      dailyRollupN: after.daily,
      monthlyRollupN: after.monthly,
    };
    check.exactlyOnce = check.distinctSubmissionIds === stored && stored >= answered && stored <= answered + slack;
    check.rollupsEqualRaw = after.daily === after.unflagged && after.monthly === after.unflagged;
    console.log(
      `Database after the run: ${stored} new responses for ${answered} answered 2xx (≤ ${slack} more in flight at a run's end), ${check.distinctSubmissionIds} distinct submissionIds: exactly once ${check.exactlyOnce ? 'YES' : 'NO'}; unflagged ${after.unflagged} = daily rollups ${after.daily} = monthly rollups ${after.monthly}: ${check.rollupsEqualRaw ? 'YES' : 'NO'}`,
    );

    const [rating, busy] = result.paths;
    const ok = check.exactlyOnce && check.rollupsEqualRaw;
    result.goals = [
      atLeast(
        'submit.new-ratings',
        'new ratings, many counters / bare Worker (wrk, 16 connections)',
        rating.errors || !ok ? 0 : rating.exactRatio,
        GOAL,
      ),
      atLeast(
        'submit.one-counter',
        'new ratings, all at one counter / bare Worker (wrk, 16 connections)',
        busy.errors || !ok ? 0 : busy.exactRatio,
        GOAL,
      ),
    ];
    result.database = check;
    result.loadAverage = os.loadavg().map((n) => Number(n.toFixed(2)));
    result.counters = counters.length;
    result.seconds = Math.round((Date.now() - started) / 1000);
    writeResults('submit', result);
    console.log(`Load average at the end: ${result.loadAverage.join(', ')}`);
    process.exitCode = result.goals.every((g) => g.pass) ? 0 : 1;
  } finally {
    for (const stop of stops.reverse()) stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

const CONNECTIONS_PER_RUN = 16;

/** Counts in the local D1 (read with wrangler while no server holds it). */
function storedState(persistTo) {
  const [row] = query(
    persistTo,
    `SELECT (SELECT count(*) FROM responses) AS responses,
            (SELECT count(DISTINCT submission_id) FROM responses) AS distinctSubmissions,
            (SELECT count(*) FROM responses WHERE flagged = 0) AS unflagged,
            (SELECT coalesce(sum(n), 0) FROM daily_rollups) AS daily,
            (SELECT coalesce(sum(n), 0) FROM monthly_rollups) AS monthly`,
  );
  return row;
}

await main();
