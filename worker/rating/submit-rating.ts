/**
 * @module
 * One citizen's rating from request to D1 (SPEC §5), shared by the JSON API and the no-JavaScript form.
 * Order matters: a repeat is answered first (before Turnstile, whose tokens are single-use, and before any limit,
 * which it must never count against); then the counter, the kiosk token, Turnstile, and finally the limits, the
 * burst rule and the insert, which are decided inside one atomic batch.
 */
import { answerSignature, judgeRating, LOOKBACK_MS } from '../../domain/burst';
import { localDate } from '../../domain/periods';
import { plainText } from '../../domain/plain-text';
import { redactPersonalData } from '../../domain/redaction';
import { ELEMENT_CODES } from '../../domain/survey';
import { type CounterSnapshot, preflight, storeRating } from '../db/responses';
import { type Bindings, readConfig } from '../env';
import { ProblemError } from '../http/problem';
import { deviceHash, deviceIdentity, networkHash } from '../security/device-hash';
import { checkKioskToken } from '../security/kiosk-token';
import { HOUR_MS, MINUTE_MS, minuteWindow, networkMinuteWindow, retryAfterSeconds } from '../security/rate-limit';
import { verifyTurnstile } from '../security/turnstile';
import type { RatingSubmission } from './schema';

/**
 * Attempts of the store batch when other ratings keep reaching the same counter between looking and storing.
 * Each retry judges the newcomers too (so a real burst is flagged by the rule itself); the last attempt stores
 * without the snapshot guard, so a rating is never refused for being busy.
 */
const MAX_ATTEMPTS = 6;

export interface SubmissionRequest {
  env: Bindings;
  headers: Headers;
  /** Injectable clock for tests of time windows; the Worker's clock otherwise. */
  now?: () => number;
}

export interface Submitted {
  /** 201 for a new rating, 200 for a repeat of an earlier submissionId. */
  status: 201 | 200;
  id: string;
}

function fieldProblem(field: string, detail: string): ProblemError {
  return new ProblemError(400, 'The request has invalid fields.', {
    errors: [{ field, pointer: `#/${field.replaceAll('.', '/')}`, detail }],
  });
}

/**
 * Trimmed, with the form's CRLF line ends as LF, without text-direction overrides or invisible characters (so it
 * reads as moderators see it), personal data masked; null when nothing is left.
 */
function cleanComment(comment: string | undefined): string | null {
  const text = plainText(comment?.replaceAll('\r\n', '\n') ?? '').trim();
  return text === '' ? null : redactPersonalData(text);
}

export async function submitRating(request: SubmissionRequest, body: RatingSubmission): Promise<Submitted> {
  const clock = request.now ?? Date.now;
  const config = readConfig(request.env);
  const d1 = request.env.DB;
  const lookedAt = clock();
  const device = deviceIdentity(request.headers);
  // The day's salt is cached per isolate: hashing first costs no extra round trip in the common case.
  const hash = await deviceHash(d1, config.deviceHashKey, device, lookedAt);
  // The network's hash shares the day's salt (already cached): a new user agent is a new device, not a new network.
  const network = await networkHash(d1, config.deviceHashKey, device.ip, lookedAt);
  const minute = minuteWindow(hash, lookedAt);
  const networkMinute = networkMinuteWindow(network, lookedAt);
  const pre = await preflight(d1, {
    submissionId: body.submissionId,
    counterCode: body.counter,
    serviceSlug: body.service,
    since: lookedAt - LOOKBACK_MS,
    minute,
    networkMinute,
  });
  if (pre.existingId) return { status: 200, id: pre.existingId };
  if ((pre.requestsThisMinute ?? 0) > config.limits.perDeviceMinute) {
    throw tooMany(
      'Too many requests from this device: wait a minute.',
      retryAfterSeconds(minute.windowStart + MINUTE_MS, lookedAt),
    );
  }
  if ((pre.networkRequestsThisMinute ?? 0) > config.limits.perNetworkMinute) {
    throw tooMany(
      'Too many requests from this network: wait a minute.',
      retryAfterSeconds(networkMinute.windowStart + MINUTE_MS, lookedAt),
    );
  }
  const target = pre.target;
  if (!target?.active) throw new ProblemError(404, 'No active counter has this code.');
  if (body.service !== undefined && pre.serviceId === null) {
    throw fieldProblem('service', 'This unit offers no service with this slug.');
  }

  let kioskToken: 'valid' | 'expired' | null = null;
  if (body.kioskToken !== undefined) {
    const state = await checkKioskToken(config.kioskSigningKey, target.counterCode, body.kioskToken, lookedAt);
    if (state === 'invalid') throw fieldProblem('kioskToken', 'This kiosk token is not valid for this counter.');
    if (state === 'expired' && target.kioskExpiredPolicy === 'refuse') {
      throw fieldProblem('kioskToken', 'The kiosk QR code has expired: scan the code on the screen again.');
    }
    kioskToken = state;
  }

  const turnstile = await verifyTurnstile(config, body.turnstileToken, {
    remoteIp: device.ip,
    idempotencyKey: body.submissionId,
  });
  if (!turnstile.ok && turnstile.reason === 'unavailable') {
    throw new ProblemError(503, 'The bot check (Turnstile) could not be reached; nothing was stored. Try again.', {
      title: 'Service Unavailable',
      headers: { 'retry-after': '10' },
    });
  }
  if (!turnstile.ok) throw new ProblemError(403, 'The bot check (Turnstile) refused this submission.');

  const scores = ELEMENT_CODES.map((code) => body.answers[code]);
  const signature = answerSignature(scores, pre.serviceId);
  const id = crypto.randomUUID();
  const comment = cleanComment(body.comment);
  let snapshot: CounterSnapshot = pre.snapshot;

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const last = attempt === MAX_ATTEMPTS - 1;
    const submittedAt = clock();
    const verdict = judgeRating({ submittedAt, deviceHash: hash, networkHash: network, signature }, snapshot.recent);
    const outcome = await storeRating(
      d1,
      {
        id,
        submissionId: body.submissionId,
        target,
        serviceId: pre.serviceId,
        channel: kioskToken ? 'kiosk' : 'qr',
        kioskToken,
        kioskId: null,
        scores,
        respondent: body.respondent ?? {},
        comment: comment ? { id: crypto.randomUUID(), body: comment } : null,
        submittedAt,
        localDate: localDate(submittedAt, target.timezone),
        deviceHash: hash,
        networkHash: network,
        flagReason: verdict.reason,
        flagOthersSince: verdict.flagOthersSince,
      },
      {
        perDeviceCounter: { since: submittedAt - HOUR_MS, limit: config.limits.perDeviceCounterHour },
        perNetworkCounter: { since: submittedAt - HOUR_MS, limit: config.limits.perNetworkCounterHour },
        snapshot: last ? null : { since: snapshot.since, count: snapshot.count },
      },
    );
    switch (outcome.kind) {
      case 'stored':
        return { status: 201, id: outcome.id };
      case 'repeat':
        return { status: 200, id: outcome.id };
      case 'counter-inactive':
        throw new ProblemError(404, 'No active counter has this code.');
      case 'device-counter-limit':
        throw tooMany(
          `This device has rated this counter ${config.limits.perDeviceCounterHour} times in the last hour.`,
          retryAfterSeconds(outcome.oldest + HOUR_MS, submittedAt),
        );
      case 'network-counter-limit':
        throw tooMany(
          `This network has rated this counter ${config.limits.perNetworkCounterHour} times in the last hour.`,
          retryAfterSeconds(outcome.oldest + HOUR_MS, submittedAt),
        );
      case 'stale':
        snapshot = outcome.snapshot;
    }
  }
  // Unreachable: the last attempt stores without the snapshot guard, so it ends in one of the cases above.
  throw new Error('submitRating: no outcome after the last attempt');
}

function tooMany(detail: string, retryAfter: number): ProblemError {
  return new ProblemError(429, detail, { headers: { 'retry-after': String(retryAfter) } });
}
