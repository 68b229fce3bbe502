/**
 * @module
 * The audit log: every admin change writes one row, in the same D1 batch as the change itself, so a
 * change without its audit row (or the reverse) cannot exist.
 */

/** Who acted: 'admin-token' for the bootstrap token, `user:<id>` for a signed-in console user. */
export type Actor = string;

/** The INSERT of one audit row, to be placed in the batch that makes the change. */
export function auditStatement(
  d1: D1Database,
  actor: Actor,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
): D1PreparedStatement {
  return d1
    .prepare('INSERT INTO audit_log (actor, action, target, detail) VALUES (?, ?, ?, ?)')
    .bind(actor, action, target, JSON.stringify(detail));
}

/**
 * An audit row written only if `condition` (SQL, with its own `?` bindings) holds when the batch reaches it: for
 * batches whose change is guarded (an idempotent insert, a delete allowed only to its author), so a change that did
 * not happen leaves no audit row.
 */
export function auditStatementIf(
  d1: D1Database,
  condition: { sql: string; params: readonly unknown[] },
  actor: Actor,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
): D1PreparedStatement {
  return d1
    .prepare(`INSERT INTO audit_log (actor, action, target, detail) SELECT ?, ?, ?, ? WHERE ${condition.sql}`)
    .bind(actor, action, target, JSON.stringify(detail), ...condition.params);
}
