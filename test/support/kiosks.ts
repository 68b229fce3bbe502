/**
 * @module
 * An enrolled kiosk written straight to D1 (the enrolment flow itself is tested in test/api/kiosks.test.ts): its
 * credential's digest is stored as the console's enrolment would, and the test gets the cookie a tablet would hold.
 */
import { env } from 'cloudflare:workers';
import { KIOSK_COOKIE, randomSecret } from '../../worker/security/kiosk-credential';
import { sha256Hex } from '../../worker/security/tokens';

let sequence = 0;

/** Enrols a kiosk at the counter; returns its id and the `Cookie` header value it sends. */
export async function enrolledKiosk(counterId: number): Promise<{ id: string; cookie: string }> {
  sequence += 1;
  const id = `kiosk_test${sequence}`;
  const credential = randomSecret();
  await env.DB.prepare(
    'INSERT INTO kiosks (id, counter_id, label, credential_hash, enrolled_at) VALUES (?, ?, ?, ?, ?)',
  )
    .bind(id, counterId, `Tablet ${sequence}`, await sha256Hex(credential), Date.now())
    .run();
  return { id, cookie: `${KIOSK_COOKIE}=${credential}` };
}
