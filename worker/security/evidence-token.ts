/**
 * @module
 * Signed SKP evidence (bukti dukung, PermenPANRB 6/2022): a unit's IKM, n, 95% interval, grade and period
 * with the date of issue, carried in the link itself as `<payload, base64url JSON>.<HMAC-SHA256>` signed
 * with `EVIDENCE_SIGNING_KEY`. Stateless on purpose: an assessor's printed copy verifies as long as the key
 * is kept, without a table of issued links; the verification page also compares it with today's data.
 */
import { z } from '@hono/zod-openapi';
import { parsePeriod } from '../../domain/periods';
import { base64Url, hmacBase64Url } from './hmac';
import { secretsEqual } from './tokens';

/** 16 bytes of HMAC (128 bits) is far beyond forgery and keeps the QR code small. */
const MAC_BYTES = 16;
const MAC_LENGTH = 22;
/** A payload of a few slugs and figures; anything far longer is not ours. */
const TOKEN = new RegExp(`^([A-Za-z0-9_-]{16,800})\\.([A-Za-z0-9_-]{${MAC_LENGTH}})$`);

/** What the evidence asserts. Short keys: the whole claim rides in a QR code. */
export const EvidenceClaimSchema = z
  .object({
    v: z.literal(1),
    /** Region and unit slugs. */
    r: z.string().min(1).max(63),
    u: z.string().min(1).max(63),
    /** Period id ('2026-Q4'). */
    p: z.string().refine((id) => parsePeriod(id) !== null),
    n: z.number().int().min(1),
    ikm: z.number().min(25).max(100),
    lo: z.number().min(25).max(100),
    hi: z.number().min(25).max(100),
    g: z.enum(['A', 'B', 'C', 'D']),
    /** Local date of issue, 'YYYY-MM-DD'. */
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();

export type EvidenceClaim = z.infer<typeof EvidenceClaimSchema>;

export type EvidenceCheck = { valid: true; claim: EvidenceClaim } | { valid: false };

const encoder = new TextEncoder();

function mac(key: string, payload: string): Promise<string> {
  return hmacBase64Url(key, `evidence\u0000${payload}`, MAC_BYTES);
}

function decodeBase64Url(text: string): string | null {
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    );
  } catch {
    return null;
  }
}

export async function signEvidence(key: string, claim: EvidenceClaim): Promise<string> {
  const payload = base64Url(encoder.encode(JSON.stringify(EvidenceClaimSchema.parse(claim))));
  return `${payload}.${await mac(key, payload)}`;
}

/** `valid: false` for anything malformed, forged or altered; never throws on input. */
export async function verifyEvidence(key: string, token: string): Promise<EvidenceCheck> {
  const match = TOKEN.exec(token);
  if (!match) return { valid: false };
  const [, payload = '', signature = ''] = match;
  if (!(await secretsEqual(signature, await mac(key, payload)))) return { valid: false };
  const json = decodeBase64Url(payload);
  if (json === null) return { valid: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { valid: false };
  }
  const claim = EvidenceClaimSchema.safeParse(parsed);
  return claim.success ? { valid: true, claim: claim.data } : { valid: false };
}
