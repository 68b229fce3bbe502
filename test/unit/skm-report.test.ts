import { describe, expect, it } from 'vitest';
import { aggregateOf, emptyAggregate } from '../../domain/aggregate';
import { parsePeriod } from '../../domain/periods';
import {
  ageBandCounts,
  buildSkmReport,
  CHAPTER_HEADINGS,
  dateLabel,
  formatNumber,
  percent,
  periodLabel,
  type ReportBlock,
  type ReportFollowUp,
  type RespondentProfile,
  SECTION_HEADINGS,
  type SkmReportInput,
  signaturePlace,
} from '../../domain/skm-report';
import { summarize } from '../../domain/summary';
import { rowsWithSums, SPEC_VECTOR_N, SPEC_VECTOR_SUMS } from './fixtures';

const specVector = aggregateOf(rowsWithSums(SPEC_VECTOR_SUMS, SPEC_VECTOR_N));
const quarter = parsePeriod('2026-Q4')!;

const profile: RespondentProfile = {
  gender: [
    { value: 'L', count: 12 },
    { value: 'P', count: 15 },
    { value: null, count: 2 },
  ],
  age: [
    { value: '19', count: 3 },
    { value: '25', count: 10 },
    { value: '61', count: 6 },
    { value: null, count: 10 },
  ],
  education: [{ value: 'SMA', count: 29 }],
  occupation: [{ value: 'SWASTA', count: 20 }],
  channel: [
    { value: 'qr', count: 25 },
    { value: 'paper', count: 4 },
  ],
};

const action = (overrides: Partial<ReportFollowUp> = {}): ReportFollowUp => ({
  elementCode: 'U3',
  issue: 'Antrean panjang pada pagi hari',
  action: 'Menambah loket pada jam sibuk',
  owner: 'Kepala Seksi Pelayanan',
  dueDate: '2026-12-15',
  status: 'planned',
  evidence: null,
  evidenceUrl: null,
  ...overrides,
});

function input(overrides: Partial<SkmReportInput> = {}): SkmReportInput {
  return {
    region: { name: 'Kota Tanjungpinang' },
    unit: { name: 'Dinas Kependudukan dan Pencatatan Sipil' },
    period: quarter,
    issuedOn: '2027-01-05',
    aggregate: specVector,
    population: 100,
    profile,
    breakdown: [
      { name: 'Penerbitan KTP-el', ...summarize(specVector) },
      { name: 'Akta Kelahiran', ...summarize(emptyAggregate()) },
    ],
    monthly: [
      { month: '2026-10', aggregate: specVector },
      { month: '2026-11', aggregate: emptyAggregate() },
      { month: '2026-12', aggregate: emptyAggregate() },
    ],
    previous: { period: parsePeriod('2026-Q3')!, aggregate: aggregateOf([[3, 3, 3, 3, 3, 3, 3, 3, 3]]) },
    followUp: [action()],
    previousFollowUp: [action({ status: 'done', evidence: 'SOP baru', evidenceUrl: 'https://contoh.go.id/sop' })],
    evidence: { url: 'https://suara.test/bukti/abc.def' },
    yearMonthly: [
      { month: '2026-09', aggregate: specVector },
      { month: '2026-10', aggregate: specVector },
      { month: '2026-11', aggregate: emptyAggregate() },
      { month: '2026-12', aggregate: specVector },
    ],
    head: { name: 'Drs. Budi Santoso, M.Si.', nip: '197001012000031001' },
    ...overrides,
  };
}

/** Every text of a report's blocks, for "does it say …" checks. */
function texts(blocks: readonly ReportBlock[]): string {
  return blocks
    .map((block) => {
      switch (block.kind) {
        case 'paragraph':
          return block.text;
        case 'facts':
          return block.rows.map((row) => row.join(': ')).join('\n');
        case 'list':
          return block.items.join('\n');
        case 'table':
          return [
            block.caption,
            ...block.rows.map((row) => row.join(' | ')),
            block.rows.length ? '' : block.empty,
          ].join('\n');
        case 'evidence':
          return block.url;
        case 'chart':
          return [block.title, ...block.points.map((p) => `${p.label}: ${p.value ?? '—'}`)].join('\n');
        default:
          return [block.placeAndDate, block.title, block.name ?? '', block.nip ?? ''].join('\n');
      }
    })
    .join('\n');
}

function section(report: ReturnType<typeof buildSkmReport>, heading: string) {
  const found = report.chapters.flatMap((c) => c.sections).find((s) => s.heading === heading);
  if (!found) throw new Error(`no section ${heading}`);
  return texts(found.blocks);
}

describe('the SKM report model (PermenPANRB 14/2017 annex, SPEC §3)', () => {
  it('has the template’s chapters in order, and the IKM, grade and n of the SPEC test vector', () => {
    const report = buildSkmReport(input());
    expect(report.chapters.map((c) => c.heading)).toEqual([...CHAPTER_HEADINGS]);
    expect(report.headline).toMatchObject({ responses: 29, ikm: 91.48, grade: 'A' });
    expect(section(report, SECTION_HEADINGS.index)).toContain('Indeks Kepuasan Masyarakat (IKM): 91,48');
    expect(section(report, SECTION_HEADINGS.index)).toContain('Kinerja unit pelayanan: Sangat Baik');
    expect(report.cover).toContainEqual(['Periode', 'Triwulan IV 2026 (1 Oktober 2026 s.d. 31 Desember 2026)']);
  });

  it('reports the Krejcie–Morgan sample against the responses achieved', () => {
    const sample = section(buildSkmReport(input()), SECTION_HEADINGS.sample);
    expect(sample).toContain('Sampel minimal (Krejcie dan Morgan): 80');
    expect(sample).toContain('Jumlah responden diperoleh: 29');
    expect(sample).toContain('Kecukupan sampel: Belum memenuhi');
    expect(section(buildSkmReport(input({ population: null })), SECTION_HEADINGS.sample)).toContain(
      'Populasi penerima layanan dalam periode: Belum ditetapkan',
    );
  });

  it('lists respondents’ characteristics with counts and percentages, ages only in bands', () => {
    const respondents = section(buildSkmReport(input()), SECTION_HEADINGS.respondents);
    expect(respondents).toContain('Jenis kelamin | Laki-laki | 12 | 41,4%');
    expect(respondents).toContain(' | Perempuan | 15 | 51,7%');
    expect(respondents).toContain(' | 60 tahun ke atas | 6 | 20,7%');
    expect(respondents).toContain(' | Pelajar/Mahasiswa | 0 | 0,0%');
    expect(respondents).not.toMatch(/\| 61 \|/);
  });

  it('names the highest NRR elements as strengths and the lowest as weaknesses', () => {
    const analysis = section(buildSkmReport(input()), SECTION_HEADINGS.strengths);
    // SPEC vector: U4 (116) and U9 (115) highest, U3 (100) lowest.
    expect(analysis).toMatch(/Kelebihan \(NRR tertinggi\): U4 Biaya\/Tarif \(NRR 4,000\); U9/);
    expect(analysis).toMatch(/NRR terendah\): U3 Waktu Penyelesaian \(NRR 3,448\)/);
  });

  it('compares the IKM with the previous period and lists every month', () => {
    const trend = section(buildSkmReport(input()), SECTION_HEADINGS.trend);
    expect(trend).toContain('Triwulan III 2026: IKM 75,00');
    expect(trend).toContain('IKM naik 16,48 poin menjadi 91,48');
    expect(trend).toContain('Oktober 2026 | 29 | 91,48 | A (Sangat Baik)');
    expect(trend).toContain('Desember 2026 | 0 | — | —');
    const noHistory = section(
      buildSkmReport(input({ previous: { period: parsePeriod('2026-Q3')!, aggregate: emptyAggregate() } })),
      SECTION_HEADINGS.trend,
    );
    expect(noHistory).toContain('Tidak ada data pada periode sebelumnya');
  });

  it('shows this period’s follow-up plan and the previous period’s with its status and evidence', () => {
    const report = buildSkmReport(input());
    expect(section(report, SECTION_HEADINGS.followUp)).toContain('Menambah loket pada jam sibuk');
    const previous = section(report, SECTION_HEADINGS.previousFollowUp);
    expect(previous).toContain('1 dari 1 rencana tindak lanjut periode Triwulan III 2026 telah selesai');
    expect(previous).toContain('Selesai | SOP baru — https://contoh.go.id/sop');
    const none = buildSkmReport(input({ followUp: [] }));
    expect(section(none, SECTION_HEADINGS.followUp)).toContain('Prioritas perbaikan: U3 Waktu Penyelesaian');
  });

  it('carries the evidence link, and explains its absence without responses', () => {
    const report = buildSkmReport(input());
    expect(section(report, SECTION_HEADINGS.evidence)).toContain('https://suara.test/bukti/abc.def');
    const empty = buildSkmReport(input({ aggregate: emptyAggregate(), evidence: null, monthly: [] }));
    expect(empty.headline.ikm).toBeNull();
    expect(section(empty, SECTION_HEADINGS.evidence)).toContain('belum ada responden');
    expect(section(empty, SECTION_HEADINGS.conclusion)).toContain('IKM belum dapat dihitung');
    expect(section(empty, SECTION_HEADINGS.respondents)).toContain('Belum ada responden pada periode ini.');
  });

  it('a region report breaks the IKM down per unit and names the unit of each action', () => {
    const report = buildSkmReport(
      input({ unit: null, evidence: null, followUp: [action({ unitName: 'Dinas Kesehatan' })] }),
    );
    expect(report.subject).toBe('Kota Tanjungpinang');
    expect(section(report, SECTION_HEADINGS.byUnit)).toContain('Penerbitan KTP-el | 29 | 91,48');
    expect(section(report, SECTION_HEADINGS.followUp)).toContain('Dinas Kesehatan');
  });

  it('annexes the questionnaire with the official answer labels and the recapitulation table', () => {
    const report = buildSkmReport(input());
    const questionnaire = section(report, SECTION_HEADINGS.questionnaire);
    expect(questionnaire).toContain('1 = Tidak ada; 2 = Ada tetapi tidak berfungsi');
    expect(questionnaire).toContain('Pekerjaan: PNS; TNI; POLRI');
    const recap = section(report, SECTION_HEADINGS.recapitulation);
    expect(recap).toContain('U1 | 0 | 0 | 11 | 18 | 105 | 3,621 | 0,402');
    expect(recap).toContain('IKM |  |  |  |  | 29 |  | 91,48');
  });
});

describe('the report’s signature, foreword and charts (docs/report.md)', () => {
  const blocksOf = (report: ReturnType<typeof buildSkmReport>) =>
    report.chapters.flatMap((c) => c.sections.flatMap((s) => s.blocks));

  it('closes BAB V with the head of the unit’s signature, dated the day of issue where the region sits', () => {
    const report = buildSkmReport(input());
    const bab5 = report.chapters.find((c) => c.heading === 'BAB V KESIMPULAN')!;
    expect(bab5.sections.at(-1)?.blocks.at(-1)).toEqual({
      kind: 'signature',
      placeAndDate: 'Tanjungpinang, 5 Januari 2027',
      title: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
      name: 'Drs. Budi Santoso, M.Si.',
      nip: '197001012000031001',
    });
    expect(blocksOf(buildSkmReport(input({ head: { name: null, nip: null } })))).toContainEqual(
      expect.objectContaining({ kind: 'signature', name: null, nip: null }),
    );
    expect(signaturePlace('Kabupaten Bintan')).toBe('Bintan');
    expect(signaturePlace('Provinsi Kepulauan Riau')).toBe('Kepulauan Riau');
  });

  it('has a foreword naming the unit and the period', () => {
    expect(buildSkmReport(input()).foreword.join(' ')).toContain(
      'Dinas Kependudukan dan Pencatatan Sipil, Kota Tanjungpinang pada periode Triwulan IV 2026',
    );
  });

  it('charts the nine NRR and the year’s monthly IKM, a month without responses a gap, never a point', () => {
    const charts = blocksOf(buildSkmReport(input())).filter((b) => b.kind === 'chart');
    expect(charts.map((c) => c.title)).toEqual([
      'Grafik 1. NRR per unsur pelayanan',
      'Grafik 2. IKM per bulan, tahun 2026',
    ]);
    const [bars, trend] = charts;
    expect(bars?.points.map((p) => p.label)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
    expect(bars?.thresholds.map((t) => t.value)).toEqual([2.6, 3.0644, 3.5324]);
    const ikm = summarize(specVector).ikm;
    expect(trend?.points).toEqual([
      { label: 'Sep', value: ikm },
      { label: 'Okt', value: ikm },
      { label: 'Nov', value: null },
      { label: 'Des', value: ikm },
    ]);
    // Without responses there are no element scores to chart.
    const empty = blocksOf(buildSkmReport(input({ aggregate: emptyAggregate() }))).filter((b) => b.kind === 'chart');
    expect(empty.map((c) => c.title)).toEqual(['Grafik 2. IKM per bulan, tahun 2026']);
  });
});

describe('report formatting in Bahasa Indonesia', () => {
  it('labels periods and dates as the template does', () => {
    expect(periodLabel(parsePeriod('2026-11')!)).toBe('November 2026');
    expect(periodLabel(parsePeriod('2026-S1')!)).toBe('Semester I 2026');
    expect(periodLabel(parsePeriod('2026')!)).toBe('Tahun 2026');
    expect(dateLabel('2026-02-28')).toBe('28 Februari 2026');
  });

  it('writes decimal commas, thousands dots and exact percentages', () => {
    expect(formatNumber(12345.6, 2)).toBe('12.345,60');
    expect(percent(1, 3)).toBe('33,3%');
    expect(percent(0, 0)).toBe('0,0%');
  });

  it('bands ages and counts unusable ages as not answered', () => {
    expect(
      ageBandCounts([
        { value: '15', count: 1 },
        { value: '19', count: 2 },
        { value: null, count: 4 },
      ]),
    ).toEqual([
      { value: '<20', count: 3 },
      { value: null, count: 4 },
    ]);
  });
});
