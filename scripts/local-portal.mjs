/**
 * @module
 * Build, migrate, seed and serve the portal locally: shared by `npm start` and the browser tests,
 * so the tests exercise exactly what a newcomer runs. Runs on the project's pinned Node 22.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/** Quiet the tools' phone-home attempts: the network may be closed, and nothing depends on them. */
const TOOL_ENV = {
  ...process.env,
  PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
  WRANGLER_SEND_METRICS: 'false',
  ASTRO_TELEMETRY_DISABLED: '1',
  NO_UPDATE_NOTIFIER: '1',
  CI: process.env.CI ?? '',
};

function run(command, args, { quiet = false } = {}) {
  const result = spawnSync(path.join(BIN, command), args, {
    cwd: ROOT,
    env: TOOL_ENV,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : 'inherit',
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  }
  return result.stdout ?? '';
}

/** Local development secrets: created from the documented example on first start. */
export function ensureDevVars() {
  const target = path.join(ROOT, '.dev.vars');
  if (!existsSync(target)) {
    copyFileSync(path.join(ROOT, '.dev.vars.example'), target);
    console.log('Created .dev.vars from .dev.vars.example (local development secrets).');
  }
}

export function build({ quiet = false } = {}) {
  run('astro', ['build'], { quiet });
}

function d1(persistTo, args, options) {
  return run('wrangler', ['d1', ...args, '--local', '--persist-to', persistTo], options);
}

export function query(persistTo, sql) {
  const out = d1(persistTo, ['execute', 'DB', '--json', '--command', sql], { quiet: true });
  return JSON.parse(out)[0]?.results ?? [];
}

/**
 * Applies pending migrations and, on an empty database, the demo seed (SPEC §6). Idempotent: a second
 * run adds nothing. Returns the active counters (region, unit, code, name), e.g. to print a form URL.
 */
export function prepareDatabase(persistTo, { quiet = false } = {}) {
  mkdirSync(persistTo, { recursive: true });
  d1(persistTo, ['migrations', 'apply', 'DB'], { quiet });
  const [{ regions = 0 } = {}] = query(persistTo, 'SELECT count(*) AS regions FROM regions');
  if (regions === 0) {
    const seedSql = path.join(persistTo, 'demo-seed.sql');
    run('tsx', ['scripts/seed/write-seed.ts', seedSql], { quiet });
    d1(persistTo, ['execute', 'DB', '--file', seedSql], { quiet: true });
    if (!quiet) console.log('Seeded the demo data.');
  } else if (!quiet) {
    console.log('Database already holds data: the demo seed was not applied again.');
  }
  return query(
    persistTo,
    `SELECT r.slug AS region, u.slug AS unit, c.code, c.name FROM counters c
     JOIN units u ON u.id = c.unit_id JOIN regions r ON r.id = u.region_id
     WHERE c.active = 1 ORDER BY r.id, u.id, c.id`,
  );
}

/** A TCP port free on the loopback interface right now (for test and benchmark servers). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The environment of a `wrangler dev` a bench measures. Wrangler's local trace explorer (`X_LOCAL_OBSERVABILITY`, on
 * by default) streams every invocation and each of its spans (every D1 call, cache lookup, fetch) into a trace store
 * on disk, in the runtime the Worker runs in: about 30 MB in a 40-second ratings run. Cloudflare does none of that
 * in the Worker's runtime, and a bare Worker has no spans to record, so benches switch it off on both sides.
 */
export const BENCH_ENV = { X_LOCAL_OBSERVABILITY: 'false' };

/** Where a local server is reached; also its PUBLIC_ORIGIN unless the caller sets one. */
export function localOrigin(port, host = '127.0.0.1') {
  return `http://${host}:${port}`;
}

/**
 * `npm start`'s settings from its environment: `PORT` (default 8787) and, when the shell sets one, `PUBLIC_ORIGIN`
 * (e.g. a tunnel's address, so a phone can scan the QR codes); otherwise links name http://localhost:PORT.
 */
export function startSettings(environment) {
  const port = Number(environment.PORT || 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a port number from 1 to 65535, not '${environment.PORT}'.`);
  }
  const publicOrigin = environment.PUBLIC_ORIGIN?.trim();
  return { port, host: 'localhost', vars: publicOrigin ? { PUBLIC_ORIGIN: publicOrigin } : {} };
}

/**
 * The arguments of `wrangler dev`. PUBLIC_ORIGIN follows the port (a `--var`, which wins over .dev.vars), so QR
 * codes, posters, invitations and evidence links point at this server whatever the port (README, "Another port").
 */
export function wranglerDevArgs({ port, persistTo, host = '127.0.0.1', vars = {}, testScheduled = false }) {
  const all = { PUBLIC_ORIGIN: localOrigin(port, host), ...vars };
  return [
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    persistTo,
    '--show-interactive-dev-session=false',
    // `GET /cdn-cgi/local/scheduled` runs the cron (the nightly snapshot), for benches that need it.
    ...(testScheduled ? ['--test-scheduled'] : []),
    ...Object.entries(all).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ];
}

/**
 * Starts `wrangler dev` on the built Worker; resolves once it answers, with its origin on `host` (it listens on
 * 127.0.0.1). `localTraces: false` for benches (BENCH_ENV); `npm start` keeps wrangler's local trace explorer.
 */
export async function serve({
  port,
  persistTo,
  host = '127.0.0.1',
  quiet = false,
  vars = {},
  testScheduled = false,
  localTraces = true,
}) {
  const child = spawn(path.join(BIN, 'wrangler'), wranglerDevArgs({ port, persistTo, host, vars, testScheduled }), {
    cwd: ROOT,
    env: localTraces ? TOOL_ENV : { ...TOOL_ENV, ...BENCH_ENV },
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    detached: process.platform !== 'win32',
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const origin = localOrigin(port, host);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      const response = await fetch(`${localOrigin(port)}/api/v1/regions`);
      if (response.ok) return { origin, child, stop: () => stopProcess(child) };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stopProcess(child);
  throw new Error(`wrangler dev did not answer within 60 s:\n${output}`);
}

function stopProcess(child) {
  if (child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}
