/**
 * @module
 * Kiosks' SQL (docs/rating.md, "Kiosk display and counter tablets"): creating, listing and revoking them with their
 * audit rows, using up an enrolment code, finding a credential's kiosk. Only SHA-256 digests of secrets are stored.
 */
import { type AuditRow, auditInsert } from './audit';
/**
 * Stores `credentialHash` on the kiosk whose unexpired, unrevoked enrolment code of `counterCode` has
 * `enrolmentHash`, using the code up, and writes its audit row (`kiosk.enrol`) in the same batch only when the
 * UPDATE matched. The kiosk's id, or null.
 */
export async function enrolKioskCredential(
  d1: D1Database,
  enrolment: { counterCode: string; enrolmentHash: string; credentialHash: string; now: number },
): Promise<string | null> {
  const { counterCode, enrolmentHash, credentialHash, now } = enrolment;
  const [enrolled] = await d1.batch<{ id: string }>([
    d1
      .prepare(
        `UPDATE kiosks SET enrolment_hash = NULL, enrolment_expires_at = NULL, credential_hash = ?, enrolled_at = ?
         WHERE enrolment_hash = ? AND enrolment_expires_at > ? AND revoked_at IS NULL
           AND counter_id = (SELECT id FROM counters WHERE code = ?)
         RETURNING id`,
      )
      .bind(credentialHash, now, enrolmentHash, now, counterCode),
    // The credential is fresh randomness: only the row this request just enrolled carries its digest.
    d1
      .prepare(
        `INSERT INTO audit_log (actor, action, target, detail, region_id)
         SELECT 'kiosk:' || k.id, 'kiosk.enrol', 'counter:' || c.code, json_object('id', k.id, 'label', k.label), u.region_id
         FROM kiosks k JOIN counters c ON c.id = k.counter_id JOIN units u ON u.id = c.unit_id
         WHERE k.credential_hash = ?`,
      )
      .bind(credentialHash),
  ]);
  return enrolled?.results[0]?.id ?? null;
}

/** The enrolled, unrevoked kiosk of `counterCode` holding `credentialHash`, or null; notes when it was last seen. */
export function touchEnrolledKiosk(
  d1: D1Database,
  kiosk: { counterCode: string; credentialHash: string; now: number },
): Promise<{ id: string } | null> {
  // Seen-at is written at most every five minutes: the display asks for a QR code every minute.
  return d1
    .prepare(
      `UPDATE kiosks SET last_seen_at = CASE WHEN last_seen_at IS NULL OR last_seen_at < ?2 THEN ?3 ELSE last_seen_at END
       WHERE credential_hash = ?1 AND revoked_at IS NULL AND counter_id = (SELECT id FROM counters WHERE code = ?4)
       RETURNING id`,
    )
    .bind(kiosk.credentialHash, kiosk.now - 5 * 60_000, kiosk.now, kiosk.counterCode)
    .first<{ id: string }>();
}

/** A kiosk of a counter as listed (its status is derived by worker/services/admin/kiosks.ts). */
export interface KioskRow {
  id: string;
  label: string;
  createdAt: number;
  enrolmentExpiresAt: number | null;
  enrolledAt: number | null;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

export async function insertKiosk(
  d1: D1Database,
  kiosk: { id: string; counterId: number; label: string; enrolmentHash: string; enrolmentExpiresAt: number },
  now: number,
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    d1
      .prepare(
        'INSERT INTO kiosks (id, counter_id, label, enrolment_hash, enrolment_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .bind(kiosk.id, kiosk.counterId, kiosk.label, kiosk.enrolmentHash, kiosk.enrolmentExpiresAt, now),
    auditInsert(d1, audit),
  ]);
}

/** A counter's kiosks, oldest first. */
export async function listKioskRows(d1: D1Database, counterId: number): Promise<KioskRow[]> {
  const { results } = await d1
    .prepare(
      `SELECT id, label, created_at AS createdAt, enrolment_expires_at AS enrolmentExpiresAt, enrolled_at AS enrolledAt,
              last_seen_at AS lastSeenAt, revoked_at AS revokedAt
       FROM kiosks WHERE counter_id = ? ORDER BY created_at, id`,
    )
    .bind(counterId)
    .all<KioskRow>();
  return results;
}

export async function kioskExists(d1: D1Database, id: string, counterId: number): Promise<boolean> {
  return (
    (await d1.prepare('SELECT id FROM kiosks WHERE id = ? AND counter_id = ?').bind(id, counterId).first()) !== null
  );
}

/** Revokes a kiosk and its unused enrolment code; revoking twice keeps the first time. */
export async function revokeKioskRow(d1: D1Database, id: string, now: number, audit: AuditRow): Promise<void> {
  await d1.batch([
    d1
      .prepare('UPDATE kiosks SET revoked_at = coalesce(revoked_at, ?), enrolment_hash = NULL WHERE id = ?')
      .bind(now, id),
    auditInsert(d1, audit),
  ]);
}
