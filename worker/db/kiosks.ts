/**
 * @module
 * Enrolled kiosks (docs/rating.md, "Kiosk display and counter tablets"): using up an enrolment code and finding the
 * kiosk of a credential. Only SHA-256 digests of both secrets are stored (worker/security/kiosk-credential.ts).
 */

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
