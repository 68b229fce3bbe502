/**
 * @module
 * Staff accounts (docs/accounts.md): creating one with an invitation link, accepting an invitation or an
 * admin-issued reset link (both one-time, only their SHA-256 stored), disabling, signing out everywhere, listing
 * within reach, signing in (e-mail, password, TOTP code if enrolled), re-authentication and changing one's password.
 * Every change writes its audit row in the same batch. Who may manage whom is domain/roles.ts.
 */
import { passwordProblem } from '../../domain/password-policy';
import { accountRefusal, accountShapeProblem, type Role } from '../../domain/roles';
import { ProblemError } from '../http/problem';
import { ADMIN_TOKEN_ACTOR, type Principal } from '../security/admin-auth';
import { burnPasswordTime, hashPassword, type PasswordHash, verifyPassword } from '../security/passwords';
import { open } from '../security/secret-box';
import {
  forgiveSignInAttempt,
  recordReservedFailure,
  recordSignInFailure,
  reserveSignInAttempt,
  type SignInKeys,
} from '../security/sign-in-throttle';
import { randomCode, sha256Hex } from '../security/tokens';
import { matchTotp } from '../security/totp';
import { type Actor, auditStatement, auditStatementWhen } from './audit';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A reset link is for now, not for later: a day. */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;
/** 52 characters of 5 bits: 260 bits, as the session cookie. */
const LINK_TOKEN_LENGTH = 52;

export type LinkPurpose = 'invitation' | 'reset';

/** A link that is unknown, used, expired, or whose account is disabled: one answer for all of them. */
export class InvalidLinkError extends ProblemError {
  constructor() {
    const detail = 'This link is invalid, already used or expired. Ask an admin for a new one.';
    super(400, detail, { errors: [{ field: 'token', pointer: '#/token', detail }] });
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The console page that accepts a link; the token rides in the fragment, which browsers never send or log. */
export function accountLinkUrl(origin: string, token: string): string {
  return `${origin}/admin/undangan#${token}`;
}

export interface AccountListing {
  id: string;
  email: string;
  name: string;
  role: Role;
  region: { slug: string; name: string } | null;
  units: { slug: string; name: string }[];
  status: 'invited' | 'active' | 'disabled';
  totp: boolean;
  createdAt: number;
}

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

const USER_COLUMNS = `id, email, name, role, region_id AS regionId, password_hash AS passwordHash,
  password_salt AS passwordSalt, password_iterations AS passwordIterations, totp_secret AS totpSecret,
  totp_enabled_at AS totpEnabledAt, totp_last_step AS totpLastStep, disabled_at AS disabledAt, created_at AS createdAt`;

function fieldProblem(field: string, detail: string, status: 400 | 403 | 409 = 400): ProblemError {
  return new ProblemError(status, detail, { errors: [{ field, pointer: `#/${field}`, detail }] });
}

function linkStatement(d1: D1Database, hash: string, userId: string, purpose: LinkPurpose, actor: Actor, now: number) {
  const ttl = purpose === 'invitation' ? INVITATION_TTL_MS : RESET_TTL_MS;
  return d1
    .prepare(
      'INSERT INTO account_links (id, user_id, purpose, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .bind(hash, userId, purpose, actor, now, now + ttl);
}

/** A new link supersedes the user's older unused ones: only the latest works. */
function retireLinks(d1: D1Database, userId: string, now: number) {
  return d1.prepare('UPDATE account_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL').bind(now, userId);
}

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  region?: string | null;
  units?: string[];
}

/** Creates an account without a password and its invitation link (returned once, never stored). */
export async function createAccount(
  d1: D1Database,
  principal: Principal,
  input: NewAccount,
  origin: string,
  now = Date.now(),
): Promise<{ id: string; invitationUrl: string; expiresAt: number }> {
  const email = normalizeEmail(input.email);
  let regionId: number | null = null;
  if (input.region) {
    const region = await d1.prepare('SELECT id FROM regions WHERE slug = ?').bind(input.region).first<{ id: number }>();
    if (!region) throw fieldProblem('region', `No region '${input.region}'.`);
    regionId = region.id;
  }
  const unitSlugs = [...new Set(input.units ?? [])];
  const unitIds: number[] = [];
  if (unitSlugs.length > 0) {
    if (regionId === null) throw fieldProblem('units', 'Units need a region.');
    const { results } = await d1
      .prepare('SELECT id, slug FROM units WHERE region_id = ? AND slug IN (SELECT value FROM json_each(?))')
      .bind(regionId, JSON.stringify(unitSlugs))
      .all<{ id: number; slug: string }>();
    const missing = unitSlugs.filter((slug) => !results.some((u) => u.slug === slug));
    if (missing.length > 0) throw fieldProblem('units', `No unit ${missing.map((s) => `'${s}'`).join(', ')} here.`);
    unitIds.push(...results.map((u) => u.id));
  }
  const shape = accountShapeProblem({ role: input.role, regionId, unitIds });
  if (shape) throw fieldProblem(input.role === 'super' || regionId === null ? 'region' : 'units', shape);
  const refusal = accountRefusal(principal, { role: input.role, regionId });
  if (refusal === 'role') throw new ProblemError(403, `This account may not create a ${input.role} account.`);
  if (refusal === 'region') throw new ProblemError(403, 'This account may create accounts in its own region only.');
  if (await d1.prepare('SELECT 1 FROM users WHERE email = ?').bind(email).first()) {
    throw fieldProblem('email', 'An account with this e-mail address exists.', 409);
  }
  const id = `usr_${randomCode(16)}`;
  const token = randomCode(LINK_TOKEN_LENGTH);
  const statements = [
    d1
      .prepare(
        `INSERT INTO users (id, email, name, role, region_id, password_hash, password_salt, password_iterations, created_by)
         VALUES (?, ?, ?, ?, ?, '', '', 0, ?)`,
      )
      .bind(id, email, input.name, input.role, regionId, principal.actor),
    ...unitIds.map((unitId) => d1.prepare('INSERT INTO user_units (user_id, unit_id) VALUES (?, ?)').bind(id, unitId)),
    linkStatement(d1, await sha256Hex(token), id, 'invitation', principal.actor, now),
    auditStatement(
      d1,
      principal.actor,
      'user.create',
      `user:${id}`,
      { email, role: input.role, region: input.region ?? null, units: unitSlugs },
      regionId,
    ),
  ];
  try {
    await d1.batch(statements);
  } catch (error) {
    if (error instanceof Error && /UNIQUE/i.test(error.message)) {
      throw fieldProblem('email', 'An account with this e-mail address exists.', 409);
    }
    throw error;
  }
  return { id, invitationUrl: accountLinkUrl(origin, token), expiresAt: now + INVITATION_TTL_MS };
}

/** The account `principal` may manage, or 404: accounts outside one's reach look like accounts that do not exist. */
async function manageableUser(d1: D1Database, principal: Principal, userId: string): Promise<UserRow> {
  const user = await d1.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).bind(userId).first<UserRow>();
  if (!user || accountRefusal(principal, { role: user.role, regionId: user.regionId }) !== null) {
    throw new ProblemError(404, `No account '${userId}'.`);
  }
  return user;
}

/**
 * A one-time password-reset link for an account (it also serves to re-send an invitation). With `resetTotp`
 * the account's authenticator is removed at once, for a person who lost the phone; otherwise a stolen link
 * alone does not get past it.
 */
export async function issueResetLink(
  d1: D1Database,
  principal: Principal,
  userId: string,
  origin: string,
  options: { resetTotp?: boolean } = {},
  now = Date.now(),
): Promise<{ url: string; expiresAt: number }> {
  const user = await manageableUser(d1, principal, userId);
  if (user.disabledAt !== null) throw new ProblemError(409, 'The account is disabled: enable it first.');
  const token = randomCode(LINK_TOKEN_LENGTH);
  const purpose: LinkPurpose = user.passwordIterations === 0 ? 'invitation' : 'reset';
  const resetTotp = options.resetTotp === true && user.totpSecret !== null;
  await d1.batch([
    retireLinks(d1, user.id, now),
    linkStatement(d1, await sha256Hex(token), user.id, purpose, principal.actor, now),
    ...(resetTotp
      ? [
          d1
            .prepare('UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?')
            .bind(user.id),
        ]
      : []),
    auditStatement(d1, principal.actor, 'user.reset-link', `user:${user.id}`, { purpose, resetTotp }, user.regionId),
  ]);
  const ttl = purpose === 'invitation' ? INVITATION_TTL_MS : RESET_TTL_MS;
  return { url: accountLinkUrl(origin, token), expiresAt: now + ttl };
}

/**
 * Sets the password of a valid, unused link's account and uses the link up, in one batch guarded by the link
 * itself: of two concurrent uses only one changes anything (and writes the audit row). Every session of the
 * account ends, so a reset also throws out whoever knew the old password.
 */
export async function acceptLink(
  d1: D1Database,
  token: string,
  password: string,
  now = Date.now(),
): Promise<{ userId: string; purpose: LinkPurpose }> {
  const hash = await sha256Hex(token);
  const link = await d1
    .prepare(
      `SELECT l.user_id AS userId, l.purpose, u.email, u.region_id AS regionId FROM account_links l
       JOIN users u ON u.id = l.user_id
       WHERE l.id = ? AND l.used_at IS NULL AND l.expires_at > ? AND u.disabled_at IS NULL`,
    )
    .bind(hash, now)
    .first<{ userId: string; purpose: LinkPurpose; email: string; regionId: number | null }>();
  if (!link) throw new InvalidLinkError();
  const problem = passwordProblem(password, link.email);
  if (problem) throw fieldProblem('password', problem);
  const stored = await hashPassword(password);
  const used = { sql: 'EXISTS (SELECT 1 FROM account_links WHERE id = ? AND used_at = ?)', binds: [hash, now] };
  const results = await d1.batch([
    d1
      .prepare('UPDATE account_links SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?')
      .bind(now, hash, now),
    d1
      .prepare(
        `UPDATE users SET password_hash = ?, password_salt = ?, password_iterations = ? WHERE id = ? AND ${used.sql}`,
      )
      .bind(stored.hash, stored.salt, stored.iterations, link.userId, ...used.binds),
    d1.prepare(`DELETE FROM sessions WHERE user_id = ? AND ${used.sql}`).bind(link.userId, ...used.binds),
    d1
      .prepare(`UPDATE account_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL AND ${used.sql}`)
      .bind(now, link.userId, ...used.binds),
    auditStatementWhen(
      d1,
      used,
      `user:${link.userId}`,
      link.purpose === 'invitation' ? 'user.accept-invitation' : 'user.reset-password',
      `user:${link.userId}`,
      {},
      link.regionId,
    ),
  ]);
  if ((results[0]?.meta.changes ?? 0) === 0) throw new InvalidLinkError();
  return { userId: link.userId, purpose: link.purpose };
}

/** Disables (and signs out) or re-enables an account. Nobody disables their own account: ask another admin. */
export async function setAccountDisabled(
  d1: D1Database,
  principal: Principal,
  userId: string,
  disabled: boolean,
  now = Date.now(),
): Promise<void> {
  const user = await manageableUser(d1, principal, userId);
  if (user.id === principal.userId) throw new ProblemError(409, 'An account cannot disable or enable itself.');
  const statements = disabled
    ? [
        d1.prepare('UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?').bind(now, user.id),
        d1.prepare('DELETE FROM sessions WHERE user_id = ?').bind(user.id),
        retireLinks(d1, user.id, now),
      ]
    : [d1.prepare('UPDATE users SET disabled_at = NULL WHERE id = ?').bind(user.id)];
  await d1.batch([
    ...statements,
    auditStatement(
      d1,
      principal.actor,
      disabled ? 'user.disable' : 'user.enable',
      `user:${user.id}`,
      {},
      user.regionId,
    ),
  ]);
}

/**
 * Ends every session of an account: one's own (`'self'`; for the bootstrap token, every session opened with
 * it, as they share one identity), or one an admin manages. Returns how many ended.
 */
export async function signOutEverywhere(
  d1: D1Database,
  principal: Principal,
  target: string | 'self',
): Promise<{ sessions: number }> {
  const self = target === 'self' || target === principal.userId;
  const user = self ? null : await manageableUser(d1, principal, target);
  const userId = user ? user.id : (principal.userId ?? ADMIN_TOKEN_ACTOR);
  const regionId = user ? user.regionId : principal.regionId;
  const [deleted] = await d1.batch([
    d1.prepare('DELETE FROM sessions WHERE user_id = ?').bind(userId),
    auditStatement(d1, principal.actor, 'session.delete-all', `user:${userId}`, {}, regionId),
  ]);
  return { sessions: deleted?.meta.changes ?? 0 };
}

/** The accounts `principal` may manage: every account for a super admin (or one region's), else its region's. */
export async function listAccounts(
  d1: D1Database,
  principal: Principal,
  regionSlug: string | undefined,
): Promise<AccountListing[]> {
  let regionId: number | null = null;
  if (regionSlug) {
    const region = await d1.prepare('SELECT id FROM regions WHERE slug = ?').bind(regionSlug).first<{ id: number }>();
    if (!region) throw new ProblemError(404, `No region '${regionSlug}'.`);
    regionId = region.id;
  }
  if (principal.role !== 'super') {
    if (regionId !== null && regionId !== principal.regionId) {
      throw new ProblemError(403, 'This account may list its own region’s accounts only.');
    }
    regionId = principal.regionId;
  }
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
    .bind(regionId, regionId, principal.role)
    .all<Record<string, string | number | null>>();
  return results.map((row) => ({
    id: String(row.id),
    email: String(row.email),
    name: String(row.name),
    role: row.role as Role,
    region: row.regionSlug === null ? null : { slug: String(row.regionSlug), name: String(row.regionName) },
    units: (JSON.parse(String(row.units ?? '[]')) as { slug: string; name: string }[]).sort((a, b) =>
      a.name.localeCompare(b.name),
    ),
    status: row.disabledAt !== null ? 'disabled' : Number(row.passwordIterations) === 0 ? 'invited' : 'active',
    totp: row.totpEnabledAt !== null,
    createdAt: Number(row.createdAt),
  }));
}

export class TotpRequiredError extends ProblemError {
  constructor() {
    super(401, 'Enter the code from your authenticator app.', {
      totpRequired: true,
      errors: [{ field: 'totp', pointer: '#/totp', detail: 'Enter the 6-digit code from your authenticator app.' }],
    });
  }
}

/** An account as failed sign-ins name it (the audit row's target and region). */
export interface SignInAccount {
  id: string;
  email: string;
  regionId: number | null;
}

export type SignInOutcome =
  | { ok: true; id: string; regionId: number | null }
  | { ok: false; reason: 'password' | 'totp' | 'disabled'; account: SignInAccount | null };

/**
 * What an e-mail and password (and, if enrolled, a TOTP code) sign in to. Unknown e-mails spend the same PBKDF2
 * work as wrong passwords, so timing does not tell which addresses have accounts. A missing code for an account
 * with TOTP throws {@link TotpRequiredError} only after the password matched.
 */
export async function passwordSignIn(
  d1: D1Database,
  totpKey: () => string,
  input: { email: string; password: string; totp?: string },
  now = Date.now(),
): Promise<SignInOutcome> {
  const { password } = input;
  const user = await d1
    .prepare(`SELECT ${USER_COLUMNS} FROM users WHERE email = ?`)
    .bind(normalizeEmail(input.email))
    .first<UserRow>();
  const account = user ? { id: user.id, email: user.email, regionId: user.regionId } : null;
  if (!user || user.passwordIterations === 0) {
    await burnPasswordTime(password);
    return { ok: false, reason: 'password', account };
  }
  if (!(await verifyPassword(password, storedPassword(user)))) return { ok: false, reason: 'password', account };
  if (user.disabledAt !== null) return { ok: false, reason: 'disabled', account };
  if (user.totpEnabledAt !== null && user.totpSecret !== null) {
    if (!input.totp) throw new TotpRequiredError();
    if (!(await claimTotpStep(d1, totpKey(), user, input.totp, now))) return { ok: false, reason: 'totp', account };
  }
  return { ok: true, id: user.id, regionId: user.regionId };
}

function storedPassword(user: UserRow): PasswordHash {
  return { hash: user.passwordHash, salt: user.passwordSalt, iterations: user.passwordIterations };
}

/**
 * True when `code` is a current code of the account's confirmed authenticator, not used before; the step is
 * claimed conditionally on the last one, so two requests racing with the same code cannot both pass.
 */
async function claimTotpStep(d1: D1Database, key: string, user: UserRow, code: string, now: number) {
  if (user.totpSecret === null) return false;
  const step = await matchTotp(await open(key, user.totpSecret), code, now, user.totpLastStep);
  if (step === null) return false;
  const claimed = await d1
    .prepare('UPDATE users SET totp_last_step = ? WHERE id = ? AND coalesce(totp_last_step, -1) < ?')
    .bind(step, user.id, step)
    .run();
  return claimed.meta.changes > 0;
}

/**
 * Re-authentication before a change to how the account signs in (its authenticator, its password): the current
 * password, and the current code when an authenticator is confirmed. The field that failed, or null when both hold.
 */
export async function reauthenticationFailure(
  d1: D1Database,
  totpKey: string,
  user: UserRow,
  proof: Reauthentication,
  now = Date.now(),
): Promise<'password' | 'totp' | null> {
  if (user.passwordIterations === 0 || !(await verifyPassword(proof.password, storedPassword(user)))) {
    return 'password';
  }
  if (user.totpEnabledAt !== null) {
    if (!proof.totp || !(await claimTotpStep(d1, totpKey, user, proof.totp, now))) return 'totp';
  }
  return null;
}

/** The current password, and the current code of a confirmed authenticator. */
export interface Reauthentication {
  password: string;
  totp?: string | undefined;
}

/** The sign-in throttle's keys for this account and the caller's network, and the time. */
export interface Throttle {
  keys: SignInKeys;
  now: number;
}

/** What a re-authentication is for (the audit row says so). */
export type ReauthAction = 'totp.enrol' | 'totp.confirm' | 'totp.disable' | 'password.change';

const FAILURE_DETAIL = {
  password: 'Enter your current password.',
  totp: 'Enter the current 6-digit code from your authenticator app.',
  code: 'Enter the current 6-digit code from the new app.',
} as const;

/** Counts the failure (throttle and audit row in one batch) and answers 403 naming the field. */
export async function refuseReauthentication(
  d1: D1Database,
  principal: Principal,
  user: UserRow,
  throttle: Throttle,
  action: ReauthAction,
  field: keyof typeof FAILURE_DETAIL,
  { reserved = false }: { reserved?: boolean } = {},
): Promise<never> {
  const audit = auditStatement(
    d1,
    principal.actor,
    'session.reauth-failed',
    `user:${user.id}`,
    { action, field },
    user.regionId,
  );
  if (reserved) await recordReservedFailure(d1, [audit]);
  else await recordSignInFailure(d1, throttle.keys, throttle.now, [audit]);
  const detail = FAILURE_DETAIL[field];
  throw new ProblemError(403, field === 'password' ? 'The password is not right.' : 'The code does not match.', {
    errors: [{ field, pointer: `#/${field}`, detail }],
  });
}

/** Throttled re-authentication: 429 when locked, 403 (counted) when the password or current code is wrong. */
export async function reauthenticate(
  d1: D1Database,
  key: string,
  principal: Principal,
  user: UserRow,
  proof: Reauthentication,
  throttle: Throttle,
  action: ReauthAction,
): Promise<void> {
  // Counted before the check, so parallel guesses of the password or code stop at the limit.
  await reserveSignInAttempt(d1, throttle.keys, throttle.now);
  const failed = await reauthenticationFailure(d1, key, user, proof, throttle.now);
  if (failed) await refuseReauthentication(d1, principal, user, throttle, action, failed, { reserved: true });
  await forgiveSignInAttempt(d1, throttle.keys, throttle.now);
}

/**
 * Changes one's own password: re-authenticated (the current password, and a current code with an authenticator),
 * the new one under the password rule. Every other session of the account ends and unused reset links are retired;
 * the session that changed it stays signed in.
 */
export async function changePassword(
  d1: D1Database,
  totpKey: string,
  principal: Principal,
  proof: Reauthentication,
  newPassword: string,
  currentSessionId: string | null,
  throttle: Throttle,
): Promise<void> {
  if (!principal.userId)
    throw new ProblemError(403, 'The bootstrap token has no password: rotate ADMIN_TOKEN instead.');
  const user = await accountRow(d1, principal.userId);
  if (!user) throw new ProblemError(404, 'No such account.');
  const problem = passwordProblem(newPassword, user.email);
  if (problem) throw fieldProblem('newPassword', problem);
  await reauthenticate(d1, totpKey, principal, user, proof, throttle, 'password.change');
  const stored = await hashPassword(newPassword);
  await d1.batch([
    d1
      .prepare('UPDATE users SET password_hash = ?, password_salt = ?, password_iterations = ? WHERE id = ?')
      .bind(stored.hash, stored.salt, stored.iterations, user.id),
    d1.prepare('DELETE FROM sessions WHERE user_id = ? AND id != ?').bind(user.id, currentSessionId ?? ''),
    retireLinks(d1, user.id, throttle.now),
    auditStatement(d1, principal.actor, 'user.change-password', `user:${user.id}`, {}, user.regionId),
  ]);
}

/** The account row behind a user principal (for TOTP enrolment). */
export async function accountRow(d1: D1Database, userId: string): Promise<UserRow | null> {
  return d1.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).bind(userId).first<UserRow>();
}

export interface PrincipalView {
  actor: Actor;
  role: Role;
  user: { id: string; email: string; name: string; totp: boolean } | null;
  region: { slug: string; name: string } | null;
  units: { slug: string; name: string }[];
}

/** What the console shows of who is signed in: role, region and units by slug and name. */
export async function principalView(d1: D1Database, principal: Principal): Promise<PrincipalView> {
  const [region, units, user] = await d1.batch<Record<string, unknown>>([
    d1.prepare('SELECT slug, name FROM regions WHERE id = ?').bind(principal.regionId ?? -1),
    d1
      .prepare('SELECT slug, name FROM units WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name')
      .bind(JSON.stringify(principal.unitIds ?? [])),
    d1.prepare('SELECT totp_enabled_at AS totpEnabledAt FROM users WHERE id = ?').bind(principal.userId ?? ''),
  ]);
  const regionRow = region?.results[0] as { slug: string; name: string } | undefined;
  return {
    actor: principal.actor,
    role: principal.role,
    user:
      principal.userId === null
        ? null
        : {
            id: principal.userId,
            email: principal.email ?? '',
            name: principal.name ?? '',
            totp: (user?.results[0] as { totpEnabledAt: number | null } | undefined)?.totpEnabledAt != null,
          },
    region: regionRow ? { slug: regionRow.slug, name: regionRow.name } : null,
    units: ((units?.results ?? []) as { slug: string; name: string }[]).map(({ slug, name }) => ({ slug, name })),
  };
}
