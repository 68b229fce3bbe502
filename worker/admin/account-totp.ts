/**
 * @module
 * Enrolling one's own authenticator app (TOTP, RFC 6238; docs/accounts.md): enrolment stores a new secret,
 * encrypted, and shows it once as an `otpauth://` URI and QR code; sign-in asks for a code only after the
 * first code has been confirmed, so a half-finished enrolment cannot lock anyone out. Disabling needs a
 * current code. Each change is audited in its batch.
 */
import { renderSVG } from 'uqr';
import { ProblemError } from '../http/problem';
import type { Principal } from '../security/admin-auth';
import { open, seal } from '../security/secret-box';
import { matchTotp, newTotpSecret, otpauthUri } from '../security/totp';
import { accountRow } from './accounts';
import { auditStatement } from './audit';

function accountOf(principal: Principal): string {
  if (!principal.userId) throw new ProblemError(403, 'The bootstrap token has no account to protect with a code.');
  return principal.userId;
}

export async function enrolTotp(
  d1: D1Database,
  key: string,
  principal: Principal,
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const userId = accountOf(principal);
  const user = await accountRow(d1, userId);
  if (!user) throw new ProblemError(404, 'No such account.');
  if (user.totpEnabledAt !== null)
    throw new ProblemError(409, 'An authenticator is already enrolled: disable it first.');
  const secret = newTotpSecret();
  await d1.batch([
    d1
      .prepare('UPDATE users SET totp_secret = ?, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?')
      .bind(await seal(key, secret), userId),
    auditStatement(d1, principal.actor, 'totp.enrol', `user:${userId}`, {}, user.regionId),
  ]);
  const uri = otpauthUri(secret, user.email);
  return { secret, uri, qrSvg: renderSVG(uri, { ecc: 'M', border: 2 }) };
}

async function checkCode(key: string, sealed: string | null, code: string, lastStep: number | null) {
  if (!sealed) throw new ProblemError(409, 'No authenticator is being enrolled: start again.');
  const step = await matchTotp(await open(key, sealed), code, Date.now(), lastStep);
  if (step === null) {
    throw new ProblemError(400, 'The code does not match.', {
      errors: [{ field: 'code', pointer: '#/code', detail: 'Enter the current 6-digit code from the app.' }],
    });
  }
  return step;
}

export async function confirmTotp(d1: D1Database, key: string, principal: Principal, code: string): Promise<void> {
  const userId = accountOf(principal);
  const user = await accountRow(d1, userId);
  if (!user) throw new ProblemError(404, 'No such account.');
  if (user.totpEnabledAt !== null) throw new ProblemError(409, 'The authenticator is already confirmed.');
  const step = await checkCode(key, user.totpSecret, code, user.totpLastStep);
  await d1.batch([
    d1
      .prepare('UPDATE users SET totp_enabled_at = ?, totp_last_step = ? WHERE id = ? AND totp_enabled_at IS NULL')
      .bind(Date.now(), step, userId),
    auditStatement(d1, principal.actor, 'totp.confirm', `user:${userId}`, {}, user.regionId),
  ]);
}

export async function disableTotp(d1: D1Database, key: string, principal: Principal, code: string): Promise<void> {
  const userId = accountOf(principal);
  const user = await accountRow(d1, userId);
  if (!user) throw new ProblemError(404, 'No such account.');
  if (user.totpEnabledAt === null) throw new ProblemError(409, 'No authenticator is enrolled.');
  await checkCode(key, user.totpSecret, code, user.totpLastStep);
  await d1.batch([
    d1
      .prepare('UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = ?')
      .bind(userId),
    auditStatement(d1, principal.actor, 'totp.disable', `user:${userId}`, {}, user.regionId),
  ]);
}
