/**
 * @module
 * Agency API keys' SQL (SPEC §5): creating, listing and revoking them (each with its audit row), and for the agency
 * API's authentication (worker/security/api-keys.ts) the lookup by SHA-256 digest and the last-used time.
 */
import { type AuditRow, auditInsert } from './audit';
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

export interface ApiKeyListing {
  id: string;
  label: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export async function insertApiKey(
  d1: D1Database,
  key: { id: string; regionId: number; label: string; prefix: string; hash: string },
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    d1
      .prepare('INSERT INTO api_keys (id, region_id, label, prefix, hash) VALUES (?, ?, ?, ?, ?)')
      .bind(key.id, key.regionId, key.label, key.prefix, key.hash),
    auditInsert(d1, audit),
  ]);
}

/** A region's keys, oldest first. */
export async function listApiKeyRows(d1: D1Database, regionId: number): Promise<ApiKeyListing[]> {
  const { results } = await d1
    .prepare(
      `SELECT id, label, prefix, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt
       FROM api_keys WHERE region_id = ? ORDER BY created_at, id`,
    )
    .bind(regionId)
    .all<ApiKeyListing>();
  return results;
}

export async function apiKeyExists(d1: D1Database, id: string, regionId: number): Promise<boolean> {
  return (
    (await d1.prepare('SELECT id FROM api_keys WHERE id = ? AND region_id = ?').bind(id, regionId).first()) !== null
  );
}

/** Revokes a key; revoking twice keeps the first time. */
export async function revokeApiKeyRow(d1: D1Database, id: string, now: number, audit: AuditRow): Promise<void> {
  await d1.batch([
    d1.prepare('UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').bind(now, id),
    auditInsert(d1, audit),
  ]);
}
