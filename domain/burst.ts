/**
 * @module
 * Which ratings are held for a moderator rather than counted at once (SPEC §5, docs/rating.md "Shared networks"):
 * a burst at one counter from one source, the same device sending the same answers again, or more than the hourly
 * share of one device or network. Held ratings are stored flagged, out of every indicator, never refused or dropped.
 * Pure: the caller supplies the counter's recent ratings. A verdict is final when made: nobody's earlier rating moves.
 */

/**
 * A burst: this many counted ratings (the new one included) from one source at one counter within
 * {@link BURST_WINDOW_MS}: one device, or, for ratings that name no device, one network.
 */
export const BURST_MIN_RATINGS = 5;
/**
 * One minute. A counter serves one citizen every few minutes; even a queue finishing together does not put five
 * ratings through one counter's QR code within a minute.
 */
export const BURST_WINDOW_MS = 60_000;
/** The same device sending the same nine answers (and service) again within ten minutes is a rapid repeat. */
export const IDENTICAL_WINDOW_MS = 10 * 60_000;
/** The hourly limits look back a sliding hour. */
export const HOUR_WINDOW_MS = 60 * 60_000;

/** Why a rating is held, in the order they are judged. */
export type FlagReason = 'burst' | 'identical-repeat' | 'device-limit' | 'network-limit';

/** A rating as the rule sees it: when, from which device and network (keyed hashes), and what it answered. */
export interface RatingFingerprint {
  submittedAt: number;
  /**
   * The device or app install (docs/rating.md "Who is a device"); null when the request named none that tells
   * devices apart (a reduced user agent without a client id), or once hashes were cleared: no device rule applies.
   */
  deviceHash: string | null;
  /** Null for ratings stored before network hashes existed, or whose hashes were cleared: never part of a burst. */
  networkHash: string | null;
  /** {@link answerSignature} of the answers and service. */
  signature: string;
  /** Sent by an enrolled kiosk of the counter: exempt from the hourly limits, and not part of its network's. */
  kiosk: boolean;
  /** Stored held (flagged); the hourly limits count only ratings that count. Ignored for the candidate. */
  held: boolean;
}

/** Counted ratings per counter per sliding hour before the next one is held. */
export interface HourlyLimits {
  device: number;
  network: number;
}

export interface Verdict {
  reason: FlagReason | null;
}

/** A compact, comparable form of a rating's content. */
export function answerSignature(scores: readonly number[], serviceId: number | null): string {
  return `${scores.join('')}/${serviceId ?? ''}`;
}

/**
 * Judges a new rating against the counter's ratings of the last {@link HOUR_WINDOW_MS} (the longest window, in any order). Only the new
 * rating is held: a burst never reaches back to earlier ratings, whoever sent them, so one client cannot push
 * another's counted rating into moderation, and each citizen's answer (counted or held) stays true.
 */
export function judgeRating(
  candidate: RatingFingerprint,
  recent: readonly RatingFingerprint[],
  limits: HourlyLimits,
): Verdict {
  const at = candidate.submittedAt;
  const network = candidate.networkHash;
  const device = candidate.deviceHash;
  const within = (r: RatingFingerprint, windowMs: number) => r.submittedAt > at - windowMs;

  // A burst is one source's: the device, or for a rating without one the network's other device-less ratings. Only
  // counted ratings make it, so nobody's ratings, held or from another device, can push a citizen's into moderation.
  const sameSource = (r: RatingFingerprint) =>
    device !== null ? r.deviceHash === device : r.deviceHash === null && network !== null && r.networkHash === network;
  const inBurstWindow = recent.filter((r) => within(r, BURST_WINDOW_MS) && !r.held && sameSource(r)).length;
  if (inBurstWindow + 1 >= BURST_MIN_RATINGS) return { reason: 'burst' };

  // Only the repeat is held: the first of an identical pair is as likely a real rating as the second is a retry.
  const repeated =
    device !== null &&
    recent.some(
      (r) => within(r, IDENTICAL_WINDOW_MS) && r.deviceHash === device && r.signature === candidate.signature,
    );
  if (repeated) return { reason: 'identical-repeat' };

  // An enrolled kiosk rates many citizens from one device: the hourly limits are for anonymous devices only.
  if (candidate.kiosk) return { reason: null };
  const counted = recent.filter((r) => within(r, HOUR_WINDOW_MS) && !r.held);
  // A kiosk's own ratings count for its device (once revoked it is an anonymous device that has rated here), not
  // for its network: a tablet on the office's Wi-Fi must not use up the citizens' phones' share.
  if (device !== null && counted.filter((r) => r.deviceHash === device).length >= limits.device) {
    return { reason: 'device-limit' };
  }
  if (network !== null && counted.filter((r) => r.networkHash === network && !r.kiosk).length >= limits.network) {
    return { reason: 'network-limit' };
  }
  return { reason: null };
}
