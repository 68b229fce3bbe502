/**
 * @module
 * The data of the open-data catalog `/data`: the same filters as the files themselves, their estimated sizes and
 * the latest snapshots, read from the nearest replica. Contract: docs/spec.md (open data).
 */
import { MAX_YEAR, MIN_YEAR } from '../../domain/periods';
import { database } from '../db/client';
import { readDatabase } from '../db/read';
import { listRegions } from '../db/regions';
import { listSnapshots } from '../db/snapshots';
import type { Bindings } from '../env';
import { OpenDataQuerySchema } from './open-data/filters';
import { estimateSizes } from './open-data/sizes';

export { LICENSE } from './open-data/datapackage';
export { RESOURCE_NAMES, RESOURCES, type ResourceName } from './open-data/resources';

/** Snapshot days listed on the page. */
const SNAPSHOT_DAYS = 14;

/** `raw` holds the page's `region`, `from` and `to` parameters; `valid` is false when they fail the files' rules. */
export async function openDataPage(env: Bindings, raw: Record<string, string>) {
  const read = readDatabase(env);
  const db = database(read);
  const [regions, snapshots] = await Promise.all([listRegions(db), listSnapshots(db, SNAPSHOT_DAYS)]);
  const parsed = OpenDataQuerySchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const sizes = await estimateSizes(read, {
    regionId: regions.find((r) => r.slug === filters.region)?.id,
    fromMonth: filters.from ?? `${MIN_YEAR}-01`,
    toMonth: filters.to ?? `${MAX_YEAR}-12`,
  });
  return { regions, snapshots, valid: parsed.success, filters, sizes };
}
