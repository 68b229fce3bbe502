/**
 * @module
 * A unit's follow-up actions (rencana tindak lanjut): listed, and written with each change audited in its batch.
 * Everything is published on the unit page, so free text is masked of personal data like a citizen's comment.
 */
import { redactPersonalData } from '../../../domain/redaction';
import {
  deleteFollowUpActionRow,
  FOLLOW_UP_FIELDS,
  type FollowUpAction,
  type FollowUpInput,
  findFollowUpAction,
  insertFollowUpAction,
  listFollowUpActions,
  updateFollowUpActionRow,
} from '../../db/follow-up';
import type { Region, Unit } from '../../db/regions';
import type { Actor } from './audit';

export type { FollowUpInput };

export type FollowUpChanges = Partial<FollowUpInput>;

/** A unit's actions of one SKM period (all periods without one), by due date. */
export function unitFollowUp(d1: D1Database, unitId: number, period?: string): Promise<FollowUpAction[]> {
  return listFollowUpActions(d1, { unitId, period });
}

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
  await insertFollowUpAction(d1, { id, regionId: region.id, unitId: unit.id }, input, now, {
    actor,
    action: 'follow-up.create',
    target: target(region, unit, id),
    detail: { period: input.period, elementCode: input.elementCode, status: input.status },
    region: region.id,
  });
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
  const fields = FOLLOW_UP_FIELDS.filter((key) => changes[key] !== undefined);
  await updateFollowUpActionRow(d1, unit.id, id, changes, now, {
    actor,
    action: 'follow-up.update',
    target: target(region, unit, id),
    detail: { changes: Object.fromEntries(fields.map((key) => [key, changes[key]])) },
    region: region.id,
  });
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
  return deleteFollowUpActionRow(d1, unit.id, id, {
    actor,
    action: 'follow-up.delete',
    target: target(region, unit, id),
  });
}
