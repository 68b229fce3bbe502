import { describe, expect, it } from 'vitest';
import { startSettings, wranglerDevArgs } from '../../scripts/local-portal.mjs';

/** The `--var NAME:value` pairs of a wrangler dev command line. */
function varsOf(args: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  args.forEach((arg, i) => {
    if (arg !== '--var') return;
    const [name, ...value] = (args[i + 1] ?? '').split(':');
    vars[name ?? ''] = value.join(':');
  });
  return vars;
}

describe('`npm start` on another port links to that port (README "Another port", SPEC §5 Public origin)', () => {
  it('serves PORT=8811 with every link (QR codes, posters, invitations, evidence) on http://localhost:8811', () => {
    const settings = startSettings({ PORT: '8811' });
    const args = wranglerDevArgs({ ...settings, persistTo: '/tmp/state' });
    expect(args[args.indexOf('--port') + 1]).toBe('8811');
    expect(varsOf(args).PUBLIC_ORIGIN).toBe('http://localhost:8811');
  });

  it('defaults to 8787, and refuses a PORT that is not a port', () => {
    const args = wranglerDevArgs({ ...startSettings({}), persistTo: '/tmp/state' });
    expect(args[args.indexOf('--port') + 1]).toBe('8787');
    expect(varsOf(args).PUBLIC_ORIGIN).toBe('http://localhost:8787');
    expect(() => startSettings({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => startSettings({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('lets the shell name another public origin, e.g. a tunnel a phone can reach', () => {
    const settings = startSettings({ PORT: '8811', PUBLIC_ORIGIN: 'https://tunnel.example' });
    expect(varsOf(wranglerDevArgs({ ...settings, persistTo: '/tmp/state' })).PUBLIC_ORIGIN).toBe(
      'https://tunnel.example',
    );
  });

  it('gives test and bench servers links on the address they listen on, unless their vars say otherwise', () => {
    const args = wranglerDevArgs({ port: 9123, persistTo: '/tmp/state', vars: { ENVIRONMENT: 'development' } });
    expect(varsOf(args)).toEqual({ PUBLIC_ORIGIN: 'http://127.0.0.1:9123', ENVIRONMENT: 'development' });
  });
});
