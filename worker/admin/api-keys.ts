/**
 * @module
 * Agency API keys (SPEC §5): high-entropy, prefixed so they are recognisable in logs and secret
 * scanners, shown once at creation and stored only as a SHA-256 digest, scoped to one region,
 * revocable. A fast hash is enough because a key has 160 random bits: nothing to brute-force.
 */
import { randomCode, sha256Hex } from '../security/tokens';
import { type Actor, auditStatement } from './audit';

/** Every key starts with this, e.g. `sl_live_3kq…`; secret scanners can match `sl_live_[0-9a-z]{32}`. */
export const API_KEY_PREFIX = 'sl_live_';
/** 32 characters of 5 bits: 160 random bits. */
const API_KEY_RANDOM_LENGTH = 32;
/** How much of a key listings show, so staff can tell keys apart without seeing them. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;

export interface ApiKeyListing {
  id: string;
  label: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export async function createApiKey(
  d1: D1Database,
  actor: Actor,
  region: { id: number; slug: string },
  label: string,
): Promise<{ id: string; key: string; prefix: string }> {
  const key = `${API_KEY_PREFIX}${randomCode(API_KEY_RANDOM_LENGTH)}`;
  const id = `key_${randomCode(12)}`;
  const prefix = key.slice(0, DISPLAY_PREFIX_LENGTH);
  await d1.batch([
    d1
      .prepare('INSERT INTO api_keys (id, region_id, label, prefix, hash) VALUES (?, ?, ?, ?, ?)')
      .bind(id, region.id, label, prefix, await sha256Hex(key)),
    auditStatement(d1, actor, 'api-key.create', `region:${region.slug}`, { id, label, prefix }, region.id),
  ]);
  return { id, key, prefix };
}

export async function listApiKeys(d1: D1Database, regionId: number): Promise<ApiKeyListing[]> {
  const { results } = await d1
    .prepare(
      `SELECT id, label, prefix, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt
       FROM api_keys WHERE region_id = ? ORDER BY created_at, id`,
    )
    .bind(regionId)
    .all<ApiKeyListing>();
  return results;
}

/** Revokes a key of the region. False when the region has no such key; revoking twice keeps the first time. */
export async function revokeApiKey(
  d1: D1Database,
  actor: Actor,
  region: { id: number; slug: string },
  id: string,
  now = Date.now(),
): Promise<boolean> {
  const existing = await d1
    .prepare('SELECT id FROM api_keys WHERE id = ? AND region_id = ?')
    .bind(id, region.id)
    .first();
  if (!existing) return false;
  await d1.batch([
    d1.prepare('UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').bind(now, id),
    auditStatement(d1, actor, 'api-key.revoke', `region:${region.slug}`, { id }, region.id),
  ]);
  return true;
}
