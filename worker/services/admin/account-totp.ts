/**
 * @module
 * One's own authenticator app (TOTP, RFC 6238; docs/accounts.md): enrol (the secret shown once, stored sealed),
 * confirm with a first code, remove. Each step re-authenticates; wrong passwords and codes count as failed sign-ins.
 */
import { renderSVG } from 'uqr';
import { clearTotp, confirmTotpSecret, setTotpSecret } from '../../db/accounts';
import type { AuditRow } from '../../db/audit';
import { ProblemError } from '../../http/problem';
import type { Principal } from '../../security/admin-auth';
import { open, seal } from '../../security/secret-box';
import { matchTotp, newTotpSecret, otpauthUri } from '../../security/totp';
import {
  accountRow,
  type Reauthentication,
  reauthenticate,
  refuseReauthentication,
  type Throttle,
  type UserRow,
} from './accounts';

function accountOf(principal: Principal): string {
  if (!principal.userId) throw new ProblemError(403, 'The bootstrap token has no account to protect with a code.');
  return principal.userId;
}

function audit(principal: Principal, user: UserRow, action: string): AuditRow {
  return { actor: principal.actor, action, target: `user:${user.id}`, region: user.regionId };
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
  await setTotpSecret(d1, user.id, await seal(key, secret), audit(principal, user, 'totp.enrol'));
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
  await confirmTotpSecret(d1, user.id, step, throttle.now, audit(principal, user, 'totp.confirm'));
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
  await clearTotp(d1, user.id, audit(principal, user, 'totp.disable'));
}
