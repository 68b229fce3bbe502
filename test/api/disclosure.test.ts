/**
 * Complementary suppression across every published figure (docs/spec.md §4 "Complementary suppression"): through
 * the Worker against real D1, every public figure of a unit for a year (scores API for each month, quarter,
 * semester and the year, the region's pooled figure, the services API, `scores.csv`, `service-scores.csv`) is
 * gathered, and exact linear algebra checks that no combination of them gives back a withheld cell's answers.
 */
import { env } from 'cloudflare:workers';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { monthsOf, parsePeriod } from '../../domain/periods';
import { services } from '../../schema';
import { ScoreSchema, UnitServiceScoresSchema } from '../../worker/contract/scores';
import { readConfig } from '../../worker/env';
import { disclosurePlan } from '../../worker/services/indicators/disclosure';
import { regionSummary } from '../../worker/services/indicators/scores';
import { issueEvidence } from '../../worker/services/report/evidence';
import { createOrganisation, db } from '../support/fixtures';
import { get } from '../support/http';
import { fromOrigin } from '../support/origin';
import { insertRatings, type RatingRow } from '../support/ratings';

const YEAR = '2025';
/** Every period of the year: 12 months, 4 quarters, 2 semesters and the year. */
const PERIODS = [
  ...Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`),
  ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`),
  `${YEAR}-S1`,
  `${YEAR}-S2`,
  YEAR,
];
const monthsOfPeriod = (id: string) => monthsOf(parsePeriod(id)!);

/** `count` ratings in `month` with answers that differ by month and row, so no two cells look alike. */
function ratings(count: number, month: string, serviceId: number | null, salt: number): RatingRow[] {
  return Array.from({ length: count }, (_, r) => ({
    date: `${month}-${String(1 + (r % 28)).padStart(2, '0')}`,
    scores: Array.from({ length: 9 }, (_, e) => 1 + ((r + e * salt + Number(month.slice(5))) % 4)),
    serviceId,
  }));
}

/** The rank of a matrix of small integers, exactly (fraction-free elimination over BigInt). */
function rank(matrix: readonly (readonly number[])[]): number {
  const rows = matrix.map((row) => row.map(BigInt));
  const columns = rows[0]?.length ?? 0;
  let r = 0;
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  for (let c = 0; c < columns && r < rows.length; c += 1) {
    const p = rows.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const pivot = rows[r]!;
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      if (i === r || row[c] === 0n) continue;
      const factor = row[c]!;
      const next = row.map((v, j) => v * pivot[c]! - factor * pivot[j]!);
      const g = next.reduce(gcd, 0n) || 1n;
      rows[i] = next.map((v) => v / g);
    }
    r += 1;
  }
  return r;
}

/** Whether `target` is a linear combination of `published` (all over the same nonempty cells). */
const inSpan = (published: readonly number[][], target: number[]) => rank(published) === rank([...published, target]);

interface Cell {
  service: number;
  month: string;
}

/** A figure over some of the cells, as the indicator vector of the cells it sums. */
const indicator = (cells: readonly Cell[], holds: (cell: Cell) => boolean) =>
  cells.map((cell) => (holds(cell) ? 1 : 0));

async function unitScores(region: string, unit: string) {
  const scores = new Map<string, { suppressed: boolean; responses: number }>();
  for (const period of PERIODS) {
    const response = await get(`/api/v1/regions/${region}/units/${unit}/scores?period=${period}`);
    scores.set(period, ScoreSchema.parse(await response.json()));
  }
  return scores;
}

async function csvRows(path: string): Promise<Record<string, string>[]> {
  const text = await (await get(path)).text();
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

/** The issue's semester pattern, month → responses: Jul 4, Aug 20, Sep 20, Oct 6, Nov 5, Dec 30. */
const SEMESTER_PATTERN: Record<string, number> = { '07': 4, '08': 20, '09': 20, '10': 6, '11': 5, '12': 30 };

/**
 * A unit with two services: ktp-el has the semester pattern of the issue (July 4, Aug 20, Sep 20, Oct 6, Nov 5,
 * Dec 30), akta 25 a month, so every unit-month is large on its own; `extra` ratings go in the same batch.
 */
async function twoServicesWithTheSemesterPattern(region: string, extra: Parameters<typeof insertRatings>[1] = []) {
  const org = await createOrganisation({ region });
  const other = await db()
    .insert(services)
    .values({ unitId: org.unitId, slug: 'akta', name: 'Akta kelahiran' })
    .returning()
    .get();
  await insertRatings(org, [
    ...Object.entries(SEMESTER_PATTERN).flatMap(([m, n], i) => ratings(n, `${YEAR}-${m}`, org.serviceId, i + 2)),
    ...Object.keys(SEMESTER_PATTERN).flatMap((m, i) => ratings(25, `${YEAR}-${m}`, other.id, i + 5)),
    ...extra,
  ]);
  return { org, other };
}

describe('no combination of published figures gives back a withheld one (SPEC §4 complementary suppression)', () => {
  it('a semester minus its quarter minus two months does not give back a suppressed month', async () => {
    const org = await createOrganisation({ region: 'selisih-semester' });
    // Once, S2 − Q4 − Aug − Sep gave July's 4 responses exactly.
    await insertRatings(
      org,
      Object.entries(SEMESTER_PATTERN).flatMap(([m, n], i) => ratings(n, `${YEAR}-${m}`, null, i + 2)),
    );

    const scores = await unitScores('selisih-semester', 'disdukcapil');
    const july = scores.get(`${YEAR}-07`)!;
    expect(july).toMatchObject({ responses: 4, suppressed: true });
    // The attack of the finding: at least one of its four figures is now withheld.
    expect(
      [`${YEAR}-S2`, `${YEAR}-Q4`, `${YEAR}-08`, `${YEAR}-09`].some((period) => scores.get(period)!.suppressed),
    ).toBe(true);

    // Every published figure: the unit's periods, the region's pooled periods (one unit: the same sums) and the
    // monthly rows of scores.csv, over the nonempty months (counts are public, so empty months are known).
    const cells: Cell[] = Object.keys(SEMESTER_PATTERN).map((m) => ({ service: 0, month: `${YEAR}-${m}` }));
    const published: number[][] = [];
    const region = { id: org.regionId } as Parameters<typeof regionSummary>[1];
    for (const period of PERIODS) {
      const months = new Set(monthsOfPeriod(period));
      const vector = indicator(cells, (cell) => months.has(cell.month));
      if (!scores.get(period)!.suppressed) published.push(vector);
      if (!(await regionSummary(env.DB, region, parsePeriod(period)!)).suppressed) published.push(vector);
    }
    for (const row of await csvRows('/data/scores.csv?region=selisih-semester')) {
      if (row.ikm !== '') published.push(indicator(cells, (cell) => cell.month === row.period));
    }
    expect(published.length).toBeGreaterThan(0);
    // No suppressed nonempty figure of the unit is in the span of the published ones; July first of all.
    expect(
      inSpan(
        published,
        indicator(cells, (cell) => cell.month === `${YEAR}-07`),
      ),
    ).toBe(false);
    for (const period of PERIODS) {
      const score = scores.get(period)!;
      if (!score.suppressed || score.responses === 0) continue;
      const months = new Set(monthsOfPeriod(period));
      expect(
        inSpan(
          published,
          indicator(cells, (cell) => months.has(cell.month)),
        ),
        period,
      ).toBe(false);
    }
  });

  it('per service: the services API and service-scores.csv do not give back a suppressed service-month', async () => {
    const { org, other } = await twoServicesWithTheSemesterPattern('selisih-layanan');
    const ids = [org.serviceId, other.id];
    const cells: Cell[] = ids.flatMap((service) =>
      Object.keys(SEMESTER_PATTERN).map((m) => ({ service, month: `${YEAR}-${m}` })),
    );
    const slugOf = new Map([
      ['ktp-el', org.serviceId],
      ['akta', other.id],
    ]);

    const published: number[][] = [];
    const withheld: number[][] = [];
    const servicesOf = new Map<string, { slug: string | null; suppressed: boolean; responses: number }[]>();
    for (const period of PERIODS) {
      const months = new Set(monthsOfPeriod(period));
      const unit = ScoreSchema.parse(
        await (await get(`/api/v1/regions/selisih-layanan/units/disdukcapil/scores?period=${period}`)).json(),
      );
      // An empty figure (no responses) holds nothing to protect.
      if (unit.responses > 0) {
        (unit.suppressed ? withheld : published).push(indicator(cells, (cell) => months.has(cell.month)));
      }
      const body = UnitServiceScoresSchema.parse(
        await (await get(`/api/v1/regions/selisih-layanan/units/disdukcapil/services?period=${period}`)).json(),
      );
      servicesOf.set(
        period,
        body.services.map((s) => ({ slug: s.service?.slug ?? null, suppressed: s.suppressed, responses: s.responses })),
      );
      for (const score of body.services) {
        const service = slugOf.get(score.service?.slug ?? '');
        if (score.responses === 0 || service === undefined) continue;
        const vector = indicator(cells, (cell) => cell.service === service && months.has(cell.month));
        (score.suppressed ? withheld : published).push(vector);
      }
    }
    for (const row of await csvRows('/data/service-scores.csv?region=selisih-layanan')) {
      const service = slugOf.get(row.service ?? '');
      if (row.ikm === '' || service === undefined) continue;
      published.push(indicator(cells, (cell) => cell.service === service && cell.month === row.period));
    }
    for (const row of await csvRows('/data/scores.csv?region=selisih-layanan')) {
      if (row.ikm !== '') published.push(indicator(cells, (cell) => cell.month === row.period));
    }

    // The attack of the finding on ktp-el: S2 − Q4 − Aug − Sep of the service once gave its July back.
    const ktp = (period: string) => servicesOf.get(period)!.find((s) => s.slug === 'ktp-el')!;
    expect(ktp(`${YEAR}-07`)).toMatchObject({ responses: 4, suppressed: true });
    expect([`${YEAR}-S2`, `${YEAR}-Q4`, `${YEAR}-08`, `${YEAR}-09`].some((p) => ktp(p).suppressed)).toBe(true);
    const julyKtp = indicator(cells, (cell) => cell.service === org.serviceId && cell.month === `${YEAR}-07`);
    expect(inSpan(published, julyKtp)).toBe(false);
    expect(withheld.length).toBeGreaterThan(0);
    for (const vector of withheld) expect(inSpan(published, vector)).toBe(false);
  });

  it('microdata: no rows for a unit-month whose figure is withheld, no service on a withheld service-month', async () => {
    await twoServicesWithTheSemesterPattern('selisih-mikro', [
      // A unit-month of 12 (published on its own) whose figure the plan may still withhold.
      ...ratings(12, `${YEAR}-03`, null, 3),
    ]);

    const rows = await csvRows('/data/responses.csv?region=selisih-mikro');
    expect(rows.length).toBeGreaterThan(0);
    const months = [...new Set(rows.map((row) => row.month!))];
    for (const month of months) {
      const unit = ScoreSchema.parse(
        await (await get(`/api/v1/regions/selisih-mikro/units/disdukcapil/scores?period=${month}`)).json(),
      );
      expect(unit.suppressed, month).toBe(false);
      const body = UnitServiceScoresSchema.parse(
        await (await get(`/api/v1/regions/selisih-mikro/units/disdukcapil/services?period=${month}`)).json(),
      );
      for (const score of body.services) {
        if (!score.service || !score.suppressed) continue;
        // A withheld service-month: rows of the month never name it (they would give its figure back).
        const named = rows.filter((row) => row.month === month && row.service === score.service!.slug);
        expect(named, `${month} ${score.service.slug}`).toHaveLength(0);
      }
    }
    // July's ktp-el cell holds 4 responses: July's rows (25 + 4) never name ktp-el.
    const july = rows.filter((row) => row.month === `${YEAR}-07`);
    expect(july.filter((row) => row.service === 'ktp-el')).toHaveLength(0);
    // And every month of rows is a published figure: the rows of a withheld month would give it back.
    for (const period of PERIODS.filter((p) => p.length === 7 && !months.includes(p))) {
      expect(rows.filter((row) => row.month === period)).toHaveLength(0);
    }
  });

  it('microdata: a unit-month of 20 responses the plan withholds has no rows', async () => {
    const org = await createOrganisation({ region: 'selisih-mikro-bulan' });
    // Quarter − February would give January's 5 back: the plan withholds February, and so must the microdata.
    await insertRatings(org, [...ratings(5, `${YEAR}-01`, null, 2), ...ratings(20, `${YEAR}-02`, null, 3)]);
    const february = ScoreSchema.parse(
      await (await get(`/api/v1/regions/selisih-mikro-bulan/units/disdukcapil/scores?period=${YEAR}-02`)).json(),
    );
    expect(february).toMatchObject({ responses: 20, suppressed: true });
    const rows = await csvRows('/data/responses.csv?region=selisih-mikro-bulan');
    expect(rows.filter((row) => row.month === `${YEAR}-02`)).toHaveLength(0);
  });

  it('a month’s file changes its ETag when another month of its year changes (its plan may change with it)', async () => {
    const org = await createOrganisation({ region: 'selisih-etag' });
    await insertRatings(org, ratings(20, `${YEAR}-08`, null, 2));
    const path = `/data/scores.csv?region=selisih-etag&from=${YEAR}-08&to=${YEAR}-08`;
    const first = await get(path);
    await first.body?.cancel();
    const etag = first.headers.get('etag')!;

    // December is outside the file's months, but the plan of August is the plan of the whole year.
    await insertRatings(org, ratings(4, `${YEAR}-12`, null, 3));
    const again = await fromOrigin(path, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).not.toBe(etag);
    await again.body?.cancel();
  });

  it('the public evidence page shows today’s figure only when the plan publishes it', async () => {
    const org = await createOrganisation({ region: 'selisih-bukti' });
    // January 5 and February 20: quarter − February would give January back, so the plan withholds February.
    await insertRatings(org, [...ratings(5, `${YEAR}-01`, null, 2), ...ratings(20, `${YEAR}-02`, null, 3)]);
    const february = ScoreSchema.parse(
      await (await get(`/api/v1/regions/selisih-bukti/units/disdukcapil/scores?period=${YEAR}-02`)).json(),
    );
    expect(february).toMatchObject({ responses: 20, suppressed: true });

    // A claim the agency signed earlier (other figures), so the page compares it with today's.
    const issued = await issueEvidence(
      readConfig(env).evidenceSigningKey,
      'https://suara.test',
      { slug: 'selisih-bukti' },
      { slug: 'disdukcapil' },
      parsePeriod(`${YEAR}-02`)!,
      { responses: 12, ikm: 80, ikmLow: 75, ikmHigh: 85, grade: 'B', elements: null, distribution: null },
      `${YEAR}-03-01`,
    );
    const html = await (await get(`/bukti/${issued!.token}`)).text();
    expect(html).toContain('Berubah sejak diterbitkan');
    expect(html).not.toContain('Hari ini: IKM');
  });

  it('keeps a region-year’s plan while its counts are unchanged, and computes a new one when they change', async () => {
    const org = await createOrganisation({ region: 'selisih-memo' });
    await insertRatings(org, ratings(20, `${YEAR}-05`, null, 2));
    const first = await disclosurePlan(env.DB, org.regionId, YEAR);
    expect(await disclosurePlan(env.DB, org.regionId, YEAR)).toBe(first);
    await insertRatings(org, ratings(1, `${YEAR}-06`, null, 3));
    expect(await disclosurePlan(env.DB, org.regionId, YEAR)).not.toBe(first);
  });
});
