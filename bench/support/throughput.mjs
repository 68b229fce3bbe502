/**
 * @module
 * The throughput benches' harness: each path of the portal against a bare Worker on the same runtime, under `wrk`
 * (16 connections, 2 threads), in alternating rounds after a warm-up; a path's figure is the median of the rounds'
 * ratios ours ÷ bare. bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BENCH_ENV, freePort, ROOT } from '../../scripts/local-portal.mjs';
import { cpuMs, workerdPids } from './processes.mjs';

export const WRK = process.env.WRK ?? '/usr/bin/wrk';
export const CONNECTIONS = 16;
export const THREADS = 2;
const BIN = path.join(ROOT, 'node_modules', '.bin');
/** wrangler.toml's date: every installed workerd accepts it. */
const COMPATIBILITY_DATE = '2026-10-01';

/** Reads `--name value` from the command line, else `fallback`. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : (args[i + 1] ?? fallback);
}

export const flag = (name) => process.argv.slice(2).includes(`--${name}`);

/**
 * Serves a bare Worker with `wrangler dev` on a free loopback port, the trace explorer off as for the portal;
 * resolves once it answers. bench/fixtures/bare-worker.js unless `source` (a module with `export default { fetch }`)
 * is given. `child` is wrangler's process, for benches that sample the runtime's memory.
 */
export async function serveBareWorker({ source } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'suara-bare-'));
  const entry =
    source === undefined ? path.join(ROOT, 'bench', 'fixtures', 'bare-worker.js') : path.join(dir, 'bare.mjs');
  if (source !== undefined) writeFileSync(entry, source);
  const port = await freePort();
  const child = spawn(
    path.join(BIN, 'wrangler'),
    [
      'dev',
      entry,
      '--name',
      'bare',
      '--compatibility-date',
      COMPATIBILITY_DATE,
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--persist-to',
      dir,
      '--show-interactive-dev-session=false',
    ],
    {
      // Outside the project, so wrangler does not pick up the portal's wrangler.toml and bindings.
      cwd: dir,
      env: {
        ...process.env,
        ...BENCH_ENV,
        PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
        WRANGLER_SEND_METRICS: 'false',
      },
      stdio: 'ignore',
      detached: true,
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(origin)).ok) return { origin, child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stop();
  throw new Error('the bare Worker did not answer within 60 s');
}

/** Parses wrk's summary: requests per second, requests, mean latency (ms), non-2xx/3xx answers and socket errors. */
export function parseWrk(output) {
  const number = (re) => {
    const match = re.exec(output);
    return match ? Number(match[1]) : null;
  };
  const latency = /Latency\s+([\d.]+)(us|ms|s)\b/.exec(output);
  const scale = { us: 0.001, ms: 1, s: 1000 };
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    rps: number(/Requests\/sec:\s+([\d.]+)/),
    requests: number(/(\d+) requests in/),
    latencyMs: latency ? Number((Number(latency[1]) * scale[latency[2]]).toFixed(2)) : null,
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/) ?? 0,
    socketErrors: sockets ? sockets.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

/**
 * One `wrk -c 16 -t 2 -d <seconds>s` run; killed if it overruns, so a bench always ends. `script` is a wrk Lua
 * script (e.g. POSTs with a fresh body per request, bench/submit.mjs).
 */
export function runWrk(url, { seconds, headers = {}, script }) {
  const args = ['-c', String(CONNECTIONS), '-t', String(THREADS), '-d', `${seconds}s`, '--timeout', '5s'];
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
  if (script) args.push('-s', script);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 15) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const result = parseWrk(output);
      if (code !== 0 || result.rps === null) reject(new Error(`wrk ${args.join(' ')} failed (${code}):\n${output}`));
      else resolve(result);
    });
  });
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

/** A count of responses as the benches print it: `10M`, `1k`. */
export const sizeLabel = (count) => (count >= 1_000_000 ? `${count / 1_000_000}M` : `${count / 1_000}k`);

/** Credentials make the edge cache (worker/http/edge-cache.ts) step aside, so a request measures the real work. */
export const BYPASS_EDGE_CACHE = { authorization: 'Bearer bench-bypass' };

/**
 * Measures every path against the bare Worker: a warm-up of `warmupSeconds` on both, then `rounds` alternating pairs
 * of `seconds` each. Returns per path the requests per second of both, the ratio ours ÷ bare (median of the rounds),
 * and whether it reaches `goal`. A path's `script` (wrk Lua) drives both servers alike, so the bare Worker receives the
 * same requests (method, headers, body) as ours; `requests` counts every request wrk completed against ours,
 * warm-up included (for a bench that checks afterwards what was stored). Total time ≈ paths × (2 × warm-up + 2 ×
 * rounds × seconds), printed up front. With `cpu` (the pids of both `wrangler dev`s), each round also counts the CPU
 * time the runtime spent per 2xx answer on each side, a steadier measure than requests per second on a busy machine.
 */
export async function compareThroughput({
  bare,
  ours,
  paths,
  seconds = 5,
  rounds = 2,
  warmupSeconds = 2,
  goal = 0.5,
  headers = {},
  cpu,
}) {
  const estimate = paths.length * (2 * warmupSeconds + 2 * rounds * seconds);
  console.log(
    `wrk -c ${CONNECTIONS} -t ${THREADS}: ${paths.length} paths × ${rounds} rounds of ${seconds} s, alternating with the bare Worker (about ${Math.ceil(estimate / 60)} min)`,
  );
  const results = [];
  for (const entry of paths) {
    const url = `${ours}${entry.path}`;
    const pathHeaders = { ...headers, ...(entry.headers ?? {}) };
    const script = entry.script;
    const bareUrl = script ? `${bare}${entry.path}` : `${bare}/`;
    await runWrk(bareUrl, { seconds: warmupSeconds, script });
    const warmup = await runWrk(url, { seconds: warmupSeconds, headers: pathHeaders, script });
    const bareRuns = [];
    const ourRuns = [];
    for (let round = 0; round < rounds; round += 1) {
      bareRuns.push(await withCpu(cpu?.bare, () => runWrk(bareUrl, { seconds, script })));
      ourRuns.push(await withCpu(cpu?.ours, () => runWrk(url, { seconds, headers: pathHeaders, script })));
    }
    const ratio = median(ourRuns.map((run, i) => run.rps / bareRuns[i].rps));
    const errors = [warmup, ...ourRuns].reduce((sum, run) => sum + run.non2xx + run.socketErrors, 0);
    const requests = [warmup, ...ourRuns].reduce((sum, run) => sum + run.requests, 0);
    const result = {
      name: entry.name,
      path: entry.path,
      oursRps: Number(median(ourRuns.map((run) => run.rps)).toFixed(1)),
      bareRps: Number(median(bareRuns.map((run) => run.rps)).toFixed(1)),
      oursLatencyMs: Number(median(ourRuns.map((run) => run.latencyMs)).toFixed(1)),
      bareLatencyMs: Number(median(bareRuns.map((run) => run.latencyMs)).toFixed(1)),
      ratio: Number(ratio.toFixed(2)),
      /** Unrounded: what the goals compare, so 0.496 never passes as 0.50. */
      exactRatio: ratio,
      rounds: ourRuns.map((run, i) => Number((run.rps / bareRuns[i].rps).toFixed(3))),
      requests,
      errors,
      pass: ratio >= goal && errors === 0,
    };
    if (cpu) {
      // Milliseconds of runtime CPU (proxy and Worker together) per 2xx answer, and bare ÷ ours: the ratio the
      // throughput would reach if CPU alone set the pace.
      result.oursCpuMsPerAnswer = Number(median(ourRuns.map((run) => run.cpuMsPerAnswer)).toFixed(2));
      result.bareCpuMsPerAnswer = Number(median(bareRuns.map((run) => run.cpuMsPerAnswer)).toFixed(2));
      result.cpuRatio = Number(
        median(ourRuns.map((run, i) => bareRuns[i].cpuMsPerAnswer / run.cpuMsPerAnswer)).toFixed(2),
      );
    }
    results.push(result);
    console.log(
      `  ${entry.name.padEnd(22)} ${String(result.oursRps).padStart(8)} req/s vs bare ${String(result.bareRps).padStart(8)}: ratio ${result.ratio.toFixed(2)} (rounds ${result.rounds.join(', ')})${errors ? `, ${errors} errors` : ''}  goal ≥ ${goal}×: ${result.pass ? 'PASS' : 'FAIL'}`,
    );
    if (cpu) {
      console.log(
        `  ${''.padEnd(22)} runtime CPU per answer ${result.oursCpuMsPerAnswer} ms vs bare ${result.bareCpuMsPerAnswer} ms: bare ÷ ours ${result.cpuRatio}`,
      );
    }
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    wrk: { connections: CONNECTIONS, threads: THREADS, seconds, rounds, warmupSeconds },
    goal,
    paths: results,
  };
}

/** Runs `run` (a wrk run) and adds the CPU the workerd processes under `root` spent per 2xx answer meanwhile. */
async function withCpu(root, run) {
  if (root === undefined) return run();
  const pids = workerdPids(root);
  const before = cpuMs(pids);
  const result = await run();
  const answers = result.requests - result.non2xx;
  return { ...result, cpuMsPerAnswer: answers > 0 ? (cpuMs(pids) - before) / answers : Number.NaN };
}

/** Writes bench/results/<name>.json. */
export function writeResults(name, result) {
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  // In the project's format, so `npm run lint` stays clean after a run.
  spawnSync(path.join(BIN, 'biome'), ['format', '--write', file], { cwd: ROOT, stdio: 'ignore' });
  console.log(`Results: ${path.relative(ROOT, file)}`);
}
