import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri } from '../../worker/security/totp';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const SEED = new TextEncoder().encode('12345678901234567890');
const SEED_BASE32 = base32Encode(SEED);

describe('TOTP (RFC 6238) for staff sign-in', () => {
  it('reproduces the RFC 6238 SHA-1 test vectors (8 digits)', async () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors)
      expect(await hotp(SEED, Math.floor(seconds / 30), 8), String(seconds)).toBe(code);
  });

  it('reproduces the RFC 4226 HOTP values (6 digits)', async () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    for (const [counter, code] of expected.entries()) expect(await hotp(SEED, counter)).toBe(code);
  });

  it('accepts the current code and one step of drift, never a code at or before the last one used', async () => {
    const now = 1111111111 * 1000;
    const step = Math.floor(1111111111 / 30);
    const code = await hotp(SEED, step);
    expect(await matchTotp(SEED_BASE32, code, now, null)).toBe(step);
    expect(await matchTotp(SEED_BASE32, code, now + 30_000, null)).toBe(step);
    expect(await matchTotp(SEED_BASE32, code, now + 90_000, null)).toBeNull();
    expect(await matchTotp(SEED_BASE32, code, now, step)).toBeNull();
    expect(await matchTotp(SEED_BASE32, '12345', now, null)).toBeNull();
  });

  it('round-trips base32 and writes an otpauth URI an authenticator app reads', () => {
    expect(SEED_BASE32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(SEED_BASE32)).toEqual(SEED);
    const uri = new URL(otpauthUri(SEED_BASE32, 'siti@kota.go.id'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Suara Layanan:siti@kota.go.id');
    expect(uri.searchParams.get('secret')).toBe(SEED_BASE32);
    expect(uri.searchParams.get('digits')).toBe('6');
  });
});
