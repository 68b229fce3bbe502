import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { type Bindings, MissingSecretError, readConfig } from '../../worker/env';
import { createOrganisation } from '../support/fixtures';
import { enrolledKiosk } from '../support/kiosks';
import { DUMMY_TOKEN, postRatingWith, ratingBody } from '../support/ratings';

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
