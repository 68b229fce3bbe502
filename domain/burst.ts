/**
 * @module
 * Which ratings look stuffed rather than given (SPEC §5): many ratings within seconds at one counter from one client
 * network, or the same device sending the same answers again. A burst is judged per network and holds only that
 * network's ratings, so nobody can push other citizens' ratings into moderation by stuffing the counter. Such ratings are stored flagged and kept out of every indicator until a
 * moderator decides; they are never dropped. Pure: the caller supplies the counter's recent ratings.
 */

/** A burst: this many ratings (the new one included) from one network at one counter within {@link BURST_WINDOW_MS}. */
export const BURST_MIN_RATINGS = 5;
/**
 * One minute. A counter serves one citizen every few minutes; even a queue finishing together does not put five
 * ratings through one counter's QR code within a minute.
 */
export const BURST_WINDOW_MS = 60_000;
/** The same device sending the same nine answers (and service) again within ten minutes is a rapid repeat. */
export const IDENTICAL_WINDOW_MS = 10 * 60_000;
/** How far back the caller must look: the longest window of the rule. */
export const LOOKBACK_MS = Math.max(BURST_WINDOW_MS, IDENTICAL_WINDOW_MS);

export type FlagReason = 'burst' | 'identical-repeat';

/** A rating as the rule sees it: when, from which device and network (keyed hashes), and what it answered. */
export interface RatingFingerprint {
  submittedAt: number;
  deviceHash: string | null;
  /** Null for ratings stored before network hashes existed, or whose hashes were cleared: never part of a burst. */
  networkHash: string | null;
  /** {@link answerSignature} of the answers and service. */
  signature: string;
}

export interface Verdict {
  reason: FlagReason | null;
  /**
   * For a burst, the start of its window: the same network's earlier unflagged ratings at the counter since then
   * belong to the same burst and are flagged with it (otherwise the first four of every burst would count); other
   * networks' ratings are left alone. Null otherwise.
   */
  flagOthersSince: number | null;
}

/** A compact, comparable form of a rating's content. */
export function answerSignature(scores: readonly number[], serviceId: number | null): string {
  return `${scores.join('')}/${serviceId ?? ''}`;
}

/** Judges a new rating against the counter's ratings of the last {@link LOOKBACK_MS} (in any order). */
export function judgeRating(candidate: RatingFingerprint, recent: readonly RatingFingerprint[]): Verdict {
  const burstSince = candidate.submittedAt - BURST_WINDOW_MS;
  const network = candidate.networkHash;
  const inBurstWindow =
    network === null ? 0 : recent.filter((r) => r.submittedAt > burstSince && r.networkHash === network).length;
  if (inBurstWindow + 1 >= BURST_MIN_RATINGS) return { reason: 'burst', flagOthersSince: burstSince };

  const identicalSince = candidate.submittedAt - IDENTICAL_WINDOW_MS;
  const repeated = recent.some(
    (r) =>
      r.submittedAt > identicalSince &&
      candidate.deviceHash !== null &&
      r.deviceHash === candidate.deviceHash &&
      r.signature === candidate.signature,
  );
  // Only the repeat is flagged: the first of an identical pair is as likely a real rating as the second is a retry.
  return repeated ? { reason: 'identical-repeat', flagOthersSince: null } : { reason: null, flagOthersSince: null };
}
