import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/app';
import { base32Decode, hotp, totpStep } from '../../worker/security/totp';
import { acceptLink, api, asBootstrap, PASSWORD, signIn, signInRequest, staff, tokenOf } from '../support/accounts';
import { ADMIN_TOKEN, ORIGIN } from '../support/admin';
import { createOrganisation } from '../support/fixtures';

async function actions(target: string): Promise<string[]> {
  const { results } = await env.DB.prepare('SELECT action FROM audit_log WHERE target = ? ORDER BY id')
    .bind(target)
    .all<{ action: string }>();
  return results.map((r) => r.action);
}

describe('staff accounts: invitation, password, session (SPEC §5 Admin, docs/accounts.md)', () => {
  it('invites a region admin with a one-time link, stores only its SHA-256, and signs in with e-mail and password', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const created = await asBootstrap('POST', '/users', {
      email: 'Kepala.Bagian@Kota.go.id',
      name: 'Kepala Bagian Organisasi',
      role: 'region_admin',
      region,
    });
    expect(created.status).toBe(201);
    const { id, invitationUrl } = await created.json<{ id: string; invitationUrl: string }>();
    expect(invitationUrl).toMatch(/^https:\/\/suara\.test\/admin\/undangan#[0-9a-z]{52}$/);
    const token = tokenOf(invitationUrl);
    const links = await env.DB.prepare('SELECT id FROM account_links WHERE user_id = ?').bind(id).all<{ id: string }>();
    expect(links.results).toHaveLength(1);
    expect(links.results[0]!.id).not.toContain(token);

    // No password yet: signing in fails like a wrong password.
    expect((await signInRequest({ email: 'kepala.bagian@kota.go.id', password: PASSWORD })).status).toBe(401);
    expect((await acceptLink(token)).status).toBe(201);
    const stored = await env.DB.prepare(
      'SELECT email, password_hash AS hash, password_iterations AS iterations FROM users WHERE id = ?',
    )
      .bind(id)
      .first<{ email: string; hash: string; iterations: number }>();
    expect(stored).toMatchObject({ email: 'kepala.bagian@kota.go.id', iterations: 100_000 });
    expect(stored!.hash).not.toContain(PASSWORD);

    // The e-mail address is matched without regard to case.
    const signedIn = await signIn('KEPALA.BAGIAN@kota.go.id');
    expect(signedIn.session).toMatchObject({
      actor: `user:${id}`,
      role: 'region_admin',
      region: { slug: region },
      units: [],
      user: { email: 'kepala.bagian@kota.go.id', totp: false },
    });
    const current = await api('/session', { headers: { Cookie: signedIn.cookie } });
    expect(await current.json()).toMatchObject({ role: 'region_admin', region: { slug: region } });
    // The attempt before the password was set is audited as a failed sign-in.
    expect(await actions(`user:${id}`)).toEqual(['user.create', 'session.sign-in-failed', 'user.accept-invitation']);

    // The link works once.
    const again = await acceptLink(token, 'another-long-password');
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ errors: [{ field: 'token' }] });
  });

  it('refuses a short password, the e-mail as password, and an expired link, storing nothing', async () => {
    const org = await createOrganisation();
    const created = await asBootstrap('POST', '/users', {
      email: 'operator.a@kota.go.id',
      name: 'Operator A',
      role: 'unit_operator',
      region: org.regionSlug,
      units: ['disdukcapil'],
    });
    const { id, invitationUrl } = await created.json<{ id: string; invitationUrl: string }>();
    const token = tokenOf(invitationUrl);
    const short = await acceptLink(token, 'pendek');
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ errors: [{ field: 'password' }] });
    const email = await acceptLink(token, 'operator.a@kota.go.id');
    expect(email.status).toBe(400);
    await env.DB.prepare('UPDATE account_links SET expires_at = 1 WHERE user_id = ?').bind(id).run();
    expect((await acceptLink(token)).status).toBe(400);
    const row = await env.DB.prepare('SELECT password_iterations AS n FROM users WHERE id = ?').bind(id).first();
    expect(row).toEqual({ n: 0 });
  });

  it('lets a region admin create operators in its own region only, never a super admin or another region', async () => {
    const own = await createOrganisation();
    const other = await createOrganisation();
    const [ownSlug, otherSlug] = [own.regionSlug, other.regionSlug];
    const regionAdmin = await staff('region_admin', ownSlug);
    const before = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>();

    const elsewhere = await regionAdmin.call('POST', '/users', {
      email: 'x1@kota.go.id',
      name: 'Orang Lain',
      role: 'unit_operator',
      region: otherSlug,
      units: ['disdukcapil'],
    });
    expect(elsewhere.status).toBe(403);
    const higher = await regionAdmin.call('POST', '/users', { email: 'x2@kota.go.id', name: 'Super', role: 'super' });
    expect(higher.status).toBe(403);
    const noUnits = await regionAdmin.call('POST', '/users', {
      email: 'x3@kota.go.id',
      name: 'Tanpa Unit',
      role: 'unit_operator',
      region: ownSlug,
    });
    expect(noUnits.status).toBe(400);
    expect(await env.DB.prepare('SELECT count(*) AS n FROM users').first()).toEqual(before);

    const operator = await staff('unit_operator', ownSlug, ['disdukcapil'], regionAdmin.call);
    expect(operator.session).toMatchObject({ role: 'unit_operator', units: [{ slug: 'disdukcapil' }] });
    // An operator manages no accounts.
    expect(
      (
        await operator.call('POST', '/users', {
          email: 'x4@kota.go.id',
          name: 'Orang',
          role: 'viewer',
          region: ownSlug,
        })
      ).status,
    ).toBe(403);

    // A duplicate e-mail is a conflict.
    const duplicate = await regionAdmin.call('POST', '/users', {
      email: operator.email.toUpperCase(),
      name: 'Sama',
      role: 'viewer',
      region: ownSlug,
    });
    expect(duplicate.status).toBe(409);

    // Listing: the region admin sees its region's accounts only; asking for another region is refused.
    const listed = await (await regionAdmin.call('GET', '/users')).json<
      { email: string; region: { slug: string } }[]
    >();
    expect(listed.map((u) => u.email)).toEqual(expect.arrayContaining([regionAdmin.email, operator.email]));
    expect(listed.every((u) => u.region.slug === ownSlug)).toBe(true);
    expect((await regionAdmin.call('GET', `/users?region=${otherSlug}`)).status).toBe(403);
    const all = await (await asBootstrap('GET', '/users')).json<unknown[]>();
    expect(all.length).toBeGreaterThan(listed.length);
  });

  it('issues a one-time reset link: the new password works, the old one and every old session do not', async () => {
    const org = await createOrganisation();
    const person = await staff('viewer', org.regionSlug);
    const second = await signIn(person.email);
    const reset = await asBootstrap('POST', `/users/${person.id}/reset-link`);
    expect(reset.status).toBe(201);
    const { url } = await reset.json<{ url: string }>();
    // Until it is used, nothing changes.
    expect((await api('/session', { headers: { Cookie: person.cookie } })).status).toBe(200);
    expect((await acceptLink(tokenOf(url), 'kata-sandi-baru-yang-panjang')).status).toBe(201);
    for (const s of [person, second])
      expect((await api('/session', { headers: { Cookie: s.cookie } })).status).toBe(401);
    expect((await signInRequest({ email: person.email, password: PASSWORD })).status).toBe(401);
    await signIn(person.email, 'kata-sandi-baru-yang-panjang');
    expect(await actions(`user:${person.id}`)).toEqual(
      expect.arrayContaining(['user.reset-link', 'user.reset-password']),
    );
  });

  it('disables an account (signed out, cannot sign in) and enables it again; signs out everywhere', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const regionAdmin = await staff('region_admin', region);
    const person = await staff('viewer', region, [], regionAdmin.call);
    expect((await regionAdmin.call('POST', `/users/${regionAdmin.id}/disable`)).status).toBe(409);
    expect((await regionAdmin.call('POST', `/users/${person.id}/disable`)).status).toBe(204);
    expect((await api('/session', { headers: { Cookie: person.cookie } })).status).toBe(401);
    expect((await signInRequest({ email: person.email, password: PASSWORD })).status).toBe(401);
    expect((await regionAdmin.call('POST', `/users/${person.id}/enable`)).status).toBe(204);
    const one = await signIn(person.email);
    const two = await signIn(person.email);
    const everywhere = await one.call('POST', '/session/sign-out-everywhere');
    expect(await everywhere.json()).toEqual({ sessions: 2 });
    for (const s of [one, two]) expect((await api('/session', { headers: { Cookie: s.cookie } })).status).toBe(401);
    // An admin can end them too.
    const three = await signIn(person.email);
    expect((await regionAdmin.call('POST', `/users/${person.id}/sign-out-everywhere`)).status).toBe(204);
    expect((await api('/session', { headers: { Cookie: three.cookie } })).status).toBe(401);
    expect(await actions(`user:${person.id}`)).toEqual(
      expect.arrayContaining(['user.disable', 'user.enable', 'session.delete-all']),
    );
  });

  it('keeps the bootstrap { token } sign-in', async () => {
    const response = await signInRequest({ token: ADMIN_TOKEN });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ actor: 'admin-token', role: 'super', user: null });
  });
});

describe('TOTP for staff accounts (RFC 6238, docs/accounts.md)', () => {
  it('enrols with a shown-once otpauth URI and QR, asks for a code once confirmed, refuses a replayed code', async () => {
    const org = await createOrganisation();
    const person = await staff('region_admin', org.regionSlug);
    const enrol = await person.call('POST', '/session/totp', { password: PASSWORD });
    expect(enrol.status).toBe(201);
    const { secret, uri, qrSvg } = await enrol.json<{ secret: string; uri: string; qrSvg: string }>();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(qrSvg).toMatch(/^<svg/);
    const stored = await env.DB.prepare('SELECT totp_secret AS s FROM users WHERE id = ?')
      .bind(person.id)
      .first<{ s: string }>();
    expect(stored!.s).not.toContain(secret);

    // Not confirmed yet: sign-in needs no code.
    await signIn(person.email);
    // One step fixed up front: if the clock crosses into the next step mid-test, this one is still in the window.
    const step = totpStep(Date.now());
    const code = (offset = 0) => hotp(base32Decode(secret), step + offset);
    const wrong = await person.call('POST', '/session/totp/confirm', { password: PASSWORD, code: await code(5) });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ errors: [{ field: 'code' }] });
    expect(
      (await person.call('POST', '/session/totp/confirm', { password: PASSWORD, code: await code() })).status,
    ).toBe(204);

    const withoutCode = await signInRequest({ email: person.email, password: PASSWORD });
    expect(withoutCode.status).toBe(401);
    expect(await withoutCode.json()).toMatchObject({ totpRequired: true });
    // The code used to confirm cannot be used again; the next step's (within the drift window) can.
    expect((await signInRequest({ email: person.email, password: PASSWORD, totp: await code() })).status).toBe(401);
    const next = await code(1);
    const signedIn = await signIn(person.email, PASSWORD, next);
    expect(signedIn.session).toMatchObject({ user: { totp: true } });
    expect((await signInRequest({ email: person.email, password: PASSWORD, totp: next })).status).toBe(401);

    // Disabling needs a current, unused code; the bootstrap token has no account to protect.
    expect((await signedIn.call('POST', '/session/totp/disable', { password: PASSWORD, code: next })).status).toBe(403);
    expect((await asBootstrap('POST', '/session/totp', { password: PASSWORD })).status).toBe(403);
    expect(await actions(`user:${person.id}`)).toEqual(expect.arrayContaining(['totp.enrol', 'totp.confirm']));

    // A lost phone: the admin's reset link can remove the authenticator; a plain one keeps it.
    expect((await asBootstrap('POST', `/users/${person.id}/reset-link`)).status).toBe(201);
    expect((await signInRequest({ email: person.email, password: PASSWORD })).status).toBe(401);
    expect((await asBootstrap('POST', `/users/${person.id}/reset-link`, { resetTotp: true })).status).toBe(201);
    expect((await signIn(person.email)).session).toMatchObject({ user: { totp: false } });
  });
});

describe('changing the authenticator re-authenticates (SPEC §5 Admin, docs/accounts.md)', () => {
  it('needs the current password to start, confirm or remove it, and the current code to remove it; wrong ones are 403 and counted', async () => {
    const org = await createOrganisation();
    const person = await staff('viewer', org.regionSlug);
    const totpRow = () =>
      env.DB.prepare(
        'SELECT totp_secret IS NOT NULL AS secret, totp_enabled_at IS NOT NULL AS enabled FROM users WHERE id = ?',
      )
        .bind(person.id)
        .first<{ secret: number; enabled: number }>();
    const failures = async () =>
      (await env.DB.prepare(
        "SELECT coalesce(sum(count), 0) AS n FROM rate_counters WHERE key LIKE 'sign-in-account:%'",
      ).first<{ n: number }>())!.n;

    // A session alone (a console left open, a stolen cookie) cannot enrol an authenticator of its own.
    expect((await person.call('POST', '/session/totp')).status).toBe(400);
    expect((await person.call('POST', '/session/totp', {})).status).toBe(400);
    const before = await failures();
    const wrongPassword = await person.call('POST', '/session/totp', { password: 'bukan-kata-sandinya' });
    expect(wrongPassword.status).toBe(403);
    expect(wrongPassword.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await wrongPassword.json()).toMatchObject({ errors: [{ field: 'password' }] });
    expect(await failures()).toBe(before + 1);
    expect(await totpRow()).toEqual({ secret: 0, enabled: 0 });

    const enrol = await person.call('POST', '/session/totp', { password: PASSWORD });
    expect(enrol.status).toBe(201);
    const { secret } = await enrol.json<{ secret: string }>();
    const step = totpStep(Date.now());
    const code = (offset = 0) => hotp(base32Decode(secret), step + offset);

    // Confirming needs the password too: a right code with a wrong password changes nothing.
    const confirmWrong = await person.call('POST', '/session/totp/confirm', {
      password: 'salah-lagi-ya',
      code: await code(),
    });
    expect(confirmWrong.status).toBe(403);
    expect(await confirmWrong.json()).toMatchObject({ errors: [{ field: 'password' }] });
    expect(await totpRow()).toEqual({ secret: 1, enabled: 0 });
    expect((await person.call('POST', '/session/totp/confirm', { code: await code() })).status).toBe(400);
    expect(
      (await person.call('POST', '/session/totp/confirm', { password: PASSWORD, code: await code() })).status,
    ).toBe(204);

    // Removing it needs the password and a current code of it.
    const next = await code(1);
    expect((await person.call('POST', '/session/totp/disable', { password: PASSWORD })).status).toBe(400);
    const disableWrongPassword = await person.call('POST', '/session/totp/disable', {
      password: 'salah-sekali',
      code: next,
    });
    expect(disableWrongPassword.status).toBe(403);
    const disableWrongCode = await person.call('POST', '/session/totp/disable', {
      password: PASSWORD,
      code: await code(9),
    });
    expect(disableWrongCode.status).toBe(403);
    expect(await disableWrongCode.json()).toMatchObject({ errors: [{ field: 'totp' }] });
    expect(await totpRow()).toEqual({ secret: 1, enabled: 1 });
    expect(await failures()).toBe(before + 4);
    expect((await person.call('POST', '/session/totp/disable', { password: PASSWORD, code: next })).status).toBe(204);
    expect(await totpRow()).toEqual({ secret: 0, enabled: 0 });

    const audited = await actions(`user:${person.id}`);
    expect(audited.filter((a) => a === 'session.reauth-failed')).toHaveLength(4);
    expect(audited).toEqual(expect.arrayContaining(['totp.enrol', 'totp.confirm', 'totp.disable']));
    const log = JSON.stringify((await env.DB.prepare('SELECT * FROM audit_log').all()).results);
    for (const attempt of ['bukan-kata-sandinya', 'salah-lagi-ya', 'salah-sekali', PASSWORD])
      expect(log).not.toContain(attempt);
  });
});

describe('password rule: at least 12 characters, 8 of them not spaces (SPEC §5 Admin, domain/password-policy.ts)', () => {
  it('refuses passwords of spaces at invitation and at reset, storing nothing', async () => {
    const org = await createOrganisation();
    const created = await asBootstrap('POST', '/users', {
      email: `spasi-${Math.random().toString(36).slice(2, 8)}@kota.go.id`,
      name: 'Petugas Spasi',
      role: 'viewer',
      region: org.regionSlug,
    });
    const { id, invitationUrl } = await created.json<{ id: string; invitationUrl: string }>();
    const token = tokenOf(invitationUrl);
    for (const password of [
      ' '.repeat(12),
      ' '.repeat(20),
      'a b c d e f g h'.replace(/h$/, '  '),
      '\u00a0'.repeat(12),
    ]) {
      const refused = await acceptLink(token, password);
      expect(refused.status, JSON.stringify(password)).toBe(400);
      expect(await refused.json()).toMatchObject({
        errors: [{ field: 'password', detail: expect.stringMatching(/8/) }],
      });
    }
    expect(await env.DB.prepare('SELECT password_iterations AS n FROM users WHERE id = ?').bind(id).first()).toEqual({
      n: 0,
    });
    // A passphrase with spaces is fine.
    expect((await acceptLink(token, 'kuda lari pagi hari')).status).toBe(201);

    const reset = await (await asBootstrap('POST', `/users/${id}/reset-link`)).json<{ url: string }>();
    const spaces = await acceptLink(tokenOf(reset.url), ' '.repeat(12));
    expect(spaces.status).toBe(400);
    expect(await spaces.json()).toMatchObject({ errors: [{ field: 'password' }] });
    expect((await acceptLink(tokenOf(reset.url), 'kata sandi baru pagi ini')).status).toBe(201);
  });
});

describe('changing one’s own password (SPEC §5 Admin, docs/accounts.md)', () => {
  it('needs the current password, applies the password rule, and ends the account’s other sessions', async () => {
    const org = await createOrganisation();
    const person = await staff('viewer', org.regionSlug);
    const other = await signIn(person.email);
    const change = (body: Record<string, unknown>) => person.call('POST', '/session/password', body);

    const wrong = await change({ password: 'bukan-kata-sandinya', newPassword: 'kata sandi baru pagi ini' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ errors: [{ field: 'password' }] });
    const spaces = await change({ password: PASSWORD, newPassword: ' '.repeat(12) });
    expect(spaces.status).toBe(400);
    expect(await spaces.json()).toMatchObject({ errors: [{ field: 'newPassword' }] });
    expect((await api('/session', { headers: { Cookie: other.cookie } })).status).toBe(200);

    expect((await change({ password: PASSWORD, newPassword: 'kata sandi baru pagi ini' })).status).toBe(204);
    expect((await api('/session', { headers: { Cookie: person.cookie } })).status).toBe(200);
    expect((await api('/session', { headers: { Cookie: other.cookie } })).status).toBe(401);
    expect((await signInRequest({ email: person.email, password: PASSWORD })).status).toBe(401);
    await signIn(person.email, 'kata sandi baru pagi ini');
    expect(await actions(`user:${person.id}`)).toEqual(
      expect.arrayContaining(['session.reauth-failed', 'user.change-password']),
    );
    expect(
      (await asBootstrap('POST', '/session/password', { password: 'x', newPassword: 'y'.repeat(12) })).status,
    ).toBe(403);
  });
});

describe('names and labels are one line of visible text (SPEC §5 Admin, domain/plain-text.ts)', () => {
  it('refuses account names and labels with control or invisible characters with 400 and a field error, storing nothing', async () => {
    const org = await createOrganisation();
    const region = org.regionSlug;
    const hidden = [
      'Siti\u0000Rahma',
      'Siti\u0007Rahma',
      'Siti\u001bRahma',
      'Siti\nRahma',
      'Siti\tRahma',
      'Siti\u0085Rahma',
      'Siti\u2028Rahma',
      'Siti\u00adRahma',
      'Siti\u200bRahma',
      'Siti\u202eRahma',
      'Siti\u034fRahma',
      'Siti \u3164',
      'Siti\u{e0041}Rahma',
      'Siti\u2064Rahma',
    ];
    const before = await env.DB.prepare('SELECT count(*) AS n FROM users').first<{ n: number }>();
    for (const [i, name] of hidden.entries()) {
      const refused = await asBootstrap('POST', '/users', {
        email: `nama-${i}@kota.go.id`,
        name,
        role: 'viewer',
        region,
      });
      expect(refused.status, JSON.stringify(name)).toBe(400);
      expect(await refused.json()).toMatchObject({ errors: [{ field: 'name' }] });
    }
    expect(await env.DB.prepare('SELECT count(*) AS n FROM users').first()).toEqual(before);
    const label = await asBootstrap('POST', `/regions/${region}/api-keys`, { label: 'Laporan\u0000SKP' });
    expect(label.status).toBe(400);
    expect(await label.json()).toMatchObject({ errors: [{ field: 'label' }] });
    // Ordinary Indonesian names with punctuation pass.
    const fine = await asBootstrap('POST', '/users', {
      email: 'nama-baik@kota.go.id',
      name: "Ni Luh Putu Ayu D'Silva, S.Kom.",
      role: 'viewer',
      region,
    });
    expect(fine.status).toBe(201);
  });
});

describe('bootstrap sessions end with the token (SPEC §5 Admin)', () => {
  it('ends a console session opened with { token } once ADMIN_TOKEN changes, and stores nothing of the token', async () => {
    const response = await signInRequest({ token: ADMIN_TOKEN });
    expect(response.status).toBe(201);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const org = await createOrganisation();
    const person = await staff('viewer', org.regionSlug);
    const current = (sessionCookie: string, adminToken: string) =>
      app.request(
        `${ORIGIN}/api/v1/admin/session`,
        { headers: { Cookie: sessionCookie } },
        { ...env, ADMIN_TOKEN: adminToken },
      );
    const users = (adminToken: string) =>
      app.request(`${ORIGIN}/api/v1/admin/users`, { headers: { Cookie: cookie } }, { ...env, ADMIN_TOKEN: adminToken });

    expect((await current(cookie, ADMIN_TOKEN)).status).toBe(200);
    expect((await users(ADMIN_TOKEN)).status).toBe(200);
    const rotated = 'rotated-admin-token-fedcba9876543210';
    expect((await current(cookie, rotated)).status).toBe(401);
    expect((await users(rotated)).status).toBe(401);
    // Accounts' sessions do not depend on the token.
    expect((await current(person.cookie, rotated)).status).toBe(200);

    const stored = JSON.stringify((await env.DB.prepare('SELECT * FROM sessions').all()).results);
    expect(stored).not.toContain(ADMIN_TOKEN);
  });
});
