import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { deviceHash } from '../../worker/security/device-hash';
import { createOrganisation } from '../support/fixtures';
import { newDevice, postRating, ratingBody } from '../support/ratings';

const DAY_MS = 24 * 60 * 60_000;

describe('device hashes (SPEC §4: keyed hash, daily salt, then destroyed)', () => {
  it('gives the same device the same hash within a day, and a different one the next day', async () => {
    const device = newDevice();
    const now = Date.now();
    const today = await deviceHash(env.DB, 'key', device, now);
    expect(await deviceHash(env.DB, 'key', device, now + 1000)).toBe(today);
    expect(await deviceHash(env.DB, 'key', newDevice(), now)).not.toBe(today);
    expect(await deviceHash(env.DB, 'key', device, now + DAY_MS)).not.toBe(today);
  });

  it('destroys yesterday’s salt and clears the hashes of responses older than a day at the next rotation', async () => {
    const org = await createOrganisation();
    expect((await postRating(ratingBody(org.counterCode))).status).toBe(201);
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE device_hash IS NOT NULL').first<{
      n: number;
    }>();
    expect(stored?.n).toBeGreaterThan(0);

    // Two days on, the first hash of the day rotates the salt and clears what is older than a day.
    await deviceHash(env.DB, 'key', newDevice(), Date.now() + 2 * DAY_MS);

    const left = await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE device_hash IS NOT NULL').first<{
      n: number;
    }>();
    expect(left?.n).toBe(0);
    const salts = await env.DB.prepare('SELECT count(*) AS n FROM device_salts').first<{ n: number }>();
    expect(salts?.n).toBe(1);
  });
});
