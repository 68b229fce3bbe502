import { describe, expect, it } from 'vitest';
import { checkKioskToken, KIOSK_TOKEN_TTL_MS, signKioskToken } from '../../worker/security/kiosk-token';

const KEY = 'unit-test-kiosk-key';
const NOW = Date.UTC(2026, 10, 17, 3, 0, 0);

describe('kiosk display tokens (docs/rating.md)', () => {
  it('accepts a fresh token for its own counter', async () => {
    const token = await signKioskToken(KEY, 'loket-abc12345', NOW);
    expect(token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
    expect(await checkKioskToken(KEY, 'loket-abc12345', token, NOW + 30_000)).toBe('valid');
  });

  it('reports a token past its lifetime as expired', async () => {
    const token = await signKioskToken(KEY, 'loket-abc12345', NOW);
    expect(await checkKioskToken(KEY, 'loket-abc12345', token, NOW + KIOSK_TOKEN_TTL_MS + 1000)).toBe('expired');
  });

  it('refuses a token of another counter, another key, a forged or a future one', async () => {
    const token = await signKioskToken(KEY, 'loket-abc12345', NOW);
    expect(await checkKioskToken(KEY, 'loket-other999', token, NOW)).toBe('invalid');
    expect(await checkKioskToken('another-key', 'loket-abc12345', token, NOW)).toBe('invalid');
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await checkKioskToken(KEY, 'loket-abc12345', forged, NOW)).toBe('invalid');
    expect(await checkKioskToken(KEY, 'loket-abc12345', 'garbage', NOW)).toBe('invalid');
    const future = await signKioskToken(KEY, 'loket-abc12345', NOW + 5 * 60_000);
    expect(await checkKioskToken(KEY, 'loket-abc12345', future, NOW)).toBe('invalid');
  });
});
