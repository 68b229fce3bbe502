import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// Tests run inside workerd with a real (local) D1, through the Workers Vitest integration.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));
  return {
    plugins: [
      cloudflareTest({
        // The Hono app without the Astro handler: Astro's virtual modules exist only in its build.
        main: './test/support/worker.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: 'development',
            ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
            DEVICE_HASH_KEY: 'test-device-hash-key',
            KIOSK_SIGNING_KEY: 'test-kiosk-signing-key',
            EVIDENCE_SIGNING_KEY: 'test-evidence-signing-key',
            TOTP_ENCRYPTION_KEY: 'test-totp-encryption-key',
            // The property tests read one key thousands of times a minute; test/api/throttles.test.ts sets its own limit.
            RATE_LIMIT_PER_API_KEY_MINUTE: '1000000',
            PUBLIC_ORIGIN: 'https://suara.test',
            // Explicit, so a developer's own .dev.vars (which wrangler also loads) cannot change the tests.
            TURNSTILE_SECRET_KEY: '',
            TURNSTILE_SITE_KEY: '',
            RATE_LIMIT_PER_DEVICE_COUNTER_HOUR: '3',
            RATE_LIMIT_PER_DEVICE_MINUTE: '30',
            RATE_LIMIT_PER_NETWORK_COUNTER_HOUR: '20',
            RATE_LIMIT_PER_NETWORK_MINUTE: '120',
            RATE_LIMIT_PER_NETWORK_EXPORT_PART_MINUTE: '30',
          },
        },
      }),
    ],
    test: {
      include: ['test/unit/**/*.test.ts', 'test/api/**/*.test.ts'],
      setupFiles: ['./test/support/apply-migrations.ts'],
    },
  };
});
