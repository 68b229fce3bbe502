/**
 * @module
 * Moderation's SQL (SPEC §4): comment queues and decisions, flagged responses accepted (unflagging adds them to the
 * rollups by trigger) or rejected, and the queue sizes per unit. The rules are worker/services/admin/moderation.ts.
 */
import type { COMMENT_STATES } from '../../schema';
import { type AuditRow, auditInsert, auditInsertWhen } from './audit';
import { prepare, raw, type Statement, sql } from './statement';

export type CommentStatus = (typeof COMMENT_STATES)[number];

/** A flagged response waits for a decision; a rejected one stays flagged with its reason kept after this mark. */
export const REJECTED_PREFIX = 'rejected:';

/**
 * The units a unit-scoped moderator may see (null: every unit of the region). Rows of other units then look
 * exactly like rows that do not exist.
 */
export type UnitLimit = readonly number[] | null;

function unitGuard(column: string, units: UnitLimit): Statement {
  const json = units === null ? null : JSON.stringify(units);
  return sql`(${json} IS NULL OR ${raw(column)} IN (SELECT value FROM json_each(${json})))`;
}

export interface CommentRow {
  id: string;
  body: string;
  status: CommentStatus;
  localDate: string;
  createdAt: number;
  moderatedAt: number | null;
  moderatedBy: string | null;
  reply: string | null;
  repliedAt: number | null;
  unitSlug: string;
  unitName: string;
}

const COMMENT_COLUMNS = `c.id, c.body, c.status, c.local_date AS localDate, c.created_at AS createdAt,
  c.moderated_at AS moderatedAt, c.moderated_by AS moderatedBy, c.reply, c.replied_at AS repliedAt,
  u.slug AS unitSlug, u.name AS unitName`;

/** Comments of a region in one state, oldest first, at most `limit`. */
export async function listCommentRows(
  d1: D1Database,
  regionId: number,
  status: CommentStatus,
  limit: number,
  units: UnitLimit,
): Promise<CommentRow[]> {
  const { results } = await prepare(
    d1,
    sql`SELECT ${raw(COMMENT_COLUMNS)} FROM comments c JOIN units u ON u.id = c.unit_id
      WHERE c.region_id = ${regionId} AND c.status = ${status} AND ${unitGuard('c.unit_id', units)}
      ORDER BY c.created_at, c.id LIMIT ${limit}`,
  ).all<CommentRow>();
  return results;
}

export function findCommentRow(d1: D1Database, id: string): Promise<CommentRow | null> {
  return d1
    .prepare(`SELECT ${COMMENT_COLUMNS} FROM comments c JOIN units u ON u.id = c.unit_id WHERE c.id = ?`)
    .bind(id)
    .first<CommentRow>();
}

/** The state and reply of a region's comment in reach, or null. */
export function findCommentState(
  d1: D1Database,
  regionId: number,
  id: string,
  units: UnitLimit,
): Promise<{ status: CommentStatus; reply: string | null } | null> {
  return prepare(
    d1,
    sql`SELECT status, reply FROM comments WHERE id = ${id} AND region_id = ${regionId} AND ${unitGuard('unit_id', units)}`,
  ).first<{ status: CommentStatus; reply: string | null }>();
}

/** Records a moderator's decision and/or the unit's reply (null removes it) on a comment. */
export async function updateComment(
  d1: D1Database,
  id: string,
  decision: { status?: CommentStatus; reply?: string | null },
  now: number,
  audit: AuditRow,
): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  if (decision.status !== undefined) {
    statements.push(
      d1
        .prepare('UPDATE comments SET status = ?, moderated_at = ?, moderated_by = ? WHERE id = ?')
        .bind(decision.status, now, audit.actor, id),
    );
  }
  if (decision.reply !== undefined) {
    statements.push(
      d1
        .prepare('UPDATE comments SET reply = ?, replied_at = ? WHERE id = ?')
        .bind(decision.reply, decision.reply === null ? null : now, id),
    );
  }
  statements.push(auditInsert(d1, audit));
  await d1.batch(statements);
}

/** A flagged response with its unit's slug and name and its counter's code, as stored (snake_case). */
export type FlaggedRow = Record<string, string | number | null>;

/** Whether the flag reason in `column` marks a rejected response. */
const rejectedIn = (column: string) => `coalesce(${column}, '') LIKE '${REJECTED_PREFIX}%'`;

/** Flagged responses of a region awaiting a decision (or already rejected), oldest first. */
export async function listFlaggedRows(
  d1: D1Database,
  regionId: number,
  rejected: boolean,
  limit: number,
  units: UnitLimit,
): Promise<FlaggedRow[]> {
  const state = rejectedIn('r.flag_reason');
  const { results } = await prepare(
    d1,
    sql`SELECT r.*, u.slug AS unit_slug, u.name AS unit_name, k.code AS counter_code
      FROM responses r JOIN units u ON u.id = r.unit_id LEFT JOIN counters k ON k.id = r.counter_id
      WHERE r.flagged = 1 AND r.region_id = ${regionId} AND ${raw(rejected ? state : `NOT ${state}`)}
        AND ${unitGuard('r.unit_id', units)}
      ORDER BY r.submitted_at, r.id LIMIT ${limit}`,
  ).all<FlaggedRow>();
  return results;
}

/** A flagged response of the region in reach, with its flag reason; null when there is none. */
export function findFlaggedReason(
  d1: D1Database,
  regionId: number,
  id: string,
  units: UnitLimit,
): Promise<{ reason: string | null } | null> {
  return prepare(
    d1,
    sql`SELECT flag_reason AS reason FROM responses
      WHERE id = ${id} AND region_id = ${regionId} AND flagged = 1 AND ${unitGuard('unit_id', units)}`,
  ).first<{ reason: string | null }>();
}

/**
 * Unflags a response, which adds it to the rollups (SQLite's triggers, in the same statement). The update tags the
 * row with the one-off `marker`, so only the request that decided writes the audit row. False when nothing was
 * flagged any more (a concurrent accept won).
 */
export async function unflagResponse(
  d1: D1Database,
  regionId: number,
  id: string,
  marker: string,
  audit: AuditRow & { region: number },
): Promise<boolean> {
  const results = await d1.batch([
    d1
      .prepare('UPDATE responses SET flagged = 0, flag_reason = ? WHERE id = ? AND region_id = ? AND flagged = 1')
      .bind(marker, id, regionId),
    auditInsertWhen(d1, sql`EXISTS (SELECT 1 FROM responses WHERE id = ${id} AND flag_reason = ${marker})`, audit),
    d1.prepare('UPDATE responses SET flag_reason = NULL WHERE id = ? AND flag_reason = ?').bind(id, marker),
  ]);
  return (results[0]?.meta.changes ?? 0) > 0;
}

/**
 * Marks a flagged response rejected (it stays flagged, out of every figure), keeping its reason after
 * {@link REJECTED_PREFIX}. As for accepting, the one-off `marker` lets only the request that rejected it audit.
 */
export async function markResponseRejected(
  d1: D1Database,
  id: string,
  marker: string,
  audit: AuditRow & { region: number },
): Promise<void> {
  const reason = `coalesce(flag_reason, '')`;
  await d1.batch([
    d1
      .prepare(
        `UPDATE responses SET flag_reason = ? || ${reason} WHERE id = ? AND flagged = 1 AND ${reason} NOT LIKE '${REJECTED_PREFIX}%'`,
      )
      .bind(`${marker}|`, id),
    auditInsertWhen(
      d1,
      sql`EXISTS (SELECT 1 FROM responses WHERE id = ${id} AND flag_reason LIKE ${marker} || '|%')`,
      audit,
    ),
    d1
      .prepare(
        `UPDATE responses SET flag_reason = '${REJECTED_PREFIX}' || substr(flag_reason, ?) WHERE id = ? AND flag_reason LIKE ? || '|%'`,
      )
      .bind(marker.length + 2, id, marker),
  ]);
}

/** Per unit of a region: pending comments and flagged responses awaiting a decision, how many and since when. */
export async function moderationQueueRows(
  d1: D1Database,
  regionId: number,
): Promise<{ comments: QueueRow[]; flagged: QueueRow[] }> {
  const [comments, flagged] = await d1.batch<QueueRow>([
    d1
      .prepare(
        `SELECT unit_id, count(*) AS n, min(created_at) AS oldest FROM comments
         WHERE region_id = ? AND status = 'pending' GROUP BY unit_id`,
      )
      .bind(regionId),
    d1
      .prepare(
        `SELECT unit_id, count(*) AS n, min(submitted_at) AS oldest FROM responses
         WHERE flagged = 1 AND region_id = ? AND NOT ${rejectedIn('flag_reason')} GROUP BY unit_id`,
      )
      .bind(regionId),
  ]);
  return { comments: comments?.results ?? [], flagged: flagged?.results ?? [] };
}

export interface QueueRow {
  unit_id: number;
  n: number;
  oldest: number;
}
