/**
 * @module
 * Follow-up (rencana tindak lanjut) of an SKM period: the actions a unit commits to for its weak
 * elements, with owner, due date, status and evidence. Public on the unit page ("you said, we did")
 * and part of the official SKM report, which also lists the previous period's follow-up.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { FOLLOW_UP_STATUSES } from '../domain/follow-up';

// Re-exported for the modules that read it with the table; the definition is the domain's.
export { FOLLOW_UP_STATUSES, type FollowUpStatus } from '../domain/follow-up';

export const followUpActions = sqliteTable(
  'follow_up_actions',
  {
    id: text('id').primaryKey(),
    regionId: integer('region_id').notNull(),
    unitId: integer('unit_id').notNull(),
    /** The SKM period the action answers, as in SPEC §3 ('2026-11', '2026-Q4', '2026-S2', '2026'). */
    period: text('period').notNull(),
    /** The weak element (U1–U9) the action addresses; null for a unit-wide action. */
    elementCode: text('element_code'),
    /** What respondents said (the weakness), in the unit's words. */
    issue: text('issue').notNull(),
    /** What the unit will do. */
    action: text('action').notNull(),
    /** A position, not a person's name (e.g. "Kepala Seksi Pelayanan"): it is published. */
    owner: text('owner').notNull(),
    /** Local date 'YYYY-MM-DD'. */
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: FOLLOW_UP_STATUSES }).notNull().default('planned'),
    /** What was done, and a link to proof (photo, decree, SOP), once there is some. */
    evidence: text('evidence'),
    evidenceUrl: text('evidence_url'),
    createdAt: integer('created_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    completedAt: integer('completed_at'),
  },
  (t) => [index('follow_up_unit_period').on(t.unitId, t.period)],
);
