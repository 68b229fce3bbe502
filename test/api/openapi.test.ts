import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { policyOf } from '../../worker/security/policy';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Operation = {
  operationId?: string;
  responses?: Record<string, { description?: string }>;
  parameters?: { name: string; in: string; $ref?: string }[];
  security?: Record<string, string[]>[];
};
type Document = {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Json>; securitySchemes?: Record<string, { type: string; scheme?: string }> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The SPEC §5 paths this worker serves. */
const SPEC_PATHS: Record<string, string[]> = {
  '/api/v1/regions': ['get'],
  '/api/v1/responses': ['post'],
  '/data/datapackage.json': ['get'],
  '/data/scores.csv': ['get'],
  '/data/scores.json': ['get'],
  '/data/service-scores.csv': ['get'],
  '/data/service-scores.json': ['get'],
  '/data/responses.csv': ['get'],
  '/data/responses.json': ['get'],
  '/api/v1/regions/{region}/scores': ['get'],
  '/api/v1/regions/{region}/units/{unit}/scores': ['get'],
  '/api/v1/regions/{region}/units/{unit}/services': ['get'],
  '/api/v1/agency/scores': ['get'],
  '/api/v1/admin/regions': ['post'],
  '/api/v1/admin/regions/{region}/units': ['post'],
  '/api/v1/admin/regions/{region}/units/{unit}': ['patch'],
  '/api/v1/admin/regions/{region}/units/{unit}/services': ['post'],
  '/api/v1/admin/regions/{region}/units/{unit}/counters': ['post'],
  '/api/v1/admin/regions/{region}/units/{unit}/counters/{code}/qr.svg': ['get'],
  '/api/v1/admin/regions/{region}/units/{unit}/counters/{code}/poster': ['get'],
  '/api/v1/admin/regions/{region}/units/{unit}/responses/import': ['post'],
  '/api/v1/admin/regions/{region}/units/{unit}/responses': ['post'],
  '/api/v1/admin/regions/{region}/units/{unit}/responses/{id}': ['delete'],
  '/api/v1/admin/regions/{region}/units/{unit}/follow-up': ['get', 'post'],
  '/api/v1/admin/regions/{region}/units/{unit}/follow-up/{id}': ['patch', 'delete'],
  '/api/v1/regions/{region}/units/{unit}/follow-up': ['get'],
  '/api/v1/admin/regions/{region}/api-keys': ['post'],
  '/api/v1/admin/regions/{region}/dashboard': ['get'],
  '/api/v1/admin/regions/{region}/units/{unit}/dashboard': ['get'],
  '/api/v1/admin/regions/{region}/reports/skm': ['get'],
  '/api/v1/admin/regions/{region}/reports/skm.pdf': ['get'],
  '/api/v1/admin/regions/{region}/units/{unit}/evidence': ['post'],
  '/api/v1/admin/regions/{region}/units/{unit}/evidence.svg': ['get'],
  '/bukti/{token}': ['get'],
  '/api/v1/admin/users': ['get', 'post'],
  '/api/v1/admin/users/{id}/reset-link': ['post'],
  '/api/v1/admin/users/{id}/disable': ['post'],
  '/api/v1/admin/users/{id}/sign-out-everywhere': ['post'],
  '/api/v1/admin/invitations/accept': ['post'],
  '/api/v1/admin/session': ['post', 'get', 'delete'],
  '/api/v1/admin/session/totp': ['post'],
  '/api/v1/admin/session/totp/confirm': ['post'],
  '/api/v1/admin/audit': ['get'],
};

async function document(): Promise<Document> {
  const response = await exports.default.fetch('https://suara.test/api/v1/openapi.json');
  expect(response.status).toBe(200);
  return response.json<Document>();
}

function refs(node: Json, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refs(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refs(value, found);
    }
  }
  return found;
}

function resolve(doc: Document, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      doc,
    );
}

describe('GET /api/v1/openapi.json (SPEC §5: OpenAPI 3.1 from the validating schemas)', () => {
  it('is an OpenAPI 3.1 document whose every path has operations with described responses', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(path, path).toMatch(/^\/(api|data|bukti|og)\//);
      const operations = Object.entries(item).filter(([method]) => METHODS.includes(method));
      expect(operations.length, path).toBeGreaterThan(0);
      for (const [method, operation] of operations) {
        const responses = Object.entries(operation.responses ?? {});
        expect(responses.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const [status, response] of responses) {
          expect(status, `${method} ${path}`).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
          expect(response.description, `${method} ${path} ${status}`).toEqual(expect.any(String));
        }
        // Every {param} of the template is declared as a path parameter, and nothing more.
        const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort();
        expect(declared, `${method} ${path}`).toEqual(templated);
      }
    }
  });

  it('resolves every $ref inside the document', async () => {
    const doc = await document();
    const all = refs(doc as unknown as Json);
    expect(all.length).toBeGreaterThan(0);
    for (const ref of new Set(all)) expect(resolve(doc, ref), ref).toBeDefined();
  });

  it('lists every SPEC §5 path of this worker with its method', async () => {
    const doc = await document();
    for (const [path, methods] of Object.entries(SPEC_PATHS)) {
      for (const method of methods) expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
  });

  it('declares the bearer schemes and requires them where they apply', async () => {
    const doc = await document();
    expect(doc.components?.securitySchemes).toMatchObject({
      agencyKey: { type: 'http', scheme: 'bearer' },
      adminToken: { type: 'http', scheme: 'bearer' },
      adminSession: { type: 'apiKey' },
    });
    expect(doc.paths['/api/v1/agency/scores']?.get?.security).toEqual([{ agencyKey: [] }]);
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/admin/')) continue;
      for (const [method, operation] of Object.entries(item)) {
        // Public admin routes (signing in, accepting an invitation) need no scheme; every other one either.
        const scope = policyOf(method, path.replace(/\{(\w+)\}/g, ':$1'))?.scope;
        expect(operation.security, `${method} ${path}`).toEqual(
          scope === 'public' ? [] : [{ adminToken: [] }, { adminSession: [] }],
        );
      }
    }
    expect(doc.paths['/api/v1/regions/{region}/scores']?.get?.security).toEqual([]);
  });

  it('states the security of every operation (`[]` for a public one), and names each with a unique operationId', async () => {
    const doc = await document();
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.security, `${method} ${path}`).toBeDefined();
        if (!path.startsWith('/api/v1/admin/') && path !== '/api/v1/agency/scores') {
          expect(operation.security, `${method} ${path}`).toEqual([]);
        }
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(operation.operationId as string);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/v1/responses']?.post?.operationId).toBe('submitResponse');
    expect(doc.paths['/data/service-scores.csv']?.get?.operationId).toBe('getServiceScoresCsv');
  });

  it('names this portal as its server, so a client resolves the absolute paths against it', async () => {
    const doc = await document();
    expect(doc.servers?.map((server) => server.url)).toEqual(['https://suara.test']);
  });

  it('documents Score as SPEC §5 defines it, with the distribution extension', async () => {
    const doc = await document();
    const score = doc.components?.schemas?.Score as { required: string[]; properties: Record<string, Json> };
    expect(score.required).toEqual(
      expect.arrayContaining([
        'region',
        'unit',
        'period',
        'responses',
        'suppressed',
        'ikm',
        'ikmLow',
        'ikmHigh',
        'grade',
        'elements',
        'distribution',
      ]),
    );
  });

  it('is browsable at /api/docs', async () => {
    const response = await exports.default.fetch('https://suara.test/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('/api/v1/openapi.json');
  });

  it('loads its script from our own origin only: no CDN, under a policy that allows no other origin', async () => {
    const response = await exports.default.fetch('https://suara.test/api/docs');
    const page = await response.text();
    // Every URL in the page (src, href, imports, CSS url()) is same-origin: no scheme-qualified or protocol-relative one.
    expect(page.match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'<>)]*/gi) ?? []).toEqual([]);
    expect(page).toContain('<script src="/vendor/scalar-api-reference.js"');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/);
    expect(policy).not.toMatch(/https?:|\*/);
    // The inline initialisation carries the policy's nonce.
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(page).toContain(`nonce="${nonce}"`);
  });
});
