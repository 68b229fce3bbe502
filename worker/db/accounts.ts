/**
 * @module
 * Staff accounts' SQL (docs/accounts.md): users, their units, one-time links, sessions and authenticators, as the
 * console changes them (each write with its audit row) and as authentication reads them. Rules: worker/services/admin/.
 */
import type { Role } from '../../domain/roles';
import { type AuditRow, auditInsert, auditInsertWhen } from './audit';
import { prepare, sql } from './statement';

export interface SessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: number;
}

export interface EnabledUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionId: number | null;
}

/**
 * The session stored under `id` for an account, or under `bootstrapId` for `bootstrapActor` (sessions opened with
 * the bootstrap token are only found under their own kind of id), unexpired at `now`; null otherwise.
 */
export function findLiveSession(
  d1: D1Database,
  ids: { id: string; bootstrapId: string; bootstrapActor: string },
  now: number,
): Promise<SessionRow | null> {
  return d1
    .prepare(
      `SELECT id, user_id AS userId, csrf_token AS csrfToken, expires_at AS expiresAt FROM sessions
       WHERE expires_at > ?1 AND ((id = ?2 AND user_id != ?4) OR (id = ?3 AND user_id = ?4))`,
    )
    .bind(now, ids.id, ids.bootstrapId, ids.bootstrapActor)
    .first<SessionRow>();
}

/** An enabled user and the ids of the units assigned to it (ascending), in one round trip; null when none. */
export async function findEnabledUser(
  d1: D1Database,
  userId: string,
): Promise<{ user: EnabledUserRow; unitIds: number[] } | null> {
  const [user, units] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare('SELECT id, email, name, role, region_id AS regionId FROM users WHERE id = ? AND disabled_at IS NULL')
      .bind(userId),
    d1.prepare('SELECT unit_id AS unitId FROM user_units WHERE user_id = ? ORDER BY unit_id').bind(userId),
  ]);
  const row = user?.results[0] as EnabledUserRow | undefined;
  if (!row) return null;
  return { user: row, unitIds: (units?.results ?? []).map((u) => Number(u.unitId)) };
}

export type LinkPurpose = 'invitation' | 'reset';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionId: number | null;
  passwordHash: string;
  passwordSalt: string;
  passwordIterations: number;
  totpSecret: string | null;
  totpEnabledAt: number | null;
  totpLastStep: number | null;
  disabledAt: number | null;
  createdAt: number;
}

/** A stored password: PBKDF2 digest, salt and iterations. */
interface StoredPassword {
  hash: string;
  salt: string;
  iterations: number;
}

/** A one-time link as stored: only its SHA-256. */
export interface NewLink {
  hash: string;
  purpose: LinkPurpose;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
}

const USER_COLUMNS = `id, email, name, role, region_id AS regionId, password_hash AS passwordHash,
  password_salt AS passwordSalt, password_iterations AS passwordIterations, totp_secret AS totpSecret,
  totp_enabled_at AS totpEnabledAt, totp_last_step AS totpLastStep, disabled_at AS disabledAt, created_at AS createdAt`;

export function findUserById(d1: D1Database, id: string): Promise<UserRow | null> {
  return d1.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).bind(id).first<UserRow>();
}

/** The account of a normalised e-mail address. */
export function findUserByEmail(d1: D1Database, email: string): Promise<UserRow | null> {
  return d1.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE email = ?`).bind(email).first<UserRow>();
}

export async function emailTaken(d1: D1Database, email: string): Promise<boolean> {
  return (await d1.prepare('SELECT 1 FROM users WHERE email = ?').bind(email).first()) !== null;
}

/** The units of a region among `slugs` (unknown slugs are absent). */
export async function findRegionUnits(
  d1: D1Database,
  regionId: number,
  slugs: readonly string[],
): Promise<{ id: number; slug: string }[]> {
  const { results } = await d1
    .prepare('SELECT id, slug FROM units WHERE region_id = ? AND slug IN (SELECT value FROM json_each(?))')
    .bind(regionId, JSON.stringify(slugs))
    .all<{ id: number; slug: string }>();
  return results;
}

function linkInsert(d1: D1Database, userId: string, link: NewLink) {
  return d1
    .prepare(
      'INSERT INTO account_links (id, user_id, purpose, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .bind(link.hash, userId, link.purpose, link.createdBy, link.createdAt, link.expiresAt);
}

/** A new link supersedes the user's older unused ones: only the latest works. */
function retireLinks(d1: D1Database, userId: string, now: number) {
  return d1.prepare('UPDATE account_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL').bind(now, userId);
}

function clearTotpStatement(d1: D1Database, userId: string) {
  return d1
    .prepare('UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?')
    .bind(userId);
}

export interface NewUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionId: number | null;
  unitIds: readonly number[];
  createdBy: string;
}

/** Inserts an account without a password, its units and its invitation link; throws on a taken e-mail (UNIQUE). */
export async function insertUser(d1: D1Database, user: NewUser, invitation: NewLink, audit: AuditRow): Promise<void> {
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO users (id, email, name, role, region_id, password_hash, password_salt, password_iterations, created_by)
         VALUES (?, ?, ?, ?, ?, '', '', 0, ?)`,
      )
      .bind(user.id, user.email, user.name, user.role, user.regionId, user.createdBy),
    ...user.unitIds.map((unitId) =>
      d1.prepare('INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)').bind(user.id, unitId),
    ),
    linkInsert(d1, user.id, invitation),
    auditInsert(d1, audit),
  ]);
}

/** Replaces the account's unused links with `link`, and removes its authenticator with `resetTotp`. */
export async function replaceLink(
  d1: D1Database,
  userId: string,
  link: NewLink,
  resetTotp: boolean,
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    retireLinks(d1, userId, link.createdAt),
    linkInsert(d1, userId, link),
    ...(resetTotp ? [clearTotpStatement(d1, userId)] : []),
    auditInsert(d1, audit),
  ]);
}

export interface UsableLink {
  userId: string;
  purpose: LinkPurpose;
  email: string;
  regionId: number | null;
}

/** A link that is unused, unexpired and whose account is enabled, with that account's e-mail and region. */
export function findUsableLink(d1: D1Database, hash: string, now: number): Promise<UsableLink | null> {
  return d1
    .prepare(
      `SELECT l.user_id AS userId, l.purpose, u.email, u.region_id AS regionId FROM account_links l
       JOIN users u ON u.id = l.user_id
       WHERE l.id = ? AND l.used_at IS NULL AND l.expires_at > ? AND u.disabled_at IS NULL`,
    )
    .bind(hash, now)
    .first<UsableLink>();
}

/**
 * Uses the link up and sets its account's password, in one batch guarded by the link itself: of two concurrent
 * uses only one changes anything (and writes the audit row). Every session of the account ends and its other
 * links are retired. False when the link was no longer usable.
 */
export async function useLink(
  d1: D1Database,
  hash: string,
  userId: string,
  password: StoredPassword,
  now: number,
  audit: AuditRow & { region: number | null },
): Promise<boolean> {
  const used = sql`EXISTS (SELECT 1 FROM account_links WHERE id = ${hash} AND used_at = ${now})`;
  const results = await d1.batch([
    d1
      .prepare('UPDATE account_links SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?')
      .bind(now, hash, now),
    prepare(
      d1,
      sql`UPDATE users SET password_hash = ${password.hash}, password_salt = ${password.salt},
        password_iterations = ${password.iterations} WHERE id = ${userId} AND ${used}`,
    ),
    prepare(d1, sql`DELETE FROM sessions WHERE user_id = ${userId} AND ${used}`),
    prepare(
      d1,
      sql`UPDATE account_links SET used_at = ${now} WHERE user_id = ${userId} AND used_at IS NULL AND ${used}`,
    ),
    auditInsertWhen(d1, used, audit),
  ]);
  return (results[0]?.meta.changes ?? 0) > 0;
}

/** Disables an account (ending its sessions and links) or enables it again. */
export async function setUserDisabled(
  d1: D1Database,
  userId: string,
  disabled: boolean,
  now: number,
  audit: AuditRow,
): Promise<void> {
  const statements = disabled
    ? [
        d1.prepare('UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?').bind(now, userId),
        d1.prepare('DELETE FROM sessions WHERE user_id = ?').bind(userId),
        retireLinks(d1, userId, now),
      ]
    : [d1.prepare('UPDATE users SET disabled_at = NULL WHERE id = ?').bind(userId)];
  await d1.batch([...statements, auditInsert(d1, audit)]);
}

/** Ends every session of `userId` (an account's id, or the bootstrap token's actor); how many ended. */
export async function deleteUserSessions(d1: D1Database, userId: string, audit: AuditRow): Promise<number> {
  const [deleted] = await d1.batch([
    d1.prepare('DELETE FROM sessions WHERE user_id = ?').bind(userId),
    auditInsert(d1, audit),
  ]);
  return deleted?.meta.changes ?? 0;
}

export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordIterations: number;
  disabledAt: number | null;
  totpEnabledAt: number | null;
  createdAt: number;
  regionSlug: string | null;
  regionName: string | null;
  /** JSON array of `{ slug, name }`. */
  units: string | null;
}

/**
 * The accounts of a region (null: every region), super admins' only when `role` is super; accounts without a
 * region first, then by region, name and id.
 */
export async function listAccountRows(d1: D1Database, regionId: number | null, role: Role): Promise<AccountRow[]> {
  const { results } = await d1
    .prepare(
      `SELECT u.id, u.email, u.name, u.role, u.password_iterations AS passwordIterations, u.disabled_at AS disabledAt,
              u.totp_enabled_at AS totpEnabledAt, u.created_at AS createdAt, r.slug AS regionSlug, r.name AS regionName,
              (SELECT json_group_array(json_object('slug', un.slug, 'name', un.name)) FROM user_units uu
                 JOIN units un ON un.id = uu.unit_id WHERE uu.user_id = u.id) AS units
       FROM users u LEFT JOIN regions r ON r.id = u.region_id
       WHERE (? IS NULL OR u.region_id = ?) AND (? = 'super' OR u.role != 'super')
       ORDER BY r.name IS NOT NULL, r.name, u.name, u.id`,
    )
    .bind(regionId, regionId, role)
    .all<AccountRow>();
  return results;
}

/** Claims a TOTP step if it is later than the last one claimed: false when a racing request got it first. */
export async function claimTotpStep(d1: D1Database, userId: string, step: number): Promise<boolean> {
  const claimed = await d1
    .prepare('UPDATE users SET totp_last_step = ? WHERE id = ? AND coalesce(totp_last_step, -1) < ?')
    .bind(step, userId, step)
    .run();
  return claimed.meta.changes > 0;
}

/** Sets the account's password, ending its other sessions (all but `keepSessionId`) and retiring its links. */
export async function setPassword(
  d1: D1Database,
  userId: string,
  password: StoredPassword,
  keepSessionId: string | null,
  now: number,
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    d1
      .prepare('UPDATE users SET password_hash = ?, password_salt = ?, password_iterations = ? WHERE id = ?')
      .bind(password.hash, password.salt, password.iterations, userId),
    d1.prepare('DELETE FROM sessions WHERE user_id = ? AND id != ?').bind(userId, keepSessionId ?? ''),
    retireLinks(d1, userId, now),
    auditInsert(d1, audit),
  ]);
}

/** Stores a new, unconfirmed authenticator secret (already sealed). */
export async function setTotpSecret(d1: D1Database, userId: string, sealed: string, audit: AuditRow): Promise<void> {
  await d1.batch([
    d1
      .prepare('UPDATE users SET totp_secret = ?, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?')
      .bind(sealed, userId),
    auditInsert(d1, audit),
  ]);
}

/** Confirms the enrolled authenticator (unless already confirmed), recording the step its first code used. */
export async function confirmTotpSecret(
  d1: D1Database,
  userId: string,
  step: number,
  now: number,
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    d1
      .prepare('UPDATE users SET totp_enabled_at = ?, totp_last_step = ? WHERE id = ? AND totp_enabled_at IS NULL')
      .bind(now, step, userId),
    auditInsert(d1, audit),
  ]);
}

export async function clearTotp(d1: D1Database, userId: string, audit: AuditRow): Promise<void> {
  await d1.batch([clearTotpStatement(d1, userId), auditInsert(d1, audit)]);
}

/** What the console shows of a principal, read in one round trip. */
export async function principalRows(
  d1: D1Database,
  ids: { regionId: number | null; unitIds: readonly number[]; userId: string | null },
): Promise<{
  region: { slug: string; name: string } | undefined;
  units: { slug: string; name: string }[];
  totpEnabledAt: number | null | undefined;
}> {
  const [region, units, user] = await d1.batch<Record<string, unknown>>([
    d1.prepare('SELECT slug, name FROM regions WHERE id = ?').bind(ids.regionId ?? -1),
    d1
      .prepare('SELECT slug, name FROM units WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name')
      .bind(JSON.stringify(ids.unitIds)),
    d1.prepare('SELECT totp_enabled_at AS totpEnabledAt FROM users WHERE id = ?').bind(ids.userId ?? ''),
  ]);
  return {
    region: region?.results[0] as { slug: string; name: string } | undefined,
    units: (units?.results ?? []) as { slug: string; name: string }[],
    totpEnabledAt: (user?.results[0] as { totpEnabledAt: number | null } | undefined)?.totpEnabledAt,
  };
}

/** A new console session (forgetting expired ones: sign-in is rare, a good moment). */
export async function insertSession(
  d1: D1Database,
  session: { id: string; userId: string; csrfToken: string; expiresAt: number },
  now: number,
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    d1.prepare('DELETE FROM sessions WHERE expires_at <= ?').bind(now),
    d1
      .prepare('INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)')
      .bind(session.id, session.userId, session.csrfToken, session.expiresAt),
    auditInsert(d1, audit),
  ]);
}

export async function deleteSession(d1: D1Database, id: string, audit: AuditRow): Promise<void> {
  await d1.batch([d1.prepare('DELETE FROM sessions WHERE id = ?').bind(id), auditInsert(d1, audit)]);
}
