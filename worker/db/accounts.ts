/**
 * @module
 * Console accounts as the admin API's authentication reads them: live sessions, and an enabled user with the units
 * assigned to it (docs/accounts.md; who may do what is decided in worker/security/).
 */
import type { Role } from '../../domain/roles';

export interface SessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: number;
}

export interface EnabledUserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionId: number | null;
}

/**
 * The session stored under `id` for an account, or under `bootstrapId` for `bootstrapActor` (sessions opened with
 * the bootstrap token are only found under their own kind of id), unexpired at `now`; null otherwise.
 */
export function findLiveSession(
  d1: D1Database,
  ids: { id: string; bootstrapId: string; bootstrapActor: string },
  now: number,
): Promise<SessionRow | null> {
  return d1
    .prepare(
      `SELECT id, user_id AS userId, csrf_token AS csrfToken, expires_at AS expiresAt FROM sessions
       WHERE expires_at > ?1 AND ((id = ?2 AND user_id != ?4) OR (id = ?3 AND user_id = ?4))`,
    )
    .bind(now, ids.id, ids.bootstrapId, ids.bootstrapActor)
    .first<SessionRow>();
}

/** An enabled user and the ids of the units assigned to it (ascending), in one round trip; null when none. */
export async function findEnabledUser(
  d1: D1Database,
  userId: string,
): Promise<{ user: EnabledUserRow; unitIds: number[] } | null> {
  const [user, units] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare('SELECT id, email, name, role, region_id AS regionId FROM users WHERE id = ? AND disabled_at IS NULL')
      .bind(userId),
    d1.prepare('SELECT unit_id AS unitId FROM user_units WHERE user_id = ? ORDER BY unit_id').bind(userId),
  ]);
  const row = user?.results[0] as EnabledUserRow | undefined;
  if (!row) return null;
  return { user: row, unitIds: (units?.results ?? []).map((u) => Number(u.unitId)) };
}
