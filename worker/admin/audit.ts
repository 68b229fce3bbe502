/**
 * @module
 * The audit log: every admin change writes one row, in the same D1 batch as the change itself, so a
 * change without its audit row (or the reverse) cannot exist. A row names the region it belongs to, so a
 * region admin reads only their own region's history (GET /api/v1/admin/audit); global changes have none.
 */

/** Who acted: 'admin-token' for the bootstrap token, `user:<id>` for a signed-in console user. */
export type Actor = string;

/** The actor of an attempt nobody could be identified for (a failed sign-in). */
export const ANONYMOUS_ACTOR = 'anonymous';

/** The region of a change: its id, or its slug when the region is created in the same batch. */
export type AuditRegion = number | { slug: string } | null;

/** The INSERT of one audit row, to be placed in the batch that makes the change. */
export function auditStatement(
  d1: D1Database,
  actor: Actor,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
  region: AuditRegion = null,
): D1PreparedStatement {
  const regionId = typeof region === 'number' ? region : null;
  const regionSlug = region !== null && typeof region === 'object' ? region.slug : null;
  return d1
    .prepare(
      `INSERT INTO audit_log (actor, action, target, detail, region_id)
       VALUES (?, ?, ?, ?, coalesce(?, (SELECT id FROM regions WHERE slug = ?)))`,
    )
    .bind(actor, action, target, JSON.stringify(detail), regionId, regionSlug);
}

/**
 * An audit row written only when `condition` (SQL) holds when the batch reaches it: for changes guarded by a
 * condition in the same batch (a one-time link used twice at once), so the loser writes no row either.
 */
export function auditStatementWhen(
  d1: D1Database,
  condition: { sql: string; binds: unknown[] },
  actor: Actor,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
  regionId: number | null = null,
): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO audit_log (actor, action, target, detail, region_id) SELECT ?, ?, ?, ?, ? WHERE ${condition.sql}`,
    )
    .bind(actor, action, target, JSON.stringify(detail), regionId, ...condition.binds);
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
