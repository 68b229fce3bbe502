/**
 * @module
 * Tables behind the abuse and integrity controls: the record of imported paper files (whose unique key makes a
 * double upload fail inside the import's own atomic batch) and the kiosks enrolled at counters.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () => integer('created_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

/**
 * One row per imported paper file. `copy` is 0 for a file's first import into a unit and counts up for each
 * deliberate re-import (`?duplicate=allow`): two concurrent first imports both insert copy 0, and the unique
 * index fails the second batch as a whole, rows and rollups included.
 */
export const importBatches = sqliteTable(
  'import_batches',
  {
    id: text('id').primaryKey(),
    unitId: integer('unit_id').notNull(),
    sha256: text('sha256').notNull(),
    copy: integer('copy').notNull().default(0),
    rows: integer('rows').notNull(),
    actor: text('actor').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('import_batches_unit_file').on(t.unitId, t.sha256, t.copy)],
);

/**
 * A tablet or display enrolled at one counter from the console. Only enrolled kiosks get rotating QR tokens and
 * submit many citizens' ratings from one device. Both secrets are stored as SHA-256 digests: the one-time
 * enrolment code (until used or expired) and the device credential the kiosk keeps in an HttpOnly cookie.
 */
export const kiosks = sqliteTable(
  'kiosks',
  {
    id: text('id').primaryKey(),
    counterId: integer('counter_id').notNull(),
    label: text('label').notNull(),
    enrolmentHash: text('enrolment_hash').unique(),
    enrolmentExpiresAt: integer('enrolment_expires_at'),
    credentialHash: text('credential_hash').unique(),
    createdAt: createdAt(),
    enrolledAt: integer('enrolled_at'),
    lastSeenAt: integer('last_seen_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('kiosks_counter').on(t.counterId)],
);
