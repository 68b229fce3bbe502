/**
 * @module
 * A live open-data file as the `/data/*` routes serve it (docs/scale.md, "Exports"): read from the nearest replica
 * within one query budget, closed months streamed from the nightly snapshot, validators before any plan, and the
 * uncached continuation parts limited per network.
 */

import { database } from '../../db/client';
import { withQueryBudget } from '../../db/query-budget';
import { countInWindow } from '../../db/rate-counters';
import { readDatabase } from '../../db/read';
import { type Bindings, readConfig } from '../../env';
import { ProblemError } from '../../http/problem';
import { deviceIdentity, networkHash } from '../../security/device-hash';
import { exportPartMinuteWindow, MINUTE_MS, retryAfterSeconds } from '../../security/rate-limit';
import { exportStream, planExport, prepareExport, withStoredBlocks } from './export';
import type { OpenDataQuery } from './filters';
import { validatorsOf } from './freshness';
import type { ResourceName } from './resources';
import type { Format } from './writers';

/** Queries kept free beside the planned blocks (the plan query itself, one spare). */
const PLAN_MARGIN = 2;

/**
 * Counts an uncached part of a download (a `cursor` continuation: every new value misses the edge cache and may cost
 * up to the query budget in D1) against the client network's minute, keyed like the rating limits (a keyed hash
 * with the day's salt, never the address), and refuses it past `RATE_LIMIT_PER_NETWORK_EXPORT_PART_MINUTE`.
 */
export async function limitExportParts(env: Bindings, headers: Headers): Promise<void> {
  const config = readConfig(env);
  const now = Date.now();
  const network = await networkHash(env.DB, config.deviceHashKey, deviceIdentity(headers).ip, now);
  const window = exportPartMinuteWindow(network, now);
  if ((await countInWindow(env.DB, window)) > config.limits.perNetworkExportPartMinute) {
    const wait = retryAfterSeconds(window.windowStart + MINUTE_MS, now);
    throw new ProblemError(
      429,
      `Too many parts of large downloads from this network: try again in ${wait} s, or use the nightly snapshot's region × month files.`,
      { headers: { 'retry-after': String(wait) } },
    );
  }
}

/**
 * The file's validators (an unchanged one answers 304 without planning), and `open` for its next continuation (if
 * any) and its bytes. Every query of the invocation counts against one budget below D1's 1,000.
 */
export async function liveDownload(env: Bindings, resource: ResourceName, format: Format, query: OpenDataQuery) {
  const limit = readConfig(env).queryBudget;
  const budget = withQueryBudget(readDatabase(env), limit);
  const d1 = budget.db;
  // Closed months that the nightly snapshot stored, unchanged since, stream from R2.
  const prepared = withStoredBlocks(await prepareExport(database(d1), query), env.SNAPSHOTS, format);
  const { etag, lastModified } = await validatorsOf(d1, resource, format, prepared);
  return {
    etag,
    lastModified,
    async open() {
      const planned = await planExport(d1, resource, prepared, limit - budget.used - PLAN_MARGIN);
      return { next: planned.responses?.next, body: exportStream(d1, resource, format, planned) };
    },
  };
}
