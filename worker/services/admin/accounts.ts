/**
 * @module
 * Staff accounts (docs/accounts.md): invitations and one-time reset links, disabling, signing out, listing within
 * reach, signing in (password, TOTP), re-authentication and password changes. Who may manage whom: domain/roles.ts.
 */
import { passwordProblem } from '../../../domain/password-policy';
import { accountRefusal, accountShapeProblem, type Role } from '../../../domain/roles';
import {
  claimTotpStep as claimStep,
  deleteSession,
  deleteUserSessions,
  emailTaken,
  findRegionUnits,
  findUsableLink,
  findUserByEmail,
  findUserById,
  insertSession,
  insertUser,
  type LinkPurpose,
  listAccountRows,
  type NewLink,
  principalRows,
  replaceLink,
  setPassword,
  setUserDisabled,
  type UserRow,
  useLink,
} from '../../db/accounts';
import type { AuditRow } from '../../db/audit';
import { database } from '../../db/client';
import { findRegion } from '../../db/regions';
import { ProblemError } from '../../http/problem';
import { ADMIN_TOKEN_ACTOR, type Principal } from '../../security/admin-auth';
import { burnPasswordTime, hashPassword, type PasswordHash, verifyPassword } from '../../security/passwords';
import { open } from '../../security/secret-box';
import {
  forgiveSignInAttempt,
  recordReservedFailure,
  recordSignInFailure,
  reserveSignInAttempt,
  type SignInKeys,
} from '../../security/sign-in-throttle';
import { randomCode, sha256Hex } from '../../security/tokens';
import { matchTotp } from '../../security/totp';
import { type Actor, auditStatement } from './audit';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** A reset link is for now, not for later: a day. */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;
/** 52 characters of 5 bits: 260 bits, as the session cookie. */
const LINK_TOKEN_LENGTH = 52;

export type { LinkPurpose, UserRow };

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

function fieldProblem(field: string, detail: string, status: 400 | 403 | 409 = 400): ProblemError {
  return new ProblemError(status, detail, { errors: [{ field, pointer: `#/${field}`, detail }] });
}

/** A new one-time link of `purpose`, made now by `actor`. */
function newLink(hash: string, purpose: LinkPurpose, actor: Actor, now: number): NewLink {
  const ttl = purpose === 'invitation' ? INVITATION_TTL_MS : RESET_TTL_MS;
  return { hash, purpose, createdBy: actor, createdAt: now, expiresAt: now + ttl };
}

/** The id of a region by slug, or undefined. */
async function regionIdOf(d1: D1Database, slug: string): Promise<number | undefined> {
  return (await findRegion(database(d1), slug))?.id;
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
    const id = await regionIdOf(d1, input.region);
    if (id === undefined) throw fieldProblem('region', `No region '${input.region}'.`);
    regionId = id;
  }
  const unitSlugs = [...new Set(input.units ?? [])];
  const unitIds: number[] = [];
  if (unitSlugs.length > 0) {
    if (regionId === null) throw fieldProblem('units', 'Units need a region.');
    const results = await findRegionUnits(d1, regionId, unitSlugs);
    const missing = unitSlugs.filter((slug) => !results.some((u) => u.slug === slug));
    if (missing.length > 0) throw fieldProblem('units', `No unit ${missing.map((s) => `'${s}'`).join(', ')} here.`);
    unitIds.push(...results.map((u) => u.id));
  }
  const shape = accountShapeProblem({ role: input.role, regionId, unitIds });
  if (shape) throw fieldProblem(input.role === 'super' || regionId === null ? 'region' : 'units', shape);
  const refusal = accountRefusal(principal, { role: input.role, regionId });
  if (refusal === 'role') throw new ProblemError(403, `This account may not create a ${input.role} account.`);
  if (refusal === 'region') throw new ProblemError(403, 'This account may create accounts in its own region only.');
  if (await emailTaken(d1, email)) {
    throw fieldProblem('email', 'An account with this e-mail address exists.', 409);
  }
  const id = `usr_${randomCode(16)}`;
  const token = randomCode(LINK_TOKEN_LENGTH);
  const audit: AuditRow = {
    actor: principal.actor,
    action: 'user.create',
    target: `user:${id}`,
    detail: { email, role: input.role, region: input.region ?? null, units: unitSlugs },
    region: regionId,
  };
  const user = { id, email, name: input.name, role: input.role, regionId, unitIds, createdBy: principal.actor };
  try {
    await insertUser(d1, user, newLink(await sha256Hex(token), 'invitation', principal.actor, now), audit);
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
  const user = await findUserById(d1, userId);
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
  const link = newLink(await sha256Hex(token), purpose, principal.actor, now);
  await replaceLink(d1, user.id, link, resetTotp, {
    actor: principal.actor,
    action: 'user.reset-link',
    target: `user:${user.id}`,
    detail: { purpose, resetTotp },
    region: user.regionId,
  });
  return { url: accountLinkUrl(origin, token), expiresAt: link.expiresAt };
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
  const link = await findUsableLink(d1, hash, now);
  if (!link) throw new InvalidLinkError();
  const problem = passwordProblem(password, link.email);
  if (problem) throw fieldProblem('password', problem);
  const stored = await hashPassword(password);
  const used = await useLink(d1, hash, link.userId, stored, now, {
    actor: `user:${link.userId}`,
    action: link.purpose === 'invitation' ? 'user.accept-invitation' : 'user.reset-password',
    target: `user:${link.userId}`,
    region: link.regionId,
  });
  if (!used) throw new InvalidLinkError();
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
  await setUserDisabled(d1, user.id, disabled, now, {
    actor: principal.actor,
    action: disabled ? 'user.disable' : 'user.enable',
    target: `user:${user.id}`,
    region: user.regionId,
  });
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
  const sessions = await deleteUserSessions(d1, userId, {
    actor: principal.actor,
    action: 'session.delete-all',
    target: `user:${userId}`,
    region: regionId,
  });
  return { sessions };
}

/** The accounts `principal` may manage: every account for a super admin (or one region's), else its region's. */
export async function listAccounts(
  d1: D1Database,
  principal: Principal,
  regionSlug: string | undefined,
): Promise<AccountListing[]> {
  let regionId: number | null = null;
  if (regionSlug) {
    const id = await regionIdOf(d1, regionSlug);
    if (id === undefined) throw new ProblemError(404, `No region '${regionSlug}'.`);
    regionId = id;
  }
  if (principal.role !== 'super') {
    if (regionId !== null && regionId !== principal.regionId) {
      throw new ProblemError(403, 'This account may list its own region’s accounts only.');
    }
    regionId = principal.regionId;
  }
  const results = await listAccountRows(d1, regionId, principal.role);
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
  const user = await findUserByEmail(d1, normalizeEmail(input.email));
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
  return claimStep(d1, user.id, step);
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
  await setPassword(d1, user.id, stored, currentSessionId, throttle.now, {
    actor: principal.actor,
    action: 'user.change-password',
    target: `user:${user.id}`,
    region: user.regionId,
  });
}

/** The account row behind a user principal (for TOTP enrolment). */
export async function accountRow(d1: D1Database, userId: string): Promise<UserRow | null> {
  return findUserById(d1, userId);
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
  const {
    region: regionRow,
    units,
    totpEnabledAt,
  } = await principalRows(d1, {
    regionId: principal.regionId,
    unitIds: principal.unitIds ?? [],
    userId: principal.userId,
  });
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
            totp: totpEnabledAt != null,
          },
    region: regionRow ? { slug: regionRow.slug, name: regionRow.name } : null,
    units: units.map(({ slug, name }) => ({ slug, name })),
  };
}

/** Stores a console session just opened (its id is already a digest of the cookie), with its audit row. */
export function storeSession(
  d1: D1Database,
  session: { id: string; userId: string; csrfToken: string; expiresAt: number },
  actor: Actor,
  regionId: number | null,
  now = Date.now(),
): Promise<void> {
  const detail = { expiresAt: session.expiresAt };
  return insertSession(d1, session, now, {
    actor,
    action: 'session.create',
    target: 'session',
    detail,
    region: regionId,
  });
}

/** Ends one console session (signing out). */
export function endSession(d1: D1Database, principal: Principal, sessionId: string): Promise<void> {
  return deleteSession(d1, sessionId, {
    actor: principal.actor,
    action: 'session.delete',
    target: 'session',
    region: principal.regionId,
  });
}
