import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ELEMENT_CODES } from '../../domain/survey';
import { createOrganisation } from '../support/fixtures';
import { newDevice, postRating, ratingBody } from '../support/ratings';

const elements = ELEMENT_CODES.map((code) => code.slice(1));

describe('rollups agree with the raw responses (SPEC §3, README architecture)', () => {
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
    // A burst is one network's (docs/rating.md): each busy counter's eight come from one Wi-Fi, each quiet rating
    // from a network of its own; a repeat comes from the same device as its original.
    const targets = [
      ...quiet.flatMap((org) => Array.from({ length: 4 }, () => ({ org, device: newDevice() }))),
      ...busy.flatMap((org, b) => Array.from({ length: 8 }, () => ({ org, device: newDevice(`192.0.${b + 2}`) }))),
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
    expect([raw?.n, flagged], JSON.stringify(reasons.results)).toEqual([quiet.length * 4, busy.length * 8]);
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
  }, 60_000); // ~100 concurrent submissions: seconds on a loaded CI machine, past vitest's 5 s default.
});
