import { describe, expect, it } from 'vitest';
import {
  type Bindings,
  InvalidOriginError,
  MisconfigurationError,
  normalisePublicOrigin,
  readConfig,
} from '../../worker/env';
import { publicOrigin } from '../../worker/http/origin';

describe('the public origin every absolute link starts with (SPEC §5 Public origin)', () => {
  it('drops a trailing slash, so links never hold a double slash', () => {
    expect(normalisePublicOrigin('https://suara.example/')).toBe('https://suara.example');
    expect(normalisePublicOrigin('https://suara.example')).toBe('https://suara.example');
    expect(`${normalisePublicOrigin('https://suara.example/')}/r/abc`).toBe('https://suara.example/r/abc');
  });

  it('lower-cases the scheme and host, and ignores surrounding spaces', () => {
    expect(normalisePublicOrigin('HTTPS://Suara.Example.GO.ID/')).toBe('https://suara.example.go.id');
    expect(normalisePublicOrigin('  https://suara.example  ')).toBe('https://suara.example');
  });

  it('keeps an explicit port (local servers on another port), and drops only the scheme’s default', () => {
    expect(normalisePublicOrigin('http://localhost:8811/')).toBe('http://localhost:8811');
    expect(normalisePublicOrigin('https://suara.example:8443')).toBe('https://suara.example:8443');
    expect(normalisePublicOrigin('https://suara.example:443/')).toBe('https://suara.example');
  });

  it('refuses a path, query, fragment, credentials or another scheme instead of silently dropping them', () => {
    for (const value of [
      'https://suara.example/suara',
      'https://suara.example//',
      'https://suara.example/?x=1',
      'https://suara.example/#top',
      'https://admin:secret@suara.example',
      'ftp://suara.example',
      'suara.example',
      '',
    ]) {
      expect(() => normalisePublicOrigin(value), value).toThrow(InvalidOriginError);
    }
  });

  it('is required in production: unset or invalid is a misconfiguration, never a localhost fallback', () => {
    for (const PUBLIC_ORIGIN of [undefined, '', '  ', 'https://suara.example/suara']) {
      const config = readConfig({ ENVIRONMENT: 'production', PUBLIC_ORIGIN } as Bindings);
      expect(() => config.publicOrigin, String(PUBLIC_ORIGIN)).toThrow(MisconfigurationError);
      expect(() => publicOrigin({ PUBLIC_ORIGIN } as Bindings, 'https://attacker.example/r/x')).toThrow(
        MisconfigurationError,
      );
    }
    expect(
      readConfig({ ENVIRONMENT: 'production', PUBLIC_ORIGIN: 'https://Suara.Example/' } as Bindings).publicOrigin,
    ).toBe('https://suara.example');
  });

  it('in development, unset, follows the request’s own origin (any local port)', () => {
    const development = { ENVIRONMENT: 'development' } as Bindings;
    expect(readConfig(development).publicOrigin).toBeNull();
    expect(publicOrigin(development, 'http://localhost:8811/api/v1/admin/users')).toBe('http://localhost:8811');
    expect(publicOrigin({ ...development, PUBLIC_ORIGIN: 'http://localhost:8811/' }, 'http://127.0.0.1:1/')).toBe(
      'http://localhost:8811',
    );
    expect(() => readConfig({ ...development, PUBLIC_ORIGIN: 'localhost:8811' }).publicOrigin).toThrow(
      MisconfigurationError,
    );
  });
});
