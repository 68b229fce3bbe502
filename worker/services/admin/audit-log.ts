/**
 * @module
 * Reading the audit log (docs/accounts.md): newest first, filtered by who, what and when, in keyset pages
 * (`id < cursor`) that never shift as rows arrive. Region admins read their own region's rows only.
 */
import { type AuditLogRow, listAuditActions, listAuditRows } from '../../db/audit';
import { database } from '../../db/client';
import { findRegion } from '../../db/regions';
import { ProblemError } from '../../http/problem';
import type { Principal } from '../../security/admin-auth';
import type { Actor } from './audit';

export const AUDIT_PAGE_SIZE = 50;

/** An audit row as the console reads it: its actor typed, its detail parsed from JSON. */
export type AuditEntry = Omit<AuditLogRow, 'actor' | 'detail'> & { actor: Actor; detail: unknown };

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
  const results = await listAuditRows(d1, {
    regionId: query.regionId,
    actor: query.actor ?? null,
    action,
    actionLike: action?.endsWith('.') ? `${action}%` : null,
    from: query.from ?? null,
    to: query.to ?? null,
    cursor: query.cursor ?? null,
    limit: limit + 1,
  });
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
export function auditActions(d1: D1Database, regionId: number | null): Promise<string[]> {
  return listAuditActions(d1, regionId);
}

/**
 * The region whose rows `principal` reads (null: every region, super admins only): its own region, or for a
 * super admin the one asked for. 404 for an unknown region, 403 for another region's.
 */
export async function auditRegionOf(d1: D1Database, principal: Principal, regionSlug?: string): Promise<number | null> {
  if (!regionSlug) return principal.role === 'super' ? null : principal.regionId;
  const found = await findRegion(database(d1), regionSlug);
  if (!found) throw new ProblemError(404, `No region '${regionSlug}'.`);
  if (principal.role !== 'super' && found.id !== principal.regionId) {
    throw new ProblemError(403, 'This account may read its own region’s audit log only.');
  }
  return found.id;
}
