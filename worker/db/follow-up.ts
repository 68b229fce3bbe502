/**
 * @module
 * Follow-up actions (rencana tindak lanjut) of a unit: the reads of the console, the unit page and the SKM report,
 * and the writes of the console, each in one batch with its audit row.
 */
import { and, asc, eq } from 'drizzle-orm';
import { type FollowUpStatus, followUpActions } from '../../schema';
import { type AuditRow, auditInsert, auditInsertWhen } from './audit';
import { database } from './client';
import { joinSql, prepare, raw, sql } from './statement';

/** One action item, as stored (camelCase of `follow_up_actions`). */
export type FollowUpAction = typeof followUpActions.$inferSelect;

/** A unit's actions, optionally of one SKM period, by due date (then creation, so the order is stable). */
export function listFollowUpActions(
  d1: D1Database,
  filter: { unitId: number; period?: string },
): Promise<FollowUpAction[]> {
  const where = [eq(followUpActions.unitId, filter.unitId)];
  if (filter.period !== undefined) where.push(eq(followUpActions.period, filter.period));
  return database(d1)
    .select()
    .from(followUpActions)
    .where(and(...where))
    .orderBy(asc(followUpActions.dueDate), asc(followUpActions.createdAt), asc(followUpActions.id));
}

/** One action of a unit, or undefined (an id of another unit is not found either). */
export function findFollowUpAction(d1: D1Database, unitId: number, id: string): Promise<FollowUpAction | undefined> {
  return database(d1)
    .select()
    .from(followUpActions)
    .where(and(eq(followUpActions.unitId, unitId), eq(followUpActions.id, id)))
    .get();
}

/** The fields staff write. */
export interface FollowUpInput {
  period: string;
  elementCode: string | null;
  issue: string;
  action: string;
  owner: string;
  dueDate: string;
  status: FollowUpStatus;
  evidence: string | null;
  evidenceUrl: string | null;
}

/** Column of each field. */
const COLUMNS: Record<keyof FollowUpInput, string> = {
  period: 'period',
  elementCode: 'element_code',
  issue: 'issue',
  action: 'action',
  owner: 'owner',
  dueDate: 'due_date',
  status: 'status',
  evidence: 'evidence',
  evidenceUrl: 'evidence_url',
};

/** Fields in column order, for callers that list what changed. */
export const FOLLOW_UP_FIELDS = Object.keys(COLUMNS) as (keyof FollowUpInput)[];

/** Inserts an action; `completed_at` is set when it is created as done. */
export async function insertFollowUpAction(
  d1: D1Database,
  ids: { id: string; regionId: number; unitId: number },
  input: FollowUpInput,
  now: number,
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO follow_up_actions (id, region_id, unit_id, period, element_code, issue, action, owner, due_date,
           status, evidence, evidence_url, created_at, updated_at, completed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        ids.id,
        ids.regionId,
        ids.unitId,
        input.period,
        input.elementCode,
        input.issue,
        input.action,
        input.owner,
        input.dueDate,
        input.status,
        input.evidence,
        input.evidenceUrl,
        now,
        now,
        input.status === 'done' ? now : null,
      ),
    auditInsert(d1, audit),
  ]);
}

/**
 * Changes the given fields of a unit's action (nothing when the unit has no such action, audit row included).
 * `completed_at` is set when the status becomes done (kept if it already was) and cleared when it leaves it.
 */
export async function updateFollowUpActionRow(
  d1: D1Database,
  unitId: number,
  id: string,
  changes: Partial<FollowUpInput>,
  now: number,
  audit: AuditRow & { region: number },
): Promise<void> {
  const fields = FOLLOW_UP_FIELDS.filter((key) => changes[key] !== undefined);
  const sets = fields.map((key) => sql`${raw(COLUMNS[key])} = ${changes[key]}`);
  sets.push(sql`updated_at = ${now}`);
  if (changes.status !== undefined) {
    sets.push(
      sql`completed_at = CASE WHEN ${changes.status} = 'done' THEN coalesce(completed_at, ${now}) ELSE NULL END`,
    );
  }
  const exists = sql`EXISTS (SELECT 1 FROM follow_up_actions WHERE id = ${id} AND unit_id = ${unitId})`;
  await d1.batch([
    auditInsertWhen(d1, exists, audit),
    prepare(d1, sql`UPDATE follow_up_actions SET ${joinSql(sets, ', ')} WHERE id = ${id} AND unit_id = ${unitId}`),
  ]);
}

/** Deletes a unit's action; true when it existed. */
export async function deleteFollowUpActionRow(
  d1: D1Database,
  unitId: number,
  id: string,
  audit: Pick<AuditRow, 'actor' | 'action' | 'target'>,
): Promise<boolean> {
  const [, deleted] = await d1.batch([
    // The audit row keeps what was deleted: it is the only trace left of a published commitment.
    d1
      .prepare(
        `INSERT INTO audit_log (actor, action, target, detail, region_id)
         SELECT ?, ?, ?, json_object('period', period, 'issue', issue, 'action', action, 'status', status), region_id
         FROM follow_up_actions WHERE id = ? AND unit_id = ?`,
      )
      .bind(audit.actor, audit.action, audit.target, id, unitId),
    d1.prepare('DELETE FROM follow_up_actions WHERE id = ? AND unit_id = ?').bind(id, unitId),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}
