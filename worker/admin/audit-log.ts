/**
 * @module
 * Reading the audit log (GET /api/v1/admin/audit, the console's /admin/audit): newest first, filtered by who,
 * what and when, in keyset pages (`id < cursor`), so a page never shifts when new rows arrive. Region admins
 * read their own region's rows only; super admins every row, or one region's.
 */
import type { Actor } from './audit';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
  id: number;
  at: number;
  actor: Actor;
  /** The acting account's e-mail, when the actor is an account (null for the bootstrap token). */
  actorEmail: string | null;
  /** The acting account's name, or the acting kiosk's label; null otherwise. */
  actorName: string | null;
  action: string;
  target: string;
  /** The target account's e-mail, when the target is an account (`user:<id>`). */
  targetEmail: string | null;
  region: string | null;
  detail: unknown;
}

export interface AuditQuery {
  /** Null: every region (super admins only). */
  regionId: number | null;
  actor?: string;
  /** Exact action (`user.create`) or a prefix ending in a dot (`user.`). */
  action?: string;
  from?: number;
  to?: number;
  cursor?: number;
  limit?: number;
}

export async function readAuditLog(
  d1: D1Database,
  query: AuditQuery,
): Promise<{ entries: AuditEntry[]; nextCursor: number | null }> {
  const limit = query.limit ?? AUDIT_PAGE_SIZE;
  const action = query.action ?? null;
  const prefix = action?.endsWith('.') ? `${action}%` : null;
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
      query.regionId,
      query.actor ?? null,
      action,
      prefix,
      query.from ?? null,
      query.to ?? null,
      query.cursor ?? null,
      limit + 1,
    )
    .all<Record<string, string | number | null>>();
  const page = results.slice(0, limit);
  return {
    entries: page.map((row) => ({
      id: Number(row.id),
      at: Number(row.at),
      actor: String(row.actor),
      actorEmail: row.actorEmail === null ? null : String(row.actorEmail),
      actorName: row.actorName === null ? null : String(row.actorName),
      action: String(row.action),
      target: String(row.target),
      targetEmail: row.targetEmail === null ? null : String(row.targetEmail),
      region: row.region === null ? null : String(row.region),
      detail: row.detail === null ? null : JSON.parse(String(row.detail)),
    })),
    nextCursor: results.length > limit ? Number(page.at(-1)?.id) : null,
  };
}

/** The distinct actions in reach, for the console's filter. */
export async function auditActions(d1: D1Database, regionId: number | null): Promise<string[]> {
  const { results } = await d1
    .prepare('SELECT DISTINCT action FROM audit_log WHERE (?1 IS NULL OR region_id = ?1) ORDER BY action')
    .bind(regionId)
    .all<{ action: string }>();
  return results.map((r) => r.action);
}
