/**
 * @module
 * The Worker's bindings and the one place that turns them into typed configuration (README "Configuration and secrets").
 */
import { QUERY_BUDGET } from './db/query-budget';

/** Bindings and variables from wrangler.toml, secrets from `wrangler secret put` (locally: .dev.vars). */
export interface Bindings {
  DB: D1Database;
  /** Nightly open-data snapshots (optional: absent locally unless configured). */
  SNAPSHOTS?: R2Bucket;
  /** The nightly snapshot's partitions, one message each (worker/services/jobs/snapshot.ts; optional like SNAPSHOTS). */
  SNAPSHOT_QUEUE?: Queue<SnapshotMessage>;
  ASSETS?: Fetcher;
  /** The portal's public URL (`https://suara.example.go.id`): required in production, never in wrangler.toml. */
  PUBLIC_ORIGIN?: string;
  /** `production` (wrangler.toml) or `development` (.dev.vars, tests): only development may run without secrets. */
  ENVIRONMENT?: string;
  /** Secret: bootstrap super-admin bearer token. */
  ADMIN_TOKEN?: string;
  /** Secret: Turnstile. Without it (local development only) just the dummy token passes. */
  TURNSTILE_SECRET_KEY?: string;
  TURNSTILE_SITE_KEY?: string;
  /** Secret: HMAC key for device hashes (combined with a daily random salt). */
  DEVICE_HASH_KEY?: string;
  /** Secret: HMAC key for the kiosk's rotating QR tokens. */
  KIOSK_SIGNING_KEY?: string;
  /** Secret: HMAC key of the signed SKP evidence links (`/bukti/{token}`). */
  EVIDENCE_SIGNING_KEY?: string;
  /** Secret: encrypts staff TOTP secrets at rest (worker/security/secret-box.ts). */
  TOTP_ENCRYPTION_KEY?: string;
  /** Agency API requests per key per minute (default 120). */
  RATE_LIMIT_PER_API_KEY_MINUTE?: string;
  RATE_LIMIT_PER_DEVICE_COUNTER_HOUR?: string;
  RATE_LIMIT_PER_DEVICE_MINUTE?: string;
  RATE_LIMIT_PER_NETWORK_COUNTER_HOUR?: string;
  RATE_LIMIT_PER_NETWORK_MINUTE?: string;
  /** Uncached open-data parts (`responses.*?cursor=`) per client network per minute (default 30). */
  RATE_LIMIT_PER_NETWORK_EXPORT_PART_MINUTE?: string;
  /** D1 queries one long read (a download, a snapshot partition) may spend: 900 (Workers Paid allows 1,000). */
  D1_QUERY_BUDGET?: string;
}

/** A message on SNAPSHOT_QUEUE: one region × month partition, or the day's index (worker/services/jobs/snapshot.ts). */
export type SnapshotMessage =
  | { kind: 'partition'; day: string; now: number; region: string; month: string }
  | { kind: 'index'; day: string; now: number; partitions: number };

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
  }
}

/** Hono's environment type, shared by every router. */
export interface AppEnv {
  Bindings: Bindings;
}

export interface Config {
  /** Anything but an explicit `development` is production: a forgotten setting must fail closed. */
  development: boolean;
  /**
   * PUBLIC_ORIGIN normalised (normalisePublicOrigin); null only in development, where links use the request's own
   * origin. Reading it in production when it is unset or invalid throws MisconfigurationError.
   */
  readonly publicOrigin: string | null;
  adminToken: string | null;
  turnstile: { secretKey: string | null; siteKey: string | null };
  deviceHashKey: string;
  kioskSigningKey: string;
  evidenceSigningKey: string;
  totpEncryptionKey: string;
  limits: {
    perDeviceCounterHour: number;
    perDeviceMinute: number;
    /** Per client network (IPv4 /24, IPv6 /48): what rotating the user agent cannot reset. */
    perNetworkCounterHour: number;
    perNetworkMinute: number;
    perApiKeyMinute: number;
    /** Uncached open-data parts (a `cursor` continuation) per client network per minute. */
    perNetworkExportPartMinute: number;
  };
  /** D1 queries per invocation for downloads and snapshot partitions (docs/scale.md, "Exports"). */
  queryBudget: number;
}

/** Development fallback key: production must set real secrets (README, "Deploy"), or ratings are refused. */
const DEVELOPMENT_KEY = 'suara-layanan-development-only';

/**
 * A production deployment without a secret it needs answers 503 instead of running with a public fallback
 * key (forgeable kiosk tokens and SKP evidence, linkable device hashes) or accepting Cloudflare's public dummy Turnstile token.
 */
export class MissingSecretError extends Error {
  constructor(readonly secret: string) {
    super(`The deployment is missing the secret ${secret}.`);
  }
}

/**
 * A deployment setting that is missing or malformed: an operator's error, not the client's, so every request
 * answers 500 (worker/http/problem.ts) rather than serving links to the wrong place.
 */
export class MisconfigurationError extends Error {
  constructor(
    readonly setting: string,
    readonly reason: string,
  ) {
    super(`Server misconfigured: ${setting} ${reason}.`);
  }
}

/** Why a configured origin cannot be used; the deployment must fix its configuration. */
export class InvalidOriginError extends Error {}

/**
 * `scheme://host[:port]` without a trailing slash, lower-cased (and IDN hosts in punycode) by the URL parser, so
 * `${origin}/r/{code}` never has a double slash. A path, query, fragment or credentials are refused, not dropped:
 * `https://example.go.id/suara` would otherwise send every QR code to the wrong place without a word.
 */
export function normalisePublicOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidOriginError(`'${value}' is not an absolute URL such as https://suara.example.go.id`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidOriginError(`'${value}' must start with https:// (or http:// locally)`);
  }
  if (url.username !== '' || url.password !== '') throw new InvalidOriginError(`'${value}' must not hold credentials`);
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new InvalidOriginError(`'${value}' must be an origin only, without a path, query or fragment`);
  }
  return url.origin;
}

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value : null;
}

export function readConfig(env: Bindings): Config {
  const development = env.ENVIRONMENT === 'development';
  // Read lazily: only the code paths that need a secret fail when it is missing.
  const secret =
    (name: 'DEVICE_HASH_KEY' | 'KIOSK_SIGNING_KEY' | 'EVIDENCE_SIGNING_KEY' | 'TOTP_ENCRYPTION_KEY') => () => {
      const value = nonEmpty(env[name]);
      if (value) return value;
      if (development) return DEVELOPMENT_KEY;
      throw new MissingSecretError(name);
    };
  const deviceHashKey = secret('DEVICE_HASH_KEY');
  const kioskSigningKey = secret('KIOSK_SIGNING_KEY');
  const evidenceSigningKey = secret('EVIDENCE_SIGNING_KEY');
  const totpEncryptionKey = secret('TOTP_ENCRYPTION_KEY');
  const origin = () => {
    const value = nonEmpty(env.PUBLIC_ORIGIN);
    if (!value) {
      if (development) return null;
      throw new MisconfigurationError('PUBLIC_ORIGIN', 'is unset: set the portal’s public URL (README, "Deploy")');
    }
    try {
      return normalisePublicOrigin(value);
    } catch (error) {
      if (error instanceof InvalidOriginError)
        throw new MisconfigurationError('PUBLIC_ORIGIN', `is invalid: ${error.message}`);
      throw error;
    }
  };
  return {
    development,
    get publicOrigin() {
      return origin();
    },
    adminToken: nonEmpty(env.ADMIN_TOKEN),
    turnstile: { secretKey: nonEmpty(env.TURNSTILE_SECRET_KEY), siteKey: nonEmpty(env.TURNSTILE_SITE_KEY) },
    get deviceHashKey() {
      return deviceHashKey();
    },
    get kioskSigningKey() {
      return kioskSigningKey();
    },
    get evidenceSigningKey() {
      return evidenceSigningKey();
    },
    get totpEncryptionKey() {
      return totpEncryptionKey();
    },
    limits: {
      perDeviceCounterHour: positiveInteger(env.RATE_LIMIT_PER_DEVICE_COUNTER_HOUR, 3),
      perDeviceMinute: positiveInteger(env.RATE_LIMIT_PER_DEVICE_MINUTE, 30),
      // A network is shared (an office's Wi-Fi, a carrier's NAT): a few devices' worth of the device limits.
      perNetworkCounterHour: positiveInteger(env.RATE_LIMIT_PER_NETWORK_COUNTER_HOUR, 20),
      perNetworkMinute: positiveInteger(env.RATE_LIMIT_PER_NETWORK_MINUTE, 120),
      perApiKeyMinute: positiveInteger(env.RATE_LIMIT_PER_API_KEY_MINUTE, 120),
      perNetworkExportPartMinute: positiveInteger(env.RATE_LIMIT_PER_NETWORK_EXPORT_PART_MINUTE, 30),
    },
    // Workers Paid allows 1,000 queries per invocation (Free: 50, so set e.g. 45 there).
    queryBudget: positiveInteger(env.D1_QUERY_BUDGET, QUERY_BUDGET),
  };
}
