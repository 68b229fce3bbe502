/**
 * @module
 * Enrolling one's own authenticator app (TOTP, RFC 6238; docs/accounts.md): enrolment stores a new secret,
 * encrypted, and shows it once as an `otpauth://` URI and QR code; sign-in asks for a code only after the first
 * code has been confirmed. Starting, confirming and removing it re-authenticate (password, and the current code
 * when one is confirmed); wrong passwords and codes count as failed sign-ins. Each change is audited in its batch.
 */
import { renderSVG } from 'uqr';
import { ProblemError } from '../http/problem';
import type { Principal } from '../security/admin-auth';
import { open, seal } from '../security/secret-box';
import { matchTotp, newTotpSecret, otpauthUri } from '../security/totp';
import {
  accountRow,
  type Reauthentication,
  reauthenticate,
  refuseReauthentication,
  type Throttle,
  type UserRow,
} from './accounts';
import { auditStatement } from './audit';

function accountOf(principal: Principal): string {
  if (!principal.userId) throw new ProblemError(403, 'The bootstrap token has no account to protect with a code.');
  return principal.userId;
}

async function userOf(d1: D1Database, principal: Principal): Promise<UserRow> {
  const user = await accountRow(d1, accountOf(principal));
  if (!user) throw new ProblemError(404, 'No such account.');
  return user;
}

export async function enrolTotp(
  d1: D1Database,
  key: string,
  principal: Principal,
  proof: Reauthentication,
  throttle: Throttle,
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const user = await userOf(d1, principal);
  if (user.totpEnabledAt !== null)
    throw new ProblemError(409, 'An authenticator is already enrolled: disable it first.');
  await reauthenticate(d1, key, principal, user, proof, throttle, 'totp.enrol');
  const secret = newTotpSecret();
  await d1.batch([
    d1
      .prepare('UPDATE users SET totp_secret = ?, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?')
      .bind(await seal(key, secret), user.id),
    auditStatement(d1, principal.actor, 'totp.enrol', `user:${user.id}`, {}, user.regionId),
  ]);
  const uri = otpauthUri(secret, user.email);
  return { secret, uri, qrSvg: renderSVG(uri, { ecc: 'M', border: 2 }) };
}

/** Confirms the enrolled authenticator with its first code (and the password), turning codes on at sign-in. */
export async function confirmTotp(
  d1: D1Database,
  key: string,
  principal: Principal,
  proof: Reauthentication & { code: string },
  throttle: Throttle,
): Promise<void> {
  const user = await userOf(d1, principal);
  if (user.totpEnabledAt !== null) throw new ProblemError(409, 'The authenticator is already confirmed.');
  if (!user.totpSecret) throw new ProblemError(409, 'No authenticator is being enrolled: start again.');
  await reauthenticate(d1, key, principal, user, proof, throttle, 'totp.confirm');
  const step = await matchTotp(await open(key, user.totpSecret), proof.code, throttle.now, user.totpLastStep);
  if (step === null) return refuseReauthentication(d1, principal, user, throttle, 'totp.confirm', 'code');
  await d1.batch([
    d1
      .prepare('UPDATE users SET totp_enabled_at = ?, totp_last_step = ? WHERE id = ? AND totp_enabled_at IS NULL')
      .bind(throttle.now, step, user.id),
    auditStatement(d1, principal.actor, 'totp.confirm', `user:${user.id}`, {}, user.regionId),
  ]);
}

/** Removes the authenticator: needs the password and a current, unused code of it. */
export async function disableTotp(
  d1: D1Database,
  key: string,
  principal: Principal,
  proof: Reauthentication,
  throttle: Throttle,
): Promise<void> {
  const user = await userOf(d1, principal);
  if (user.totpEnabledAt === null) throw new ProblemError(409, 'No authenticator is enrolled.');
  await reauthenticate(d1, key, principal, user, proof, throttle, 'totp.disable');
  await d1.batch([
    d1
      .prepare('UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?')
      .bind(user.id),
    auditStatement(d1, principal.actor, 'totp.disable', `user:${user.id}`, {}, user.regionId),
  ]);
}
