/**
 * @module
 * Kiosks of a counter (docs/rating.md): enrol (a one-time link, shown once), list, revoke. Every change is audited in
 * the same batch. The secrets live in worker/security/kiosk-credential.ts; only their digests are stored.
 */
import { ENROLMENT_TTL_MS, randomSecret } from '../security/kiosk-credential';
import { randomCode, sha256Hex } from '../security/tokens';
import { type Actor, auditStatement } from './audit';

export type KioskStatus = 'pending' | 'enrolled' | 'expired' | 'revoked';

export interface KioskListing {
  id: string;
  label: string;
  status: KioskStatus;
  createdAt: number;
  enrolmentExpiresAt: number | null;
  enrolledAt: number | null;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

interface CounterRef {
  id: number;
  code: string;
  /** The counter's region, recorded with the audit row so that region's admins see it. */
  regionId: number;
}

const target = (counter: CounterRef) => `counter:${counter.code}`;

/** A new kiosk awaiting enrolment, and its one-time enrolment code (returned once, stored as a digest). */
export async function createKiosk(
  d1: D1Database,
  actor: Actor,
  counter: CounterRef,
  label: string,
  now = Date.now(),
): Promise<{ id: string; enrolmentCode: string; enrolmentExpiresAt: number }> {
  const id = `kiosk_${randomCode(12)}`;
  const enrolmentCode = randomSecret();
  const enrolmentExpiresAt = now + ENROLMENT_TTL_MS;
  await d1.batch([
    d1
      .prepare(
        'INSERT INTO kiosks (id, counter_id, label, enrolment_hash, enrolment_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .bind(id, counter.id, label, await sha256Hex(enrolmentCode), enrolmentExpiresAt, now),
    auditStatement(d1, actor, 'kiosk.create', target(counter), { id, label }, counter.regionId),
  ]);
  return { id, enrolmentCode, enrolmentExpiresAt };
}

export async function listKiosks(d1: D1Database, counterId: number, now = Date.now()): Promise<KioskListing[]> {
  const { results } = await d1
    .prepare(
      `SELECT id, label, created_at AS createdAt, enrolment_expires_at AS enrolmentExpiresAt, enrolled_at AS enrolledAt,
              last_seen_at AS lastSeenAt, revoked_at AS revokedAt
       FROM kiosks WHERE counter_id = ? ORDER BY created_at, id`,
    )
    .bind(counterId)
    .all<Omit<KioskListing, 'status'>>();
  return results.map((kiosk) => ({ ...kiosk, status: statusOf(kiosk, now) }));
}

function statusOf(kiosk: Omit<KioskListing, 'status'>, now: number): KioskStatus {
  if (kiosk.revokedAt !== null) return 'revoked';
  if (kiosk.enrolledAt !== null) return 'enrolled';
  return (kiosk.enrolmentExpiresAt ?? 0) > now ? 'pending' : 'expired';
}

/**
 * Revokes a kiosk of the counter (its cookie stops working at once, and an unused link too). False when the counter
 * has no such kiosk; revoking twice keeps the first time.
 */
export async function revokeKiosk(
  d1: D1Database,
  actor: Actor,
  counter: CounterRef,
  id: string,
  now = Date.now(),
): Promise<boolean> {
  const existing = await d1
    .prepare('SELECT id FROM kiosks WHERE id = ? AND counter_id = ?')
    .bind(id, counter.id)
    .first();
  if (!existing) return false;
  await d1.batch([
    d1
      .prepare('UPDATE kiosks SET revoked_at = coalesce(revoked_at, ?), enrolment_hash = NULL WHERE id = ?')
      .bind(now, id),
    auditStatement(d1, actor, 'kiosk.revoke', target(counter), { id }, counter.regionId),
  ]);
  return true;
}
