/**
 * @module
 * The audit log (docs/accounts.md): every admin change writes one row in the same D1 batch as the change, so
 * neither exists without the other. A row names its region, so region admins read only their own history.
 */
import { type AuditRegion, auditInsert } from '../../db/audit';

/** Who acted: 'admin-token' for the bootstrap token, `user:<id>` for a signed-in console user. */
export type Actor = string;

/** The actor of an attempt nobody could be identified for (a failed sign-in). */
export const ANONYMOUS_ACTOR = 'anonymous';

export type { AuditRegion };

/** The INSERT of one audit row, to be placed in the batch that makes the change. */
export function auditStatement(
  d1: D1Database,
  actor: Actor,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
  region: AuditRegion = null,
): D1PreparedStatement {
  return auditInsert(d1, { actor, action, target, detail, region });
}

/**
 * The audit row of a failed sign-in: never the attempted password, code or token; the e-mail only when it is an
 * account's, else its keyed hash (worker/security/sign-in-throttle.ts), so typos and guessed addresses leave none.
 */
export function signInFailureAudit(
  d1: D1Database,
  failure:
    | { method: 'token' | 'bearer' }
    | {
        method: 'password';
        reason: string;
        account: { id: string; email: string; regionId: number | null } | null;
        emailHash: string;
      },
): D1PreparedStatement {
  if (failure.method !== 'password') {
    return auditStatement(d1, ANONYMOUS_ACTOR, 'session.sign-in-failed', 'session', { method: failure.method });
  }
  const { account } = failure;
  return auditStatement(
    d1,
    ANONYMOUS_ACTOR,
    'session.sign-in-failed',
    account ? `user:${account.id}` : 'session',
    account
      ? { method: 'password', reason: failure.reason, email: account.email }
      : { method: 'password', reason: failure.reason, emailHash: failure.emailHash },
    account?.regionId ?? null,
  );
}
