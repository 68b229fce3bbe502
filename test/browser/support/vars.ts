/** Variables for the served Worker in page tests: independent of a developer's own .dev.vars. */
export const BROWSER_TEST_VARS = {
  ENVIRONMENT: 'development',
  ADMIN_TOKEN: 'browser-test-admin-token',
  DEVICE_HASH_KEY: 'browser-test-device-key',
  KIOSK_SIGNING_KEY: 'browser-test-kiosk-key',
  EVIDENCE_SIGNING_KEY: 'browser-test-evidence-key',
  TOTP_ENCRYPTION_KEY: 'browser-test-totp-key',
  // No Turnstile secret: the local-development path (dummy token, no widget), SPEC §5.
  TURNSTILE_SECRET_KEY: '',
  TURNSTILE_SITE_KEY: '',
  // Page tests submit many ratings from one "device" (127.0.0.1 + Chromium's user agent).
  RATE_LIMIT_PER_DEVICE_COUNTER_HOUR: '1000',
  RATE_LIMIT_PER_DEVICE_MINUTE: '1000',
  // …and therefore from one network.
  RATE_LIMIT_PER_NETWORK_COUNTER_HOUR: '1000',
  RATE_LIMIT_PER_NETWORK_MINUTE: '1000',
} as const;
