import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { renderSVG } from 'uqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import type { Bindings } from '../../worker/env';
import { signKioskToken } from '../../worker/security/kiosk-token';
import { qrSvg } from '../../worker/services/admin/counter-print';
import { ADMIN_TOKEN } from '../support/admin';
import { createOrganisation, type Organisation } from '../support/fixtures';
import { enrolledKiosk } from '../support/kiosks';
import { insertRatings, same } from '../support/ratings';

/** Written as an operator might: a trailing slash (the kiosk QR's 404) and capitals. */
const CONFIGURED = 'HTTPS://Suara.Example/';
const PUBLIC = 'https://suara.example';
/** Requests reach the Worker on another host (e.g. workers.dev): links must still name the public origin. */
const REACHED = 'https://suara-layanan.workers.test';

/** One request to the app with PUBLIC_ORIGIN as configured; the edge cache is not in the way. */
async function call(path: string, init: RequestInit = {}, configured = CONFIGURED): Promise<Response> {
  const url = path.startsWith('http') ? path : `${REACHED}${path}`;
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(url, init), { ...env, PUBLIC_ORIGIN: configured } as Bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

function asAdmin(method: string, path: string, body?: unknown): Promise<Response> {
  return call(`/api/v1/admin${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A link as a phone follows it: what the Worker answers at its path and query (the host is the public one). */
async function follow(link: string): Promise<Response> {
  expect(link.startsWith(`${PUBLIC}/`), link).toBe(true);
  expect(link.slice(PUBLIC.length), link).not.toMatch(/^\/\//);
  return call(link);
}

let org: Organisation;
const COUNTERS = '/regions/kota-asal/units/disdukcapil/counters';

beforeAll(async () => {
  org = await createOrganisation({ region: 'kota-asal' });
  await insertRatings(org, same(12, [4, 4, 3, 4, 3, 4, 4, 3, 4], '2026-07-10'));
});

describe('links name the normalised public origin, trailing slash or not (SPEC §5 Public origin)', () => {
  it('gives the kiosk display a QR code whose URL has no double slash and opens the rating form', async () => {
    const { cookie } = await enrolledKiosk(org.counterId);
    const before = Date.now();
    // Exactly the reported configuration: only the trailing slash differs from the origin.
    const response = await call(`/r/${org.counterCode}/kiosk/qr.svg`, { headers: { cookie } }, `${PUBLIC}/`);
    const after = Date.now();
    expect(response.status).toBe(200);
    const svg = await response.text();
    // The token is signed with the second the code was made: one of the seconds of this request.
    let encoded: string | null = null;
    for (let now = before - 1000; now <= after + 1000 && encoded === null; now += 1000) {
      const token = await signKioskToken('test-kiosk-signing-key', org.counterCode, now);
      const url = `${PUBLIC}/r/${org.counterCode}?k=${token}`;
      if (renderSVG(url, { ecc: 'M', border: 2 }) === svg) encoded = url;
    }
    expect(encoded, 'the QR code encodes https://suara.example/r/{code}?k=…').not.toBeNull();
    const form = await follow(encoded!);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="k"');
  });

  it('puts the same counter URL in the console’s list, the QR code and the printed poster, and it opens the form', async () => {
    const expected = `${PUBLIC}/r/${org.counterCode}`;
    const listed = await (await asAdmin('GET', COUNTERS)).json<{ code: string; url: string }[]>();
    expect(listed.find((c) => c.code === org.counterCode)?.url).toBe(expected);
    expect(await (await asAdmin('GET', `${COUNTERS}/${org.counterCode}/qr.svg`)).text()).toBe(qrSvg(expected));
    expect(await (await asAdmin('GET', `${COUNTERS}/${org.counterCode}/poster`)).text()).toContain(qrSvg(expected));
    expect((await follow(expected)).status).toBe(200);
  });

  it('names it in kiosk enrolment, invitation and SKP evidence links, and each opens', async () => {
    const kiosk = await asAdmin('POST', `${COUNTERS}/${org.counterCode}/kiosks`, { label: 'Tablet asal' });
    const { enrolmentUrl } = await kiosk.json<{ enrolmentUrl: string }>();
    expect((await follow(enrolmentUrl)).status).toBe(200);

    const invited = await asAdmin('POST', '/users', {
      email: 'asal@kota.go.id',
      name: 'Petugas Asal',
      role: 'viewer',
      region: 'kota-asal',
    });
    const { invitationUrl } = await invited.json<{ invitationUrl: string }>();
    expect(invitationUrl).toMatch(/^https:\/\/suara\.example\/admin\/undangan#[0-9a-z]{52}$/);

    const issued = await asAdmin('POST', '/regions/kota-asal/units/disdukcapil/evidence', { period: '2026-Q3' });
    expect(issued.status).toBe(201);
    const { url } = await issued.json<{ url: string }>();
    const evidence = await follow(`${url}?format=json`);
    expect(await evidence.json()).toMatchObject({ valid: true, responses: 12 });
  });

  it('makes the live data package’s absolute links resolve', async () => {
    const pkg = await (await call('/data/datapackage.json')).json<{
      homepage: string;
      resources: { path: string }[];
    }>();
    expect(pkg.homepage).toBe(`${PUBLIC}/data`);
    const scores = pkg.resources.find((r) => r.path.endsWith('/scores.csv'));
    expect(scores?.path).toBe(`${PUBLIC}/data/scores.csv`);
    expect((await follow(scores!.path)).status).toBe(200);
  });
});
