/**
 * @module
 * Agency API keys (SPEC §5): prefixed so logs and secret scanners recognise them, shown once, stored as a SHA-256
 * digest (160 random bits: nothing to brute-force), scoped to one region, revocable.
 */
import { type ApiKeyListing, apiKeyExists, insertApiKey, listApiKeyRows, revokeApiKeyRow } from '../../db/api-keys';
import { randomCode, sha256Hex } from '../../security/tokens';
import type { Actor } from './audit';

export type { ApiKeyListing } from '../../db/api-keys';

/** Every key starts with this, e.g. `sl_live_3kq…`; secret scanners can match `sl_live_[0-9a-z]{32}`. */
export const API_KEY_PREFIX = 'sl_live_';
/** 32 characters of 5 bits: 160 random bits. */
const API_KEY_RANDOM_LENGTH = 32;
/** How much of a key listings show, so staff can tell keys apart without seeing them. */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 4;

export async function createApiKey(
  d1: D1Database,
  actor: Actor,
  region: { id: number; slug: string },
  label: string,
): Promise<{ id: string; key: string; prefix: string }> {
  const key = `${API_KEY_PREFIX}${randomCode(API_KEY_RANDOM_LENGTH)}`;
  const id = `key_${randomCode(12)}`;
  const prefix = key.slice(0, DISPLAY_PREFIX_LENGTH);
  await insertApiKey(
    d1,
    { id, regionId: region.id, label, prefix, hash: await sha256Hex(key) },
    {
      actor,
      action: 'api-key.create',
      target: `region:${region.slug}`,
      detail: { id, label, prefix },
      region: region.id,
    },
  );
  return { id, key, prefix };
}

export async function listApiKeys(d1: D1Database, regionId: number): Promise<ApiKeyListing[]> {
  return listApiKeyRows(d1, regionId);
}

/** Revokes a key of the region. False when the region has no such key; revoking twice keeps the first time. */
export async function revokeApiKey(
  d1: D1Database,
  actor: Actor,
  region: { id: number; slug: string },
  id: string,
  now = Date.now(),
): Promise<boolean> {
  if (!(await apiKeyExists(d1, id, region.id))) return false;
  await revokeApiKeyRow(d1, id, now, {
    actor,
    action: 'api-key.revoke',
    target: `region:${region.slug}`,
    detail: { id },
    region: region.id,
  });
  return true;
}
