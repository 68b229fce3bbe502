import { env, exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { services } from '../../schema';
import { createOrganisation, db, rows } from '../support/fixtures';
import { newDevice, postRating, ratingBody } from '../support/ratings';

describe('POST /api/v1/responses: a valid rating (SPEC §5)', () => {
  it('stores the rating and answers 201 with its id', async () => {
    const org = await createOrganisation();
    const device = newDevice();
    const body = ratingBody(org.counterCode, {
      service: 'ktp-el',
      respondent: { gender: 'P', age: 34, education: 'D4-S1', occupation: 'WIRAUSAHA' },
    });

    const response = await postRating(body, device);

    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { id } = await response.json<{ id: string }>();
    const [stored] = await rows('SELECT * FROM responses WHERE id = ?', id);
    expect(stored).toMatchObject({
      submission_id: body.submissionId,
      region_id: org.regionId,
      unit_id: org.unitId,
      counter_id: org.counterId,
      service_id: org.serviceId,
      channel: 'qr',
      u1: 3,
      u4: 4,
      u8: 2,
      gender: 'P',
      age: 34,
      education: 'D4-S1',
      occupation: 'WIRAUSAHA',
      flagged: 0,
      kiosk_token: null,
    });
    expect(stored?.local_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(stored?.device_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('folds the rating into the day’s rollup in the same batch', async () => {
    const org = await createOrganisation();
    await postRating(ratingBody(org.counterCode, { service: 'ktp-el' }));

    const [rollup] = await rows('SELECT * FROM daily_rollups WHERE counter_id = ?', org.counterId);
    expect(rollup).toMatchObject({ n: 1, service_id: org.serviceId, s1: 3, s3: 2, c3_2: 1, c4_4: 1, c8_1: 0 });
    // (3+3+2+4+3+4+4+2+3)² = 28²
    expect(rollup?.sum_squared_totals).toBe(784);
  });

  it('stores the comment redacted and pending moderation, never the raw text (SPEC §4)', async () => {
    const org = await createOrganisation();
    const raw = 'Petugas ramah.\r\nHubungi saya di 0812-3456-7890 atau budi@contoh.id, NIK 3171012345670001';
    const response = await postRating(ratingBody(org.counterCode, { comment: `  ${raw}  ` }));
    const { id } = await response.json<{ id: string }>();

    const [comment] = await rows<{ body: string; status: string; unit_id: number }>(
      'SELECT * FROM comments WHERE response_id = ?',
      id,
    );
    expect(comment).toMatchObject({ status: 'pending', unit_id: org.unitId });
    expect(comment?.body).toBe('Petugas ramah.\nHubungi saya di [disamarkan] atau [disamarkan], NIK [disamarkan]');
  });

  it('stores a comment without text-direction overrides or invisible characters, so it reads as moderators saw it', async () => {
    const org = await createOrganisation();
    const raw = 'Pelayanan \u202Ekaburuk\u202C sekali \u2066ya\u2069\u200B';
    const { id } = await (await postRating(ratingBody(org.counterCode, { comment: raw }))).json<{ id: string }>();
    const [comment] = await rows<{ body: string }>('SELECT body FROM comments WHERE response_id = ?', id);
    expect(comment?.body).toBe('Pelayanan kaburuk sekali ya');
  });

  it('stores no comment row for an empty or blank comment', async () => {
    const org = await createOrganisation();
    const response = await postRating(ratingBody(org.counterCode, { comment: '   ' }));
    const { id } = await response.json<{ id: string }>();
    expect(await rows('SELECT * FROM comments WHERE response_id = ?', id)).toEqual([]);
  });

  it('keeps no raw IP address or user agent anywhere in the database (SPEC §4)', async () => {
    const org = await createOrganisation();
    const device = { ip: '198.51.100.77', userAgent: 'Mozilla/5.0 (Linux; Android 9; UniquePhone-X1) Chrome/99' };
    expect((await postRating(ratingBody(org.counterCode), device)).status).toBe(201);

    const tables = await rows<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    );
    const everything = JSON.stringify(await Promise.all(tables.map(({ name }) => rows(`SELECT * FROM "${name}"`))));
    expect(everything).not.toContain('198.51.100.77');
    expect(everything).not.toContain('UniquePhone');
  });
});

describe('POST /api/v1/responses: idempotency on submissionId (SPEC §5)', () => {
  it('a repeat with the same submissionId answers 200 with the first id and stores nothing new', async () => {
    const org = await createOrganisation();
    const body = ratingBody(org.counterCode, { comment: 'Cepat sekali' });
    const first = await (await postRating(body)).json<{ id: string }>();

    const repeat = await postRating({ ...body, answers: { ...(body.answers as object), U1: 1 } });

    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(first);
    expect(await rows('SELECT id FROM responses WHERE submission_id = ?', body.submissionId)).toHaveLength(1);
    expect(await rows('SELECT id FROM comments WHERE response_id = ?', first.id)).toHaveLength(1);
    const [rollup] = await rows<{ n: number; s1: number }>(
      'SELECT n, s1 FROM daily_rollups WHERE counter_id = ?',
      org.counterId,
    );
    expect(rollup).toEqual({ n: 1, s1: 3 });
  });

  it('repeats arriving at the same moment store one rating and all answer with its id', async () => {
    const org = await createOrganisation();
    const body = ratingBody(org.counterCode);
    const device = newDevice();

    const answers = await Promise.all(Array.from({ length: 8 }, () => postRating(body, device)));

    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(answers.map(async (r) => (await r.json<{ id: string }>()).id)));
    expect(ids.size).toBe(1);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toHaveLength(1);
    const [rollup] = await rows<{ n: number }>('SELECT n FROM daily_rollups WHERE counter_id = ?', org.counterId);
    expect(rollup?.n).toBe(1);
  });

  it('answers a repeat even after its counter was deactivated', async () => {
    const org = await createOrganisation();
    const body = ratingBody(org.counterCode);
    const first = await (await postRating(body)).json<{ id: string }>();
    await env.DB.prepare('UPDATE counters SET active = 0 WHERE id = ?').bind(org.counterId).run();

    const repeat = await postRating(body);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(first);
  });
});

describe('POST /api/v1/responses: invalid input is a 400 problem with per-field errors (SPEC §5)', () => {
  const answers = { U1: 3, U2: 3, U3: 3, U4: 3, U5: 3, U6: 3, U7: 3, U8: 3, U9: 3 };
  const cases: [string, Record<string, unknown>, string][] = [
    ['a missing element', { answers: { ...answers, U5: undefined } }, 'answers.U5'],
    ['a score of 0', { answers: { ...answers, U1: 0 } }, 'answers.U1'],
    ['a score of 5', { answers: { ...answers, U9: 5 } }, 'answers.U9'],
    ['a fractional score', { answers: { ...answers, U2: 2.5 } }, 'answers.U2'],
    ['a score as text', { answers: { ...answers, U3: '3' } }, 'answers.U3'],
    ['an unknown element', { answers: { ...answers, U10: 3 } }, 'answers'],
    ['no answers at all', { answers: undefined }, 'answers'],
    ['a comment of 1,001 characters', { comment: 'a'.repeat(1001) }, 'comment'],
    ['an age of 14', { respondent: { age: 14 } }, 'respondent.age'],
    ['an age of 101', { respondent: { age: 101 } }, 'respondent.age'],
    ['a fractional age', { respondent: { age: 30.5 } }, 'respondent.age'],
    ['an unknown gender', { respondent: { gender: 'X' } }, 'respondent.gender'],
    ['an unknown education', { respondent: { education: 'S4' } }, 'respondent.education'],
    ['an unknown occupation', { respondent: { occupation: 'ASTRONOT' } }, 'respondent.occupation'],
    ['a submissionId that is no UUID', { submissionId: 'abc' }, 'submissionId'],
    ['a missing submissionId', { submissionId: undefined }, 'submissionId'],
    ['a missing Turnstile token', { turnstileToken: undefined }, 'turnstileToken'],
    ['an empty Turnstile token', { turnstileToken: '' }, 'turnstileToken'],
    ['a malformed counter code', { counter: 'no spaces!' }, 'counter'],
    ['a missing counter', { counter: undefined }, 'counter'],
    ['an unknown field', { rating: 5 }, '(body)'],
  ];

  it.each(cases)('refuses %s', async (_name, override, field) => {
    const org = await createOrganisation();
    const response = await postRating(ratingBody(org.counterCode, override));

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = await response.json<{ status: number; errors: { field: string; detail: string }[] }>();
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.field)).toContain(field);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toEqual([]);
  });

  it('refuses a service the unit does not offer, naming the field', async () => {
    const org = await createOrganisation();
    const other = await createOrganisation();
    await db().insert(services).values({ unitId: other.unitId, slug: 'izin-lain', name: 'Izin lain' });

    const response = await postRating(ratingBody(org.counterCode, { service: 'izin-lain' }));

    expect(response.status).toBe(400);
    expect((await response.json<{ errors: { field: string }[] }>()).errors).toEqual([
      expect.objectContaining({ field: 'service', pointer: '#/service' }),
    ]);
  });

  it('refuses malformed JSON with 400 and a non-JSON body with 415, both problem+json', async () => {
    const org = await createOrganisation();
    const malformed = await postRating('{"counter": ', newDevice());
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const form = await postRating(`counter=${org.counterCode}`, newDevice(), 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(form.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses a body over the size limit with 413 problem+json', async () => {
    const org = await createOrganisation();
    const response = await postRating(ratingBody(org.counterCode, { comment: 'x'.repeat(40_000) }));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('never answers arbitrary input with a 5xx', async () => {
    const org = await createOrganisation();
    const base = ratingBody(org.counterCode);
    const fieldValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc
            .record({ key: fc.constantFrom(...Object.keys(base), 'answers.U1', 'respondent'), value: fieldValue })
            .map(({ key, value }) =>
              JSON.stringify(
                key === 'answers.U1'
                  ? { ...base, submissionId: crypto.randomUUID(), answers: { ...(base.answers as object), U1: value } }
                  : { ...base, submissionId: crypto.randomUUID(), [key]: value },
              ),
            ),
        ),
        async (body) => {
          const response = await postRating(body);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('POST /api/v1/responses: counters (SPEC §1, §5)', () => {
  it('answers 404 for an unknown counter', async () => {
    const response = await postRating(ratingBody('tidak-ada-loket-ini'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers 404 for a deactivated counter and stores nothing', async () => {
    const org = await createOrganisation();
    await env.DB.prepare('UPDATE counters SET active = 0 WHERE id = ?').bind(org.counterId).run();
    const response = await postRating(ratingBody(org.counterCode));
    expect(response.status).toBe(404);
    expect(await rows('SELECT id FROM responses WHERE counter_id = ?', org.counterId)).toEqual([]);
  });
});

describe('OpenAPI (SPEC §5)', () => {
  it('documents POST /api/v1/responses from the validating schema', async () => {
    const doc = await (await exports.default.fetch('https://suara.test/api/v1/openapi.json')).json<{
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { $ref: string } }> } }>>;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> };
    }>();
    const post = doc.paths['/api/v1/responses']?.post;
    expect(post?.requestBody.content['application/json']?.schema.$ref).toBe('#/components/schemas/RatingSubmission');
    const schema = doc.components.schemas.RatingSubmission;
    expect(Object.keys(schema?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'counter',
        'service',
        'answers',
        'comment',
        'respondent',
        'turnstileToken',
        'submissionId',
        'kioskToken',
        'clientId',
      ]),
    );
    expect(schema?.required.sort()).toEqual(['answers', 'counter', 'submissionId', 'turnstileToken']);
  });
});
