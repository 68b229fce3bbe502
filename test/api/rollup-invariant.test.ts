import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ELEMENT_CODES } from '../../domain/survey';
import { admin } from '../support/admin';
import { createOrganisation } from '../support/fixtures';
import { newDevice, newDevicelessPhone, postRating, ratingBody } from '../support/ratings';
import { monthlyMismatches, rawMismatches } from '../support/rollups';

const elements = ELEMENT_CODES.map((code) => code.slice(1));

describe('rollups, daily and monthly, agree with the raw responses (SPEC §3, README architecture)', () => {
  it('many concurrent ratings, repeats and bursts leave rollup totals equal to the unflagged raw counts', async () => {
    // 16 quiet counters get 4 ratings each (no burst); 2 busy ones get a burst of 8; every 5th is sent twice.
    const quiet = [];
    for (let i = 0; i < 16; i += 1) quiet.push(await createOrganisation());
    const busy = [await createOrganisation(), await createOrganisation()];
    let seed = 17;
    const score = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return (seed % 4) + 1;
    };
    // A burst is one source's (docs/rating.md): each busy counter's eight come from phones on one Wi-Fi that name no
    // device, each quiet rating from a network of its own; a repeat comes from the same device as its original.
    const targets = [
      ...quiet.flatMap((org) => Array.from({ length: 4 }, () => ({ org, device: newDevice() }))),
      ...busy.flatMap((org, b) =>
        Array.from({ length: 8 }, () => ({ org, device: newDevicelessPhone(`192.0.${b + 2}`) })),
      ),
    ];
    const sent = targets.map(({ org, device }, i) => ({
      device,
      body: ratingBody(org.counterCode, {
        answers: Object.fromEntries(ELEMENT_CODES.map((code) => [code, score()])),
        ...(i % 3 === 0 ? { service: 'ktp-el' } : {}),
      }),
    }));
    const bodies = sent.map(({ body }) => body);
    const sends = [...sent, ...sent.filter((_, i) => i % 5 === 0)];

    const answers = await Promise.all(sends.map(({ body, device }) => postRating(body, device)));

    const statuses = answers.map((r) => r.status);
    const problems = await Promise.all(answers.filter((r) => r.status >= 300).map((r) => r.text()));
    expect(problems, `statuses ${statuses.join(',')}`).toEqual([]);
    expect(answers.filter((r) => r.status === 201)).toHaveLength(bodies.length);
    const [raw] = (
      await env.DB.prepare(
        `SELECT count(*) AS n, sum(flagged) AS flagged, ${elements.map((e) => `sum(u${e}) AS s${e}`).join(', ')},
                sum((${elements.map((e) => `u${e}`).join('+')}) * (${elements.map((e) => `u${e}`).join('+')})) AS sq
         FROM responses WHERE flagged = 0`,
      ).all<Record<string, number>>()
    ).results;
    const [rolled] = (
      await env.DB.prepare(
        `SELECT sum(n) AS n, ${elements.map((e) => `sum(s${e}) AS s${e}`).join(', ')}, sum(sum_squared_totals) AS sq
         FROM daily_rollups`,
      ).all<Record<string, number>>()
    ).results;
    const flagged = (
      await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE flagged = 1').first<{ n: number }>()
    )?.n;

    const reasons = await env.DB.prepare(
      'SELECT counter_id, flag_reason, count(*) AS n FROM responses GROUP BY 1, 2',
    ).all();
    // Each busy counter's first four count; from the fifth on its network's burst is held (never the earlier four).
    expect([raw?.n, flagged], JSON.stringify(reasons.results)).toEqual([
      quiet.length * 4 + busy.length * 4,
      busy.length * 4,
    ]);
    expect(rolled?.n).toBe(raw?.n);
    expect(rolled?.sq).toBe(raw?.sq);
    for (const e of elements) expect(rolled?.[`s${e}`], `element U${e}`).toBe(raw?.[`s${e}`]);
    // And per counter × service × day, the distribution columns too.
    const mismatches = await env.DB.prepare(
      `SELECT d.counter_id FROM daily_rollups d
       LEFT JOIN (SELECT counter_id, coalesce(service_id, 0) AS service_id, local_date, count(*) AS n,
                         ${elements.map((e) => `sum(u${e} = 1) AS c${e}_1`).join(', ')}
                  FROM responses WHERE flagged = 0 GROUP BY 1, 2, 3) r
         ON r.counter_id = d.counter_id AND r.service_id = d.service_id AND r.local_date = d.local_date
       WHERE d.n != coalesce(r.n, 0) OR ${elements.map((e) => `d.c${e}_1 != coalesce(r.c${e}_1, 0)`).join(' OR ')}`,
    ).all();
    expect(mismatches.results).toEqual([]);
    // Monthly = Σ daily = raw: the burst's removals and the repeats reached the month rows too.
    expect(await monthlyMismatches()).toEqual([]);
    const monthly = await env.DB.prepare(
      'SELECT sum(n) AS n, sum(sum_squared_totals) AS sq FROM monthly_rollups',
    ).first();
    expect(monthly).toEqual({ n: raw?.n, sq: raw?.sq });
  }, 60_000); // ~100 concurrent submissions: seconds on a loaded CI machine, past vitest's 5 s default.
});

describe('rollups agree with the raw responses after keyed-in paper entries and undos (SPEC §5)', () => {
  it('concurrent entries, repeats and undos leave every rollup equal to its raw rows', async () => {
    await admin('POST', '/regions', {
      code: '91.03',
      slug: 'kertas-invarian',
      name: 'Kota Invarian',
      timezone: 'Asia/Jayapura',
    });
    await admin('POST', '/regions/kertas-invarian/units', { slug: 'dukcapil', name: 'Dukcapil' });
    await admin('POST', '/regions/kertas-invarian/units/dukcapil/services', { slug: 'kk', name: 'Kartu Keluarga' });
    const path = '/regions/kertas-invarian/units/dukcapil/responses';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jayapura' }).format(new Date());
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jayapura' }).format(
      new Date(Date.now() - 86_400_000),
    );
    const bodies = Array.from({ length: 30 }, (_, i) => ({
      submissionId: crypto.randomUUID(),
      date: i % 2 ? today : yesterday,
      ...(i % 3 === 0 ? { service: 'kk' } : {}),
      answers: Object.fromEntries(ELEMENT_CODES.map((code, e) => [code, ((i + e) % 4) + 1])),
    }));
    const sends = [...bodies, ...bodies.filter((_, i) => i % 4 === 0)];
    const created = await Promise.all(sends.map((body) => admin('POST', path, body)));
    expect(created.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    const ids = [...new Set(await Promise.all(created.map(async (r) => (await r.json<{ id: string }>()).id)))];
    expect(ids).toHaveLength(bodies.length);

    const undos = await Promise.all(ids.filter((_, i) => i % 3 === 0).map((id) => admin('DELETE', `${path}/${id}`)));
    expect(undos.map((r) => r.status).every((s) => s === 204)).toBe(true);

    const mismatches = await env.DB.prepare(
      `SELECT d.local_date, d.service_id FROM daily_rollups d
       LEFT JOIN (SELECT unit_id, coalesce(counter_id, 0) AS counter_id, coalesce(service_id, 0) AS service_id, local_date,
                         count(*) AS n, sum((${elements.map((e) => `u${e}`).join('+')}) * (${elements.map((e) => `u${e}`).join('+')})) AS sq,
                         ${elements.map((e) => `sum(u${e}) AS s${e}, sum(u${e} = 4) AS c${e}_4`).join(', ')}
                  FROM responses WHERE flagged = 0 GROUP BY 1, 2, 3, 4) r
         ON r.unit_id = d.unit_id AND r.counter_id = d.counter_id AND r.service_id = d.service_id AND r.local_date = d.local_date
       WHERE d.n != coalesce(r.n, 0) OR d.sum_squared_totals != coalesce(r.sq, 0)
          OR ${elements.map((e) => `d.s${e} != coalesce(r.s${e}, 0) OR d.c${e}_4 != coalesce(r.c${e}_4, 0)`).join(' OR ')}`,
    ).all();
    expect(mismatches.results).toEqual([]);
    const totals = await env.DB.prepare(
      'SELECT (SELECT sum(n) FROM daily_rollups) AS rolled, (SELECT count(*) FROM responses WHERE flagged = 0) AS raw',
    ).first<{ rolled: number; raw: number }>();
    expect(totals?.rolled).toBe(totals?.raw);
    // Monthly = Σ daily = raw after the entries, their repeats and the undos (which decrement both tables).
    expect(await monthlyMismatches()).toEqual([]);
    const monthly = await env.DB.prepare('SELECT sum(n) AS n FROM monthly_rollups').first<{ n: number }>();
    expect(monthly?.n).toBe(totals?.raw);
    const paper = await env.DB.prepare("SELECT count(*) AS n FROM responses WHERE channel = 'paper'").first<{
      n: number;
    }>();
    expect(paper?.n).toBe(bodies.length - Math.ceil(bodies.length / 3));
  }, 60_000);
});

describe('rollups agree with the raw responses after moderators’ decisions and CSV imports (SPEC §4, §5)', () => {
  it('accepting (also twice at once), rejecting and importing leave every rollup equal to its raw rows', async () => {
    const org = await createOrganisation({ region: 'invarian-moderasi' });
    // Eight phones on one Wi-Fi: the first four count, the other four are held for a moderator (docs/rating.md).
    for (let i = 0; i < 8; i += 1) {
      const body = ratingBody(org.counterCode, {
        answers: Object.fromEntries(ELEMENT_CODES.map((code, e) => [code, ((i + e) % 4) + 1])),
        ...(i % 2 ? { service: 'ktp-el' } : {}),
      });
      expect((await postRating(body, newDevicelessPhone('192.0.9'))).status).toBe(201);
    }
    const held = (
      await env.DB.prepare('SELECT id FROM responses WHERE counter_id = ? AND flagged = 1 ORDER BY submitted_at')
        .bind(org.counterId)
        .all<{ id: string }>()
    ).results.map((row) => row.id);
    expect(held).toHaveLength(4);
    expect(await rawMismatches()).toEqual([]);

    const [twice, once, rejected] = held;
    const decisions = await Promise.all([
      admin('POST', `/regions/invarian-moderasi/responses/${twice}/accept`),
      admin('POST', `/regions/invarian-moderasi/responses/${twice}/accept`),
      admin('POST', `/regions/invarian-moderasi/responses/${once}/accept`),
      admin('POST', `/regions/invarian-moderasi/responses/${rejected}/reject`),
    ]);
    expect(decisions.map((r) => r.status).sort()).toEqual([204, 204, 204, 404]);
    const imported = await admin(
      'POST',
      '/regions/invarian-moderasi/units/disdukcapil/responses/import',
      'date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation\n' +
        '2026-03-01,ktp-el,4,4,4,4,4,4,4,4,4,P,34,SMA,WIRAUSAHA\n2026-03-01,,1,2,3,4,1,2,3,4,1,,,,\n' +
        '2026-03-31,,3,3,3,3,3,3,3,3,3,,,,\n',
    );
    expect(imported.status).toBe(201);

    expect(await rawMismatches()).toEqual([]);
    expect(await monthlyMismatches()).toEqual([]);
    const counted = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM responses WHERE unit_id = ?1 AND flagged = 0) AS raw,
              (SELECT sum(n) FROM daily_rollups WHERE unit_id = ?1) AS daily,
              (SELECT sum(n) FROM monthly_rollups WHERE unit_id = ?1) AS monthly`,
    )
      .bind(org.unitId)
      .first();
    // The four that counted, the two accepted (the double accept once) and the three imported.
    expect(counted).toEqual({ raw: 9, daily: 9, monthly: 9 });
  }, 60_000);
});
