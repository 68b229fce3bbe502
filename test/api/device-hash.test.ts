import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { deviceHash, ratingDeviceHash } from '../../worker/security/device-hash';
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

  it('names a rating’s device by its install’s client id when sent, by IP and agent when the agent names a model, else none', async () => {
    const now = Date.now();
    const reduced = {
      ip: '203.0.113.7',
      userAgent:
        'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
    };
    const install = crypto.randomUUID();
    const byInstall = await ratingDeviceHash(env.DB, 'key', reduced, install, now);
    expect(byInstall).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(byInstall).not.toContain(install);
    // The same install on another network is the same device; another install on the same phone model is not.
    expect(await ratingDeviceHash(env.DB, 'key', { ...reduced, ip: '198.51.100.9' }, install, now)).toBe(byInstall);
    expect(await ratingDeviceHash(env.DB, 'key', reduced, crypto.randomUUID(), now)).not.toBe(byInstall);
    // Without a client id a reduced agent names no device; an agent with a model does.
    expect(await ratingDeviceHash(env.DB, 'key', reduced, undefined, now)).toBeNull();
    const named = newDevice();
    expect(await ratingDeviceHash(env.DB, 'key', named, undefined, now)).toBe(
      await deviceHash(env.DB, 'key', named, now),
    );
  });
});
