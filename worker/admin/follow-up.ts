/**
 * @module
 * Writing a unit's follow-up actions (rencana tindak lanjut), each change audited in the same D1 batch. `completedAt`
 * is set by the database when the status becomes `done` (kept if it was already done) and cleared when it leaves it.
 * Everything is published on the unit page, so the free text is masked of personal data like a citizen's comment
 * (an issue often quotes one, phone number included).
 */
import { redactPersonalData } from '../../domain/redaction';
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../../schema';
import { type FollowUpAction, findFollowUpAction } from '../db/follow-up';
import type { Region, Unit } from '../db/regions';
import { type Actor, auditStatement, auditStatementWhen } from './audit';

export { FOLLOW_UP_STATUSES };

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

export type FollowUpChanges = Partial<FollowUpInput>;

/** Column of each changeable field. */
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

const FREE_TEXT = ['issue', 'action', 'owner', 'evidence'] as const;

function masked<T extends FollowUpChanges>(input: T): T {
  const out = { ...input };
  for (const key of FREE_TEXT) {
    const value = out[key];
    if (typeof value === 'string') out[key] = redactPersonalData(value);
  }
  return out;
}

const target = (region: Pick<Region, 'slug'>, unit: Pick<Unit, 'slug'>, id: string) =>
  `follow-up:${region.slug}/${unit.slug}/${id}`;

export async function createFollowUpAction(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  unit: Pick<Unit, 'id' | 'slug'>,
  input: FollowUpInput,
  now = Date.now(),
): Promise<FollowUpAction> {
  const id = crypto.randomUUID();
  input = masked(input);
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO follow_up_actions (id, region_id, unit_id, period, element_code, issue, action, owner, due_date,
           status, evidence, evidence_url, created_at, updated_at, completed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        id,
        region.id,
        unit.id,
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
    auditStatement(
      d1,
      actor,
      'follow-up.create',
      target(region, unit, id),
      {
        period: input.period,
        elementCode: input.elementCode,
        status: input.status,
      },
      region.id,
    ),
  ]);
  return (await findFollowUpAction(d1, unit.id, id)) as FollowUpAction;
}

/** The action after the change, or undefined when the unit has no such action. */
export async function updateFollowUpAction(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  unit: Pick<Unit, 'id' | 'slug'>,
  id: string,
  changes: FollowUpChanges,
  now = Date.now(),
): Promise<FollowUpAction | undefined> {
  changes = masked(changes);
  const fields = (Object.keys(COLUMNS) as (keyof FollowUpInput)[]).filter((key) => changes[key] !== undefined);
  const sets = fields.map((key) => `${COLUMNS[key]} = ?`);
  const values: unknown[] = fields.map((key) => changes[key]);
  sets.push('updated_at = ?');
  values.push(now);
  if (changes.status !== undefined) {
    sets.push(`completed_at = CASE WHEN ? = 'done' THEN coalesce(completed_at, ?) ELSE NULL END`);
    values.push(changes.status, now);
  }
  const exists = {
    sql: 'EXISTS (SELECT 1 FROM follow_up_actions WHERE id = ? AND unit_id = ?)',
    binds: [id, unit.id],
  };
  await d1.batch([
    auditStatementWhen(
      d1,
      exists,
      actor,
      'follow-up.update',
      target(region, unit, id),
      {
        changes: Object.fromEntries(fields.map((key) => [key, changes[key]])),
      },
      region.id,
    ),
    d1
      .prepare(`UPDATE follow_up_actions SET ${sets.join(', ')} WHERE id = ? AND unit_id = ?`)
      .bind(...values, id, unit.id),
  ]);
  return findFollowUpAction(d1, unit.id, id);
}

/** True when the action existed and is gone. */
export async function deleteFollowUpAction(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  unit: Pick<Unit, 'id' | 'slug'>,
  id: string,
): Promise<boolean> {
  const [, deleted] = await d1.batch([
    // The audit row keeps what was deleted: it is the only trace left of a published commitment.
    d1
      .prepare(
        `INSERT INTO audit_log (actor, action, target, detail, region_id)
         SELECT ?, 'follow-up.delete', ?, json_object('period', period, 'issue', issue, 'action', action, 'status', status), region_id
         FROM follow_up_actions WHERE id = ? AND unit_id = ?`,
      )
      .bind(actor, target(region, unit, id), id, unit.id),
    d1.prepare('DELETE FROM follow_up_actions WHERE id = ? AND unit_id = ?').bind(id, unit.id),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}
