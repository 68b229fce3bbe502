/**
 * @module
 * One citizen's rating from request to D1, shared by the JSON API and the no-JavaScript form: hashes and the kiosk
 * token in the Worker, then one atomic batch, Turnstile only when it must (docs/rating.md "Round trips", docs/spec.md §5).
 */
import { localDate } from '../../domain/periods';
import { plainText } from '../../domain/plain-text';
import { redactPersonalData } from '../../domain/redaction';
import { ELEMENT_CODES } from '../../domain/survey';
import type { RatingSubmission } from '../contract/rating';
import { type RatingLimits, type StoreOutcome, storeRating } from '../db/responses';
import { type Bindings, readConfig } from '../env';
import { deviceIdentity, networkHash, ratingDeviceHash } from '../security/device-hash';
import { credentialDigest, kioskCredentialOf } from '../security/kiosk-credential';
import { checkKioskToken } from '../security/kiosk-token';
import { HOUR_MS, MINUTE_MS, minuteWindow, networkMinuteWindow, retryAfterSeconds } from '../security/rate-limit';
import { type TurnstileVerdict, verifyTurnstile } from '../security/turnstile';

/**
 * The time zones whose local date every batch carries (the region's is picked inside the batch). Indonesia's three
 * from the start; another region's zone is learnt the first time one of its counters is rated (one more round trip,
 * once per isolate) and kept, since zones are few and never go stale.
 */
const knownTimeZones = new Set(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']);

export interface SubmissionRequest {
  env: Bindings;
  headers: Headers;
  /** Injectable clock for tests of time windows; the Worker's clock otherwise. */
  now?: () => number;
  /** The request's `ctx.waitUntil`: its batch may carry concurrent ratings (worker/db/group-commit.ts). */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/**
 * What became of a submission, in SPEC §5's order; each route says it in its own way (JSON problem, the form again).
 * `held`: stored but held for a staff check before it counts, and the citizen is told so.
 */
export type SubmitOutcome =
  | { kind: 'stored'; id: string; held: boolean }
  | { kind: 'repeat'; id: string; held: boolean }
  /** Nothing stored; `retryAfter` seconds until the same submission may be sent again. */
  | { kind: 'device-minute-limit' | 'network-minute-limit' | 'bot-unavailable'; retryAfter: number }
  | { kind: 'counter-inactive' | 'unknown-service' | 'kiosk-token-invalid' | 'kiosk-token-expired' | 'bot-refused' };

/** Seconds to wait when Turnstile could not be reached. */
const BOT_RETRY_AFTER = 10;

/**
 * Trimmed, with the form's CRLF line ends as LF, without text-direction overrides or invisible characters (so it
 * reads as moderators see it), personal data masked; null when nothing is left.
 */
function cleanComment(comment: string | undefined): string | null {
  const text = plainText(comment?.replaceAll('\r\n', '\n') ?? '').trim();
  return text === '' ? null : redactPersonalData(text);
}

function localDates(now: number): Record<string, string> {
  return Object.fromEntries([...knownTimeZones].map((zone) => [zone, localDate(now, zone)]));
}

export async function submitRating(request: SubmissionRequest, body: RatingSubmission): Promise<SubmitOutcome> {
  const clock = request.now ?? Date.now;
  const config = readConfig(request.env);
  const d1 = request.env.DB;
  const now = clock();
  const device = deviceIdentity(request.headers);
  // The day's salt is cached per isolate: hashing costs no round trip once the isolate has rated today. Null when the
  // request names no device (a reduced user agent without a client id): only the network's rules apply.
  const hash = await ratingDeviceHash(d1, config.deviceHashKey, device, body.clientId, now);
  // The network's hash shares the day's salt (already cached): a new user agent is a new device, not a new network.
  const network = await networkHash(d1, config.deviceHashKey, device.ip, now);
  const kioskCredential = kioskCredentialOf(request.headers);
  const kioskToken =
    body.kioskToken === undefined
      ? null
      : await checkKioskToken(config.kioskSigningKey, body.counter, body.kioskToken, now);
  const comment = cleanComment(body.comment);
  const rating = {
    id: crypto.randomUUID(),
    submissionId: body.submissionId,
    counterCode: body.counter,
    serviceSlug: body.service,
    kioskCredentialHash: kioskCredential ? await credentialDigest(kioskCredential) : null,
    kioskToken,
    accepted: false,
    scores: ELEMENT_CODES.map((code) => body.answers[code]),
    respondent: body.respondent ?? {},
    comment: comment ? { id: crypto.randomUUID(), body: comment } : null,
    submittedAt: now,
    localDates: localDates(now),
    deviceHash: hash,
    networkHash: network,
  };
  const limits: RatingLimits = {
    deviceMinute: {
      ...(hash === null ? { key: null, windowStart: 0 } : minuteWindow(hash, now)),
      limit: config.limits.perDeviceMinute,
    },
    networkMinute: { ...networkMinuteWindow(network, now), limit: config.limits.perNetworkMinute },
    hourly: {
      since: now - HOUR_MS,
      device: config.limits.perDeviceCounterHour,
      network: config.limits.perNetworkCounterHour,
    },
  };
  const commit = request.waitUntil ? { waitUntil: request.waitUntil } : {};
  const store = async (accepted: boolean): Promise<StoreOutcome> => {
    const outcome = await storeRating(d1, { ...rating, accepted }, limits, commit);
    if (outcome.kind !== 'unknown-time-zone') return outcome;
    // A region outside Indonesia's three zones: learn its zone and store again (nothing was stored or counted).
    knownTimeZones.add(outcome.timeZone);
    return storeRating(d1, { ...rating, accepted, localDates: localDates(now) }, limits, commit);
  };
  const options = { remoteIp: device.ip, idempotencyKey: body.submissionId };
  /** Null when the batch answered before Turnstile had to be asked. */
  let turnstile: TurnstileVerdict | null = null;
  let outcome: StoreOutcome;
  if (!config.turnstile.secretKey && config.development) {
    // Local development: the verdict needs no network call, so it goes into the batch and the rating costs one
    // round trip. The batch's answer still comes in SPEC §5's order (a repeat before a refused token).
    turnstile = await verifyTurnstile(config, body.turnstileToken, options);
    outcome = await store(turnstile.ok);
  } else {
    // With siteverify, the same batch runs first without storing or counting: it answers a repeat (whose token is
    // spent), an unknown counter and a minute window already full without a siteverify call. Only a request that
    // passes everything else is verified and then stored by the same batch, which judges the counter, the limits and
    // the hold rules again, atomically, and only then counts it: a refused token counts nowhere.
    outcome = await store(false);
    if (outcome.kind === 'not-accepted') {
      turnstile = await verifyTurnstile(config, body.turnstileToken, options);
      if (turnstile.ok) outcome = await store(true);
    }
  }

  switch (outcome.kind) {
    case 'device-minute-limit':
      return { kind: outcome.kind, retryAfter: retryAfterSeconds(limits.deviceMinute.windowStart + MINUTE_MS, now) };
    case 'network-minute-limit':
      return { kind: outcome.kind, retryAfter: retryAfterSeconds(limits.networkMinute.windowStart + MINUTE_MS, now) };
    case 'not-accepted':
      return turnstile?.ok === false && turnstile.reason === 'unavailable'
        ? { kind: 'bot-unavailable', retryAfter: BOT_RETRY_AFTER }
        : { kind: 'bot-refused' };
    case 'unknown-time-zone':
      throw new Error(`submitRating: the region's time zone ${outcome.timeZone} has no local date`);
    default:
      return outcome;
  }
}
