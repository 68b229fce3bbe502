/**
 * @module
 * Kiosks of a counter (docs/rating.md): enrol (a one-time link, shown once), list, revoke. Every change is audited in
 * the same batch. The secrets live in worker/security/kiosk-credential.ts; only their digests are stored.
 */
import { insertKiosk, type KioskRow, kioskExists, listKioskRows, revokeKioskRow } from '../../db/kiosks';
import { ENROLMENT_TTL_MS, randomSecret } from '../../security/kiosk-credential';
import { randomCode, sha256Hex } from '../../security/tokens';
import type { Actor } from './audit';

export type KioskStatus = 'pending' | 'enrolled' | 'expired' | 'revoked';

export interface KioskListing extends KioskRow {
  status: KioskStatus;
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
  await insertKiosk(
    d1,
    { id, counterId: counter.id, label, enrolmentHash: await sha256Hex(enrolmentCode), enrolmentExpiresAt },
    now,
    { actor, action: 'kiosk.create', target: target(counter), detail: { id, label }, region: counter.regionId },
  );
  return { id, enrolmentCode, enrolmentExpiresAt };
}

export async function listKiosks(d1: D1Database, counterId: number, now = Date.now()): Promise<KioskListing[]> {
  const results = await listKioskRows(d1, counterId);
  return results.map((kiosk) => ({ ...kiosk, status: statusOf(kiosk, now) }));
}

function statusOf(kiosk: KioskRow, now: number): KioskStatus {
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
  if (!(await kioskExists(d1, id, counter.id))) return false;
  await revokeKioskRow(d1, id, now, {
    actor,
    action: 'kiosk.revoke',
    target: target(counter),
    detail: { id },
    region: counter.regionId,
  });
  return true;
}
