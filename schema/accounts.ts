/**
 * @module
 * Staff accounts beyond the `users` row (docs/accounts.md): the units an operator (or a unit-scoped viewer)
 * works in, and the one-time links that set a password (invitations and admin-issued resets). A link's token
 * is shown once; only its SHA-256 is stored.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const userUnits = sqliteTable(
  'user_units',
  {
    userId: text('user_id').notNull(),
    unitId: integer('unit_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] }), index('user_units_unit').on(t.unitId)],
);

export const ACCOUNT_LINK_PURPOSES = ['invitation', 'reset'] as const;

export const accountLinks = sqliteTable(
  'account_links',
  {
    /** SHA-256 (hex) of the token in the link. */
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    purpose: text('purpose', { enum: ACCOUNT_LINK_PURPOSES }).notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    createdBy: text('created_by').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [index('account_links_user').on(t.userId)],
);
