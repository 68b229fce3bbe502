/**
 * @module
 * Server-side Turnstile verification (SPEC §5). With a secret, every token goes to siteverify and anything but a
 * clear success refuses the rating (fail closed). Without one (local development only) Cloudflare's dummy token
 * passes without a network call and every other token is refused.
 */
import { type Config, MissingSecretError } from '../env';

export const SITEVERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';
/** What Cloudflare's dummy sitekeys hand the browser. */
export const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';
/** The `data-action` of the rating form's widget: a token made for another form of ours is refused. */
export const RATING_ACTION = 'rating';
/** Cloudflare's documented test secrets answer with fixed hostnames and actions: those checks are skipped for them. */
const TEST_SECRETS = new Set([
  '1x0000000000000000000000000000000AA',
  '2x0000000000000000000000000000000AA',
  '3x0000000000000000000000000000000AA',
]);
/** Siteverify normally answers in well under a second; a citizen should not wait longer than this for a refusal. */
const TIMEOUT_MS = 5_000;

export type TurnstileVerdict =
  | { ok: true }
  /** The token was checked and refused (invalid, expired, spent, wrong host or action): 403. */
  | { ok: false; reason: 'refused'; codes: string[] }
  /** Siteverify could not be asked (network, timeout, 5xx): the rating is refused for now, 503 (fail closed). */
  | { ok: false; reason: 'unavailable'; codes: string[] };

interface SiteverifyOutcome {
  success?: boolean;
  'error-codes'?: string[];
  hostname?: string;
  action?: string;
}

export interface VerifyOptions {
  remoteIp: string;
  /** Makes a retry of the same submission with the same token verifiable again (siteverify `idempotency_key`). */
  idempotencyKey: string;
}

export async function verifyTurnstile(
  config: Config,
  token: string,
  options: VerifyOptions,
): Promise<TurnstileVerdict> {
  const secret = config.turnstile.secretKey;
  if (!secret) {
    // SPEC §5: only local development runs without a secret; production without one fails closed.
    if (!config.development) throw new MissingSecretError('TURNSTILE_SECRET_KEY');
    return token === DUMMY_TOKEN ? { ok: true } : { ok: false, reason: 'refused', codes: ['dummy-token-required'] };
  }
  const form = new FormData();
  form.set('secret', secret);
  form.set('response', token);
  if (options.remoteIp) form.set('remoteip', options.remoteIp);
  form.set('idempotency_key', options.idempotencyKey);

  let outcome: SiteverifyOutcome;
  try {
    const response = await fetch(SITEVERIFY_URL, {
      method: 'POST',
      body: form,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) return { ok: false, reason: 'unavailable', codes: [`http-${response.status}`] };
    outcome = await response.json();
  } catch (error) {
    const name = error instanceof Error ? error.name : 'error';
    return { ok: false, reason: 'unavailable', codes: [name === 'TimeoutError' ? 'timeout' : 'network-error'] };
  }
  const codes = outcome['error-codes'] ?? [];
  if (outcome.success !== true) {
    // Cloudflare's own faults are not the citizen's: ask again later rather than refuse the rating outright.
    return codes.includes('internal-error')
      ? { ok: false, reason: 'unavailable', codes }
      : { ok: false, reason: 'refused', codes };
  }
  if (!TEST_SECRETS.has(secret)) {
    if (outcome.action !== undefined && outcome.action !== RATING_ACTION) {
      return { ok: false, reason: 'refused', codes: ['action-mismatch'] };
    }
    const expectedHost = hostnameOf(config.publicOrigin);
    if (expectedHost && outcome.hostname !== undefined && outcome.hostname !== expectedHost) {
      return { ok: false, reason: 'refused', codes: ['hostname-mismatch'] };
    }
  }
  return { ok: true };
}

function hostnameOf(origin: string | null): string | null {
  if (!origin) return null;
  try {
    return new URL(origin).hostname;
  } catch {
    return null;
  }
}
