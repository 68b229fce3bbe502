import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../worker/app';
import { type Bindings, MissingSecretError, readConfig } from '../../worker/env';
import wranglerToml from '../../wrangler.toml?raw';
import { ADMIN_TOKEN } from '../support/admin';
import { createOrganisation } from '../support/fixtures';
import { enrolledKiosk } from '../support/kiosks';
import { DUMMY_TOKEN, postRatingWith, ratingBody } from '../support/ratings';
import worker from '../support/worker';

/** Production as wrangler.toml configures it, with every secret forgotten. */
const PRODUCTION_WITHOUT_SECRETS: Partial<Bindings> = {
  ENVIRONMENT: 'production',
  TURNSTILE_SECRET_KEY: '',
  DEVICE_HASH_KEY: '',
  KIOSK_SIGNING_KEY: '',
};

async function storedResponses(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM responses').first<{ n: number }>();
  return row?.n ?? 0;
}

describe('a production deployment with missing secrets fails closed (SPEC §5 Turnstile, §4)', () => {
  it('refuses the public dummy Turnstile token with a 503 and stores nothing', async () => {
    const org = await createOrganisation();
    const before = await storedResponses();

    const response = await postRatingWith(
      PRODUCTION_WITHOUT_SECRETS,
      ratingBody(org.counterCode, { turnstileToken: DUMMY_TOKEN }),
    );

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('retry-after')).toBe('300');
    expect(await storedResponses()).toBe(before);
  });

  it('has no development fallback for the device-hash and kiosk keys, which development alone may use', () => {
    const production = readConfig({ ENVIRONMENT: 'production' } as Bindings);
    expect(() => production.deviceHashKey).toThrow(MissingSecretError);
    expect(() => production.kioskSigningKey).toThrow(MissingSecretError);
    expect(readConfig({} as Bindings).development).toBe(false);
    const development = readConfig({ ENVIRONMENT: 'development' } as Bindings);
    expect(development.deviceHashKey).toEqual(expect.any(String));
    expect(readConfig({ ENVIRONMENT: 'production', DEVICE_HASH_KEY: 'k' } as Bindings).deviceHashKey).toBe('k');
  });

  it('shows no kiosk QR code signed with a public fallback key, even to an enrolled kiosk', async () => {
    const org = await createOrganisation();
    const { cookie } = await enrolledKiosk(org.counterId);
    const ctx = createExecutionContext();
    const response = await app.request(
      `https://suara.test/r/${org.counterCode}/kiosk/qr.svg`,
      { headers: { cookie } },
      { ...env, ...PRODUCTION_WITHOUT_SECRETS },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(503);
  });
});

/** One request through the Worker's entry (configuration check, edge cache, app) with these bindings. */
async function throughWorker(bindings: Partial<Bindings>, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://suara.test${path}`, init), { ...env, ...bindings }, ctx);
  const body = await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(body, response);
}

/** The `[vars]` table of wrangler.toml: what every deployment gets unless the dashboard overrides it. */
function productionVars(toml: string): string {
  const start = toml.indexOf('\n[vars]');
  const next = toml.indexOf('\n[', start + 1);
  return toml.slice(start, next === -1 ? undefined : next);
}

describe('a production deployment without a valid PUBLIC_ORIGIN fails closed (SPEC §5 Public origin)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('ships no localhost origin in wrangler.toml: PUBLIC_ORIGIN is set per deployment', () => {
    const vars = productionVars(wranglerToml);
    expect(vars).toContain('ENVIRONMENT = "production"');
    expect(vars).not.toMatch(/^\s*PUBLIC_ORIGIN\s*=/m);
    expect(vars).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('answers every request, read or write, public or admin, with a 500 problem naming PUBLIC_ORIGIN, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const org = await createOrganisation();
    const requests: [string, RequestInit][] = [
      ['/api/v1/regions', {}],
      [`/r/${org.counterCode}`, {}],
      ['/data/scores.csv', {}],
      ['/data/datapackage.json', {}],
      ['/', {}],
      ['/api/v1/admin/regions', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }],
      [
        '/api/v1/responses',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ratingBody(org.counterCode)),
        },
      ],
    ];
    for (const unset of [{ PUBLIC_ORIGIN: undefined }, { PUBLIC_ORIGIN: '' }]) {
      for (const [path, init] of requests) {
        const response = await throughWorker({ ENVIRONMENT: 'production', ...unset }, path, init);
        expect(response.status, path).toBe(500);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const problem = await response.json<{ title: string; detail: string }>();
        expect(problem.title).toBe('Server misconfigured');
        expect(problem.detail).toMatch(/^Server misconfigured: PUBLIC_ORIGIN is unset/);
      }
    }
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('PUBLIC_ORIGIN'));
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE counter_id = ?')
      .bind(org.counterId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(0);
  });

  it('serves nothing from the edge cache either', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await throughWorker({}, '/api/v1/regions');
    expect((await throughWorker({}, '/api/v1/regions')).headers.get('x-cache')).toBe('HIT');
    expect((await throughWorker({ ENVIRONMENT: 'production', PUBLIC_ORIGIN: '' }, '/api/v1/regions')).status).toBe(500);
  });

  it('treats a PUBLIC_ORIGIN with a path as misconfigured, and serves normally once it is a valid origin', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const invalid = await throughWorker(
      { ENVIRONMENT: 'production', PUBLIC_ORIGIN: 'https://suara.example/suara' },
      '/api/v1/regions',
    );
    expect(invalid.status).toBe(500);
    expect((await invalid.json<{ detail: string }>()).detail).toContain('PUBLIC_ORIGIN is invalid');
    const valid = await throughWorker(
      { ENVIRONMENT: 'production', PUBLIC_ORIGIN: 'https://suara.example/' },
      '/api/v1/regions',
    );
    expect(valid.status).toBe(200);
  });
});
