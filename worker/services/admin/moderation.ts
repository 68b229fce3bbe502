/**
 * @module
 * Moderation: comments become public only once a moderator publishes them (with the unit's reply); flagged responses
 * stay out of every figure until accepted, which the rollup triggers then add (docs/spec.md §4).
 */
import { type Channel, ELEMENT_CODES } from '../../../domain/survey';
import {
  type CommentRow,
  type CommentStatus,
  findCommentRow,
  findCommentState,
  findFlaggedReason,
  listCommentRows,
  listFlaggedRows,
  markResponseRejected,
  moderationQueueRows,
  REJECTED_PREFIX,
  type UnitLimit,
  unflagResponse,
  updateComment,
} from '../../db/moderation';
import type { Region } from '../../db/regions';
import { randomCode } from '../../security/tokens';
import type { Actor } from './audit';

export type { CommentStatus, UnitLimit };
export { REJECTED_PREFIX };

/** A comment as moderators see it: its row, with its unit as one object. */
export type ModeratedComment = Omit<CommentRow, 'unitSlug' | 'unitName'> & { unit: { slug: string; name: string } };

function commentOf({ unitSlug, unitName, ...row }: CommentRow): ModeratedComment {
  return { ...row, unit: { slug: unitSlug, name: unitName } };
}

/** Comments of a region in one state, oldest first (a moderation queue), at most `limit`. */
export async function listComments(
  d1: D1Database,
  regionId: number,
  status: CommentStatus,
  limit = 200,
  units: UnitLimit = null,
): Promise<ModeratedComment[]> {
  const results = await listCommentRows(d1, regionId, status, limit, units);
  return results.map(commentOf);
}

export interface CommentDecision {
  status?: Exclude<CommentStatus, 'pending'>;
  /** The unit's public reply; null removes it. */
  reply?: string | null;
}

/** Publishes or rejects a comment of the region and/or sets the unit's reply. Null when the region has no such comment. */
export async function moderateComment(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  id: string,
  decision: CommentDecision,
  now = Date.now(),
  units: UnitLimit = null,
): Promise<ModeratedComment | null> {
  const existing = await findCommentState(d1, region.id, id, units);
  if (!existing) return null;
  await updateComment(d1, id, decision, now, {
    actor,
    action: 'comment.moderate',
    target: `comment:${id}`,
    detail: { region: region.slug, before: existing, ...decision },
    region: region.id,
  });
  const row = await findCommentRow(d1, id);
  return row ? commentOf(row) : null;
}

export type FlaggedStatus = 'pending' | 'rejected';

export interface FlaggedResponse {
  id: string;
  unit: { slug: string; name: string };
  counter: string | null;
  channel: Channel;
  localDate: string;
  submittedAt: number;
  reason: string | null;
  answers: Record<string, number>;
}

/** Flagged responses of a region awaiting a decision (or already rejected), oldest first. */
export async function listFlaggedResponses(
  d1: D1Database,
  regionId: number,
  status: FlaggedStatus,
  limit = 200,
  units: UnitLimit = null,
): Promise<FlaggedResponse[]> {
  const results = await listFlaggedRows(d1, regionId, status === 'rejected', limit, units);
  return results.map((row) => {
    const reason = row.flag_reason === null ? null : String(row.flag_reason);
    return {
      id: String(row.id),
      unit: { slug: String(row.unit_slug), name: String(row.unit_name) },
      counter: row.counter_code === null ? null : String(row.counter_code),
      channel: String(row.channel) as Channel,
      localDate: String(row.local_date),
      submittedAt: Number(row.submitted_at),
      reason: reason?.startsWith(REJECTED_PREFIX) ? reason.slice(REJECTED_PREFIX.length) || null : reason,
      answers: Object.fromEntries(ELEMENT_CODES.map((code) => [code, Number(row[code.toLowerCase()])])),
    };
  });
}

/**
 * Accepts a flagged response: unflags it, which adds it to the rollups (SQLite's triggers, in the same
 * statement). A response accepted twice (or concurrently) is counted once: the second update matches no
 * flagged row and changes nothing. The update tags the row with a one-off marker, so that only the request
 * that decided writes the audit row. Returns false when the region has no such flagged response.
 */
export async function acceptFlaggedResponse(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  id: string,
  units: UnitLimit = null,
): Promise<boolean> {
  const existing = await findFlaggedReason(d1, region.id, id, units);
  if (!existing) return false;
  const marker = `accepting:${randomCode(16)}`;
  // Only the request whose marker is on the row writes the audit row: of concurrent accepts, exactly one decided.
  return unflagResponse(d1, region.id, id, marker, {
    actor,
    action: 'response.accept',
    target: `response:${id}`,
    detail: { region: region.slug, reason: existing.reason },
    region: region.id,
  });
}

/** Rejects a flagged response: it stays flagged (out of every figure) and leaves the queue. */
export async function rejectFlaggedResponse(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  id: string,
  units: UnitLimit = null,
): Promise<boolean> {
  const existing = await findFlaggedReason(d1, region.id, id, units);
  if (!existing) return false;
  if (existing.reason?.startsWith(REJECTED_PREFIX)) return true; // already decided
  // As for accepting: a one-off marker on the row lets only the request that rejected it write the audit row.
  const marker = `rejecting:${randomCode(16)}`;
  await markResponseRejected(d1, id, marker, {
    actor,
    action: 'response.reject',
    target: `response:${id}`,
    detail: { region: region.slug, reason: existing.reason },
    region: region.id,
  });
  return true;
}

/** What waits for a moderator in one unit: how many items and since when (ms), per queue. */
export interface ModerationQueue {
  pendingComments: number;
  oldestCommentAt: number | null;
  flaggedRatings: number;
  oldestFlaggedAt: number | null;
}

/** The moderation queues of a region's units, keyed by unit id (units with nothing waiting are absent). */
export async function moderationQueues(d1: D1Database, regionId: number): Promise<Map<number, ModerationQueue>> {
  const { comments, flagged } = await moderationQueueRows(d1, regionId);
  const queues = new Map<number, ModerationQueue>();
  const queueOf = (unitId: number) => {
    const queue = queues.get(unitId) ?? {
      pendingComments: 0,
      oldestCommentAt: null,
      flaggedRatings: 0,
      oldestFlaggedAt: null,
    };
    queues.set(unitId, queue);
    return queue;
  };
  for (const row of comments) {
    Object.assign(queueOf(row.unit_id), { pendingComments: row.n, oldestCommentAt: row.oldest });
  }
  for (const row of flagged) {
    Object.assign(queueOf(row.unit_id), { flaggedRatings: row.n, oldestFlaggedAt: row.oldest });
  }
  return queues;
}
