import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { createOrganisation } from '../support/fixtures';

const ORIGIN = 'https://suara.test';

/** Every route the app registers, with its path parameters filled in (`:code` → a real counter's code). */
function concreteRoutes(values: Record<string, string>): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const route of app.routes) {
    if (route.path.includes('*')) continue; // middleware and catch-alls, covered below
    const method = route.method === 'ALL' ? 'GET' : route.method;
    const path = route.path.replace(/:([A-Za-z]+)(\{[^}]*\})?\??/g, (_, name: string) => values[name] ?? 'x');
    const key = `${method} ${path}`;
    if (!seen.has(key)) out.push({ method, path });
    seen.add(key);
  }
  return out;
}

function expectSecurityHeaders(response: Response, what: string) {
  const headers = response.headers;
  expect(headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toMatch(/^(same-origin|strict-origin-when-cross-origin|no-referrer)$/);
  expect(headers.get('strict-transport-security'), what).toMatch(/^max-age=\d{7,}/);
  expect(headers.get('permissions-policy'), what).toMatch(/camera=\(\)/);
}

describe('security headers on every response (docs/rating.md, "Security headers")', () => {
  // Every route answers once, the share cards' PNG rendering included: more than the default 5 s on a busy machine.
  it('are set by every route of the app, whatever its status', { timeout: 30_000 }, async () => {
    const org = await createOrganisation({ region: 'kota-header', unit: 'dinas-header' });
    const routes = concreteRoutes({ region: 'kota-header', unit: 'dinas-header', code: org.counterCode });
    expect(routes.length).toBeGreaterThan(20);
    for (const { method, path } of routes) {
      const response = await exports.default.fetch(`${ORIGIN}${path}`, {
        method,
        redirect: 'manual',
        headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
        body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
      });
      await response.arrayBuffer();
      expectSecurityHeaders(response, `${method} ${path} (${response.status})`);
    }
  });

  it('are set on unknown paths and problem responses too', async () => {
    for (const path of ['/api/v1/tidak-ada', '/r/tidak-ada', '/data/tidak-ada.csv']) {
      const response = await exports.default.fetch(`${ORIGIN}${path}`);
      await response.arrayBuffer();
      expectSecurityHeaders(response, path);
    }
  });

  it('keep the rating form’s own stricter policy (nonce’d scripts only)', async () => {
    const org = await createOrganisation();
    const response = await exports.default.fetch(`${ORIGIN}/r/${org.counterCode}`);
    await response.arrayBuffer();
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+' https:\/\/challenges/);
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('give JSON a policy under which nothing loads or runs', async () => {
    const response = await exports.default.fetch(`${ORIGIN}/api/v1/regions`);
    await response.arrayBuffer();
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });
});
