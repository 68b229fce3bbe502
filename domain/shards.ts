/**
 * @module
 * The shard plan for a deployment that outgrows one D1 database (docs/scale.md, "Shard plan"): one database per
 * province, chosen by the first two digits of the region's Kemendagri code, so a region never moves between
 * shards and every region of a province answers from the same database. Pure and runtime-free: the runtime does
 * not shard yet; when it does, `worker/db/client.ts` looks the binding up with `shardOf` and the national pages
 * read `SHARD_BINDINGS` one query each (38, far inside the 1,000 queries an invocation may make).
 */
import { PROVINCES, provinceOfCode } from './region-codes';

/** The binding of the database that keeps regions without an official code (created before codes existed). */
export const UNSHARDED_BINDING = 'DB';

/** `DB_11` … `DB_96`: one D1 binding per province, in code order. */
export const SHARD_BINDINGS: readonly string[] = PROVINCES.map((province) => `DB_${province.code}`);

/**
 * The binding name of the database holding a region: `DB_21` for `21.72` (Kota Tanjung Pinang) and for `21`
 * (Provinsi Kepulauan Riau's own government); `DB` for a region without a code. A code that names no province
 * throws: routing it anywhere would split a province's data.
 */
export function shardOf(regionCode: string | null): string {
  if (regionCode === null) return UNSHARDED_BINDING;
  const province = provinceOfCode(regionCode);
  if (!province) throw new RangeError(`no province for region code ${JSON.stringify(regionCode)}`);
  return `DB_${province.code}`;
}
