/**
 * @module
 * The audit log's SQL: the INSERT each change places in its own batch, and the keyset reads of the console.
 * Which action, target and detail a change records is decided in worker/services/admin/. See docs/accounts.md.
 */
import { prepare, type Statement, sql } from './statement';

/** The region of a change: its id, or its slug when the region is created in the same batch. */
export type AuditRegion = number | { slug: string } | null;

/** One audit row: who did what to what, with what detail, in which region. */
export interface AuditRow {
  actor: string;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
  region?: AuditRegion;
}

/** The INSERT of one audit row, to be placed in the batch that makes the change. */
export function auditInsert(d1: D1Database, row: AuditRow): D1PreparedStatement {
  const region = row.region ?? null;
  const regionId = typeof region === 'number' ? region : null;
  const regionSlug = region !== null && typeof region === 'object' ? region.slug : null;
  return d1
    .prepare(
      `INSERT INTO audit_log (actor, action, target, detail, region_id)
       VALUES (?, ?, ?, ?, coalesce(?, (SELECT id FROM regions WHERE slug = ?)))`,
    )
    .bind(row.actor, row.action, row.target, JSON.stringify(row.detail ?? {}), regionId, regionSlug);
}

/**
 * An audit row written only when the `guard` condition holds when the batch reaches it: for changes guarded in the same batch
 * (a one-time link used twice at once), so the loser writes no row either.
 */
export function auditInsertWhen(
  d1: D1Database,
  guard: Statement,
  row: AuditRow & { region?: number | null },
): D1PreparedStatement {
  const detail = JSON.stringify(row.detail ?? {});
  return prepare(
    d1,
    sql`INSERT INTO audit_log (actor, action, target, detail, region_id)
      SELECT ${row.actor}, ${row.action}, ${row.target}, ${detail}, ${row.region ?? null} WHERE ${guard}`,
  );
}

/** True when an import into `target` recorded a file of this digest. */
export async function importAudited(d1: D1Database, target: string, digest: string): Promise<boolean> {
  const row = await d1
    .prepare(
      `SELECT 1 FROM audit_log WHERE action = 'responses.import' AND target = ? AND json_extract(detail, '$.sha256') = ?`,
    )
    .bind(target, digest)
    .first();
  return row !== null;
}

export interface AuditLogFilter {
  /** Null: every region. */
  regionId: number | null;
  actor: string | null;
  action: string | null;
  /** A LIKE pattern the action may match instead. */
  actionLike: string | null;
  from: number | null;
  to: number | null;
  cursor: number | null;
  limit: number;
}

export interface AuditLogRow {
  id: number;
  at: number;
  actor: string;
  /** The acting account's e-mail, when the actor is an account (null for the bootstrap token). */
  actorEmail: string | null;
  /** The acting account's name, or the acting kiosk's label; null otherwise. */
  actorName: string | null;
  action: string;
  target: string;
  /** The target account's e-mail, when the target is an account (`user:<id>`). */
  targetEmail: string | null;
  region: string | null;
  /** JSON text. */
  detail: string | null;
}

/** Audit rows newest first, below `cursor`, with the names of the acting and targeted accounts (or kiosk). */
export async function listAuditRows(d1: D1Database, filter: AuditLogFilter): Promise<AuditLogRow[]> {
  const { results } = await d1
    .prepare(
      `SELECT a.id, a.created_at AS at, a.actor, a.action, a.target, a.detail, r.slug AS region, u.email AS actorEmail,
         coalesce(u.name, (SELECT label FROM kiosks WHERE a.actor LIKE 'kiosk:%' AND id = substr(a.actor, 7))) AS actorName,
         (SELECT email FROM users WHERE a.target LIKE 'user:%' AND id = substr(a.target, 6)) AS targetEmail
       FROM audit_log a LEFT JOIN regions r ON r.id = a.region_id
       LEFT JOIN users u ON a.actor = 'user:' || u.id
       WHERE (?1 IS NULL OR a.region_id = ?1)
         AND (?2 IS NULL OR a.actor = ?2 OR u.email = ?2)
         AND (?3 IS NULL OR a.action = ?3 OR (?4 IS NOT NULL AND a.action LIKE ?4))
         AND (?5 IS NULL OR a.created_at >= ?5) AND (?6 IS NULL OR a.created_at < ?6)
         AND (?7 IS NULL OR a.id < ?7)
       ORDER BY a.id DESC LIMIT ?8`,
    )
    .bind(
      filter.regionId,
      filter.actor,
      filter.action,
      filter.actionLike,
      filter.from,
      filter.to,
      filter.cursor,
      filter.limit,
    )
    .all<AuditLogRow>();
  return results;
}

/** The distinct actions of a region's rows (null: every row), alphabetically. */
export async function listAuditActions(d1: D1Database, regionId: number | null): Promise<string[]> {
  const { results } = await d1
    .prepare('SELECT DISTINCT action FROM audit_log WHERE (?1 IS NULL OR region_id = ?1) ORDER BY action')
    .bind(regionId)
    .all<{ action: string }>();
  return results.map((r) => r.action);
}
