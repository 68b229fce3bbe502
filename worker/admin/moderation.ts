/**
 * @module
 * Moderation: comments become public only once a moderator publishes them (with the unit's reply); flagged responses
 * stay out of every figure until accepted, which the rollup triggers then add (docs/spec.md §4).
 */
import { type Channel, ELEMENT_CODES } from '../../domain/survey';
import type { COMMENT_STATES } from '../../schema';
import type { Region } from '../db/regions';
import { randomCode } from '../security/tokens';
import { type Actor, auditStatement, auditStatementWhen } from './audit';

export type CommentStatus = (typeof COMMENT_STATES)[number];

export interface ModeratedComment {
  id: string;
  unit: { slug: string; name: string };
  body: string;
  status: CommentStatus;
  localDate: string;
  createdAt: number;
  moderatedAt: number | null;
  moderatedBy: string | null;
  reply: string | null;
  repliedAt: number | null;
}

type CommentRow = Omit<ModeratedComment, 'unit'> & { unitSlug: string; unitName: string };

const COMMENT_COLUMNS = `c.id, c.body, c.status, c.local_date AS localDate, c.created_at AS createdAt,
  c.moderated_at AS moderatedAt, c.moderated_by AS moderatedBy, c.reply, c.replied_at AS repliedAt,
  u.slug AS unitSlug, u.name AS unitName`;

/**
 * The units a unit-scoped moderator may see (null: every unit of the region), as SQL and its two bindings.
 * Rows of other units then look exactly like rows that do not exist.
 */
export type UnitLimit = readonly number[] | null;
function unitClause(column: string, units: UnitLimit): [string, string | null, string | null] {
  const json = units === null ? null : JSON.stringify(units);
  return [`(? IS NULL OR ${column} IN (SELECT value FROM json_each(?)))`, json, json];
}

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
  const [clause, ...unitBinds] = unitClause('c.unit_id', units);
  const { results } = await d1
    .prepare(
      `SELECT ${COMMENT_COLUMNS} FROM comments c JOIN units u ON u.id = c.unit_id
       WHERE c.region_id = ? AND c.status = ? AND ${clause} ORDER BY c.created_at, c.id LIMIT ?`,
    )
    .bind(regionId, status, ...unitBinds, limit)
    .all<CommentRow>();
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
  const [clause, ...unitBinds] = unitClause('unit_id', units);
  const existing = await d1
    .prepare(`SELECT status, reply FROM comments WHERE id = ? AND region_id = ? AND ${clause}`)
    .bind(id, region.id, ...unitBinds)
    .first<{ status: CommentStatus; reply: string | null }>();
  if (!existing) return null;
  const statements = [];
  if (decision.status !== undefined) {
    statements.push(
      d1
        .prepare('UPDATE comments SET status = ?, moderated_at = ?, moderated_by = ? WHERE id = ?')
        .bind(decision.status, now, actor, id),
    );
  }
  if (decision.reply !== undefined) {
    statements.push(
      d1
        .prepare('UPDATE comments SET reply = ?, replied_at = ? WHERE id = ?')
        .bind(decision.reply, decision.reply === null ? null : now, id),
    );
  }
  statements.push(
    auditStatement(
      d1,
      actor,
      'comment.moderate',
      `comment:${id}`,
      {
        region: region.slug,
        before: existing,
        ...decision,
      },
      region.id,
    ),
  );
  await d1.batch(statements);
  const row = await d1
    .prepare(`SELECT ${COMMENT_COLUMNS} FROM comments c JOIN units u ON u.id = c.unit_id WHERE c.id = ?`)
    .bind(id)
    .first<CommentRow>();
  return row ? commentOf(row) : null;
}

/** A flagged response waits for a decision; a rejected one stays flagged with its reason kept after this mark. */
export const REJECTED_PREFIX = 'rejected:';

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

type FlaggedRow = Record<string, string | number | null>;

/** Flagged responses of a region awaiting a decision (or already rejected), oldest first. */
export async function listFlaggedResponses(
  d1: D1Database,
  regionId: number,
  status: FlaggedStatus,
  limit = 200,
  units: UnitLimit = null,
): Promise<FlaggedResponse[]> {
  const rejected = `coalesce(r.flag_reason, '') LIKE '${REJECTED_PREFIX}%'`;
  const [clause, ...unitBinds] = unitClause('r.unit_id', units);
  const { results } = await d1
    .prepare(
      `SELECT r.*, u.slug AS unit_slug, u.name AS unit_name, k.code AS counter_code
       FROM responses r JOIN units u ON u.id = r.unit_id LEFT JOIN counters k ON k.id = r.counter_id
       WHERE r.flagged = 1 AND r.region_id = ? AND ${status === 'rejected' ? rejected : `NOT ${rejected}`}
         AND ${clause}
       ORDER BY r.submitted_at, r.id LIMIT ?`,
    )
    .bind(regionId, ...unitBinds, limit)
    .all<FlaggedRow>();
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

/** A flagged response of the region, with its flag reason; null when there is none. */
function flaggedResponse(d1: D1Database, region: Pick<Region, 'id'>, id: string, units: UnitLimit) {
  const [clause, ...unitBinds] = unitClause('unit_id', units);
  return d1
    .prepare(`SELECT flag_reason AS reason FROM responses WHERE id = ? AND region_id = ? AND flagged = 1 AND ${clause}`)
    .bind(id, region.id, ...unitBinds)
    .first<{ reason: string | null }>();
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
  const existing = await flaggedResponse(d1, region, id, units);
  if (!existing) return false;
  const marker = `accepting:${randomCode(16)}`;
  const results = await d1.batch([
    d1
      .prepare('UPDATE responses SET flagged = 0, flag_reason = ? WHERE id = ? AND region_id = ? AND flagged = 1')
      .bind(marker, id, region.id),
    // Written only by the request whose marker is on the row: of concurrent accepts, exactly one decided.
    auditStatementWhen(
      d1,
      { sql: 'EXISTS (SELECT 1 FROM responses WHERE id = ? AND flag_reason = ?)', binds: [id, marker] },
      actor,
      'response.accept',
      `response:${id}`,
      { region: region.slug, reason: existing.reason },
      region.id,
    ),
    d1.prepare('UPDATE responses SET flag_reason = NULL WHERE id = ? AND flag_reason = ?').bind(id, marker),
  ]);
  return (results[0]?.meta.changes ?? 0) > 0;
}

/** Rejects a flagged response: it stays flagged (out of every figure) and leaves the queue. */
export async function rejectFlaggedResponse(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  id: string,
  units: UnitLimit = null,
): Promise<boolean> {
  const existing = await flaggedResponse(d1, region, id, units);
  if (!existing) return false;
  if (existing.reason?.startsWith(REJECTED_PREFIX)) return true; // already decided
  // As for accepting: a one-off marker on the row lets only the request that rejected it write the audit row.
  const marker = `rejecting:${randomCode(16)}`;
  const reason = `coalesce(flag_reason, '')`;
  await d1.batch([
    d1
      .prepare(
        `UPDATE responses SET flag_reason = ? || ${reason} WHERE id = ? AND flagged = 1 AND ${reason} NOT LIKE '${REJECTED_PREFIX}%'`,
      )
      .bind(`${marker}|`, id),
    auditStatementWhen(
      d1,
      { sql: `EXISTS (SELECT 1 FROM responses WHERE id = ? AND flag_reason LIKE ? || '|%')`, binds: [id, marker] },
      actor,
      'response.reject',
      `response:${id}`,
      { region: region.slug, reason: existing.reason },
      region.id,
    ),
    d1
      .prepare(
        `UPDATE responses SET flag_reason = '${REJECTED_PREFIX}' || substr(flag_reason, ?) WHERE id = ? AND flag_reason LIKE ? || '|%'`,
      )
      .bind(marker.length + 2, id, marker),
  ]);
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
  const rejected = `coalesce(flag_reason, '') LIKE '${REJECTED_PREFIX}%'`;
  const [comments, flagged] = await d1.batch<{ unit_id: number; n: number; oldest: number }>([
    d1
      .prepare(
        `SELECT unit_id, count(*) AS n, min(created_at) AS oldest FROM comments
         WHERE region_id = ? AND status = 'pending' GROUP BY unit_id`,
      )
      .bind(regionId),
    d1
      .prepare(
        `SELECT unit_id, count(*) AS n, min(submitted_at) AS oldest FROM responses
         WHERE flagged = 1 AND region_id = ? AND NOT ${rejected} GROUP BY unit_id`,
      )
      .bind(regionId),
  ]);
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
  for (const row of comments?.results ?? []) {
    Object.assign(queueOf(row.unit_id), { pendingComments: row.n, oldestCommentAt: row.oldest });
  }
  for (const row of flagged?.results ?? []) {
    Object.assign(queueOf(row.unit_id), { flaggedRatings: row.n, oldestFlaggedAt: row.oldest });
  }
  return queues;
}
