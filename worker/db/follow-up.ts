/**
 * @module
 * Reading follow-up actions (rencana tindak lanjut) of a unit: the console, the public unit page
 * ("you said, we did") and the official SKM report all list them through here.
 */
import { and, asc, eq } from 'drizzle-orm';
import { followUpActions } from '../../schema';
import { database } from './client';

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
