/**
 * @module
 * Agency API keys as the agency API's authentication reads them: looked up by their SHA-256 digest, and their
 * last-used time (SPEC §5; worker/security/api-keys.ts).
 */

export interface ApiKeyRow {
  id: string;
  regionId: number;
  lastUsedAt: number | null;
}

/** The unrevoked key whose digest is `hash`, or null. */
export function findActiveApiKey(d1: D1Database, hash: string): Promise<ApiKeyRow | null> {
  return d1
    .prepare(
      'SELECT id, region_id AS regionId, last_used_at AS lastUsedAt FROM api_keys WHERE hash = ? AND revoked_at IS NULL',
    )
    .bind(hash)
    .first<ApiKeyRow>();
}

/** Sets the key's last use to `now` unless it is newer than `staleBefore`: concurrent requests write at most once. */
export async function touchApiKey(d1: D1Database, id: string, now: number, staleBefore: number): Promise<void> {
  await d1
    .prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)')
    .bind(now, id, staleBefore)
    .run();
}
