/**
 * @module
 * The D1 data model (drizzle-orm). Indicators read the rollups (here and schema/monthly-rollups.ts), which SQLite
 * triggers on `responses` (schema/rollups.ts) keep inside every write of a raw row. Migrations: `npm run
 * db:generate`. docs/scale.md, "Rollups".
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../domain/roles';
import { ELEMENT_CODES } from '../domain/survey';
import { rollupValueColumns } from './monthly-rollups';

const createdAt = () => integer('created_at', { mode: 'number' }).notNull().default(sql`(unixepoch('subsec') * 1000)`);

export const regions = sqliteTable(
  'regions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /** IANA zone (Asia/Jakarta WIB, Asia/Makassar WITA, Asia/Jayapura WIT): periods are local calendar periods. */
    timezone: text('timezone').notNull(),
    /**
     * Official Kemendagri code (kode wilayah, domain/region-codes.ts): '21.72' a kabupaten/kota, '21' a province's own
     * government. Its first two digits are the province. Null only for regions created before codes existed.
     */
    code: text('code'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('regions_code').on(t.code)],
);

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    regionId: integer('region_id').notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** Expected respondents per year, for the Krejcie & Morgan sample size. */
    population: integer('population'),
    /** The SKP target IKM (25–100). */
    ikmTarget: integer('ikm_target'),
    /** The unit's head (kepala), who signs the SKM report: name, and the 18-digit NIP of a civil servant. */
    headName: text('head_name'),
    headNip: text('head_nip'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('units_region_slug').on(t.regionId, t.slug)],
);

export const services = sqliteTable(
  'services',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id').notNull(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('services_unit_slug').on(t.unitId, t.slug)],
);

export const KIOSK_EXPIRED_POLICIES = ['mark', 'refuse'] as const;

export const counters = sqliteTable(
  'counters',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id').notNull(),
    /** Unguessable, URL-safe, printed as the QR code to /r/{code}. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** What happens to a kiosk rating whose rotating token has expired: stored marked, or refused. */
    kioskExpiredPolicy: text('kiosk_expired_policy', { enum: KIOSK_EXPIRED_POLICIES }).notNull().default('mark'),
    createdAt: createdAt(),
  },
  (t) => [index('counters_unit').on(t.unitId)],
);

const elementScoreColumns = Object.fromEntries(
  ELEMENT_CODES.map((code) => [code.toLowerCase(), integer(code.toLowerCase()).notNull()]),
) as Record<Lowercase<(typeof ELEMENT_CODES)[number]>, ReturnType<typeof integer>>;

export const responses = sqliteTable(
  'responses',
  {
    id: text('id').primaryKey(),
    /** Client-made UUID: the idempotency key of a submission (SPEC §5). */
    submissionId: text('submission_id').notNull().unique(),
    regionId: integer('region_id').notNull(),
    unitId: integer('unit_id').notNull(),
    /** Null for paper questionnaires keyed in without a counter. */
    counterId: integer('counter_id'),
    serviceId: integer('service_id'),
    channel: text('channel', { enum: ['qr', 'kiosk', 'paper'] }).notNull(),
    ...elementScoreColumns,
    gender: text('gender'),
    age: integer('age'),
    education: text('education'),
    occupation: text('occupation'),
    /** Instant received (ms since epoch) and its calendar date in the region's time zone. */
    submittedAt: integer('submitted_at').notNull(),
    localDate: text('local_date').notNull(),
    /** The local month 'YYYY-MM', computed by SQLite (virtual: stored in no row, only in the index below). */
    month: text('month').generatedAlwaysAs(sql`substr(local_date, 1, 7)`, { mode: 'virtual' }),
    /** Keyed hash of IP + user agent with a salt destroyed after its day (SPEC §4); null for paper. */
    deviceHash: text('device_hash'),
    /** Keyed hash of the client's network (IPv4 /24, IPv6 /48) with the same daily salt; cleared with device_hash. */
    networkHash: text('network_hash'),
    /** The enrolled kiosk that submitted the rating (exempt from the hourly device and network limits). */
    kioskId: text('kiosk_id'),
    /** Flagged responses stay out of every indicator until a moderator decides. */
    flagged: integer('flagged', { mode: 'boolean' }).notNull().default(false),
    flagReason: text('flag_reason'),
    /** For kiosk ratings: whether the rotating QR token was still valid. */
    kioskToken: text('kiosk_token', { enum: ['valid', 'expired'] }),
    /** Who keyed in a paper questionnaire (audit), null otherwise. */
    enteredBy: text('entered_by'),
  },
  (t) => [
    index('responses_counter_device_time').on(t.counterId, t.deviceHash, t.submittedAt),
    index('responses_counter_network_time').on(t.counterId, t.networkHash, t.submittedAt),
    index('responses_counter_time').on(t.counterId, t.submittedAt),
    index('responses_region_date').on(t.regionId, t.localDate),
    index('responses_flagged').on(t.flagged),
    // responses.csv reads a unit's month in id order page by page (worker/services/open-data/responses-rows.ts): with this
    // index each page is a range walk, not a sort of the whole month. It also carries every column a page
    // publishes: ids are random, so a page's rows lie all over the table, and reading them from the index instead
    // made a million-row file about twice as fast for about 36 bytes more per response (docs/scale.md, "Exports").
    index('responses_unit_month_rows')
      .on(
        t.unitId,
        t.month,
        t.id,
        t.serviceId,
        t.channel,
        ...ELEMENT_CODES.map((code) => t[code.toLowerCase() as Lowercase<typeof code>]),
        t.gender,
        t.age,
        t.education,
        t.occupation,
      )
      .where(sql`flagged = 0`),
    // Small by design: device hashes are cleared after a day, so this finds the few left to clear.
    index('responses_device_hash_time').on(t.submittedAt).where(sql`device_hash IS NOT NULL`),
  ],
);

/**
 * One row per region × unit × counter × service × local day. `counterId`/`serviceId` are 0 when
 * absent so the composite key stays unique (NULLs never conflict in SQLite).
 */
export const dailyRollups = sqliteTable(
  'daily_rollups',
  {
    regionId: integer('region_id').notNull(),
    unitId: integer('unit_id').notNull(),
    counterId: integer('counter_id').notNull(),
    serviceId: integer('service_id').notNull(),
    localDate: text('local_date').notNull(),
    ...rollupValueColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.unitId, t.counterId, t.serviceId, t.localDate] }),
    index('rollups_region_date').on(t.regionId, t.localDate),
    index('rollups_unit_date').on(t.unitId, t.localDate),
  ],
);

export const COMMENT_STATES = ['pending', 'published', 'rejected'] as const;

export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    responseId: text('response_id').notNull().unique(),
    regionId: integer('region_id').notNull(),
    unitId: integer('unit_id').notNull(),
    /** Already redacted (NIK, phone, e-mail…) before any person sees it; the raw text is never stored. */
    body: text('body').notNull(),
    status: text('status', { enum: COMMENT_STATES }).notNull().default('pending'),
    localDate: text('local_date').notNull(),
    createdAt: createdAt(),
    moderatedAt: integer('moderated_at'),
    moderatedBy: text('moderated_by'),
    reply: text('reply'),
    repliedAt: integer('replied_at'),
  },
  (t) => [index('comments_unit_status').on(t.unitId, t.status, t.localDate)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    regionId: integer('region_id').notNull(),
    label: text('label').notNull(),
    /** The first characters of the key, shown in listings so staff can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the full key: keys are high-entropy, so a fast hash is enough. */
    hash: text('hash').notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_keys_region').on(t.regionId)],
);

/** Staff roles, least first (domain/roles.ts); `moderator` of the first schema was never used and is gone. */
export const USER_ROLES = ROLES;

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Stored lower-case: the sign-in name. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  /** Null for super admins, who see every region. */
  regionId: integer('region_id'),
  /**
   * PBKDF2-SHA256 (base64url). Empty, with 0 iterations, until the invitation is accepted: no password matches
   * it. (Kept NOT NULL as first created, so the migration adds columns instead of rebuilding the table.)
   */
  passwordHash: text('password_hash').notNull(),
  passwordSalt: text('password_salt').notNull(),
  /** Stored per hash: production Workers cap PBKDF2 at 100,000 iterations. */
  passwordIterations: integer('password_iterations').notNull(),
  createdAt: createdAt(),
  disabledAt: integer('disabled_at'),
  /** The TOTP secret (RFC 6238), encrypted with TOTP_ENCRYPTION_KEY; null when not enrolled. */
  totpSecret: text('totp_secret'),
  /** Set once the first code has been confirmed: only then does sign-in ask for a code. */
  totpEnabledAt: integer('totp_enabled_at'),
  /** The last accepted 30-second step, so a code cannot be replayed within its window. */
  totpLastStep: integer('totp_last_step'),
  /** Who created the account (audit actor). */
  createdBy: text('created_by'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the session token held in the cookie. */
    id: text('id').primaryKey(),
    /** A user id, or 'admin-token' for a session opened with the bootstrap ADMIN_TOKEN. */
    userId: text('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_expiry').on(t.expiresAt)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull(),
    detail: text('detail', { mode: 'json' }),
    /** The region the change belongs to (null for global changes): region admins see their region's rows. */
    regionId: integer('region_id'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_region').on(t.regionId, t.id)],
);

/** The day's random salt for device hashes; yesterday's is deleted, so old hashes cannot be linked. */
export const deviceSalts = sqliteTable('device_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
});

/** Fixed-window request counters for abuse limits (key is already a keyed hash). */
export const rateCounters = sqliteTable(
  'rate_counters',
  {
    key: text('key').notNull(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** Nightly open-data snapshots written to R2, listed on /data with checksums. */
export const snapshots = sqliteTable(
  'snapshots',
  {
    day: text('day').notNull(),
    file: text('file').notNull(),
    r2Key: text('r2_key').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.day, t.file] })],
);
export * from './accounts';
export * from './export-blocks';
export * from './follow-up';
export * from './monthly-rollups';
export * from './security';
