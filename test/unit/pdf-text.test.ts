import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { parsePeriod } from '../../domain/periods';
import {
  buildSkmReport,
  CHAPTER_HEADINGS,
  CONTENTS_HEADING,
  FOREWORD_HEADING,
  type ReportFollowUp,
  type RespondentProfile,
  SECTION_HEADINGS,
  type SkmReportInput,
} from '../../domain/skm-report';
import { summarize } from '../../domain/summary';
import { skmReportPdf, winAnsi } from '../../worker/services/report/skm-report-pdf';
import { type PdfLine, type PdfPage, readPdf } from '../support/pdf-text';

/** Latin-1 printable characters plus the WinAnsi extras the report uses (en and em dash, curly quotes, bullet). */
const WIN_ANSI = new Set([
  ...Array.from({ length: 95 }, (_, i) => 32 + i),
  ...Array.from({ length: 96 }, (_, i) => 160 + i),
  0x2013,
  0x2014,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2026,
]);

const none: RespondentProfile = { gender: [], age: [], education: [], occupation: [], channel: [] };

describe('PDF text in the standard fonts’ WinAnsi encoding (docs/report.md)', () => {
  it('transliterates symbols, drops accents and replaces what cannot be written', () => {
    expect(winAnsi('IKM ≥ 88,31 → A; χ² − 1', WIN_ANSI)).toBe('IKM >= 88,31 -> A; chi² - 1');
    expect(winAnsi('Kantor Camat Ăn Țara', WIN_ANSI)).toBe('Kantor Camat An Tara');
    expect(winAnsi('Dinas “Kesehatan” – 日本', WIN_ANSI)).toBe('Dinas “Kesehatan” – ??');
    expect(winAnsi('baris\nbaru', WIN_ANSI)).toBe('baris baru');
  });

  it('renders a report whose names hold characters outside WinAnsi instead of failing', async () => {
    const report = buildSkmReport({
      region: { name: 'Kabupaten Uji ≥ 日本' },
      unit: { name: 'Dinas Pariwisata — Café Ț' },
      period: parsePeriod('2026-11')!,
      issuedOn: '2026-12-01',
      aggregate: aggregateOf([[4, 4, 4, 4, 4, 4, 4, 4, 4]]),
      population: null,
      profile: none,
      breakdown: [],
      monthly: [],
      previous: { period: parsePeriod('2026-10')!, aggregate: aggregateOf([]) },
      followUp: [],
      previousFollowUp: [],
      evidence: { url: 'https://suara.test/bukti/abc.def' },
      yearMonthly: [],
      head: null,
    });
    const bytes = await skmReportPdf(report, new Date('2026-12-01T00:00:00Z'));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
  });
});

const GOOD = aggregateOf(Array.from({ length: 30 }, (_, i) => [4, 3, i % 2 ? 2 : 3, 4, 3, 3, 4, 2, 3]));
const planned = (i: number): ReportFollowUp => ({
  elementCode: 'U3',
  issue: `Antrean panjang pada pagi hari di loket ${i + 1}`,
  action: 'Menambah loket pada jam sibuk dan menata ulang ruang tunggu',
  owner: 'Kepala Seksi Pelayanan',
  dueDate: '2026-12-15',
  status: 'planned',
  evidence: null,
  evidenceUrl: null,
});

function reportWith(followUps: number, head: SkmReportInput['head']) {
  return buildSkmReport({
    region: { name: 'Kota Tanjungpinang' },
    unit: { name: 'Dinas Kependudukan dan Pencatatan Sipil' },
    period: parsePeriod('2026-Q3')!,
    issuedOn: '2026-12-03',
    aggregate: GOOD,
    population: 1000,
    profile: { ...none, channel: [{ value: 'qr', count: 30 }] },
    breakdown: [{ name: 'Penerbitan KTP-el', ...summarize(GOOD) }],
    monthly: ['07', '08', '09'].map((m) => ({ month: `2026-${m}`, aggregate: m === '08' ? aggregateOf([]) : GOOD })),
    previous: { period: parsePeriod('2026-Q2')!, aggregate: GOOD },
    followUp: Array.from({ length: followUps }, (_, i) => planned(i)),
    previousFollowUp: [{ ...planned(0), status: 'done', evidence: 'SOP baru' }],
    evidence: { url: 'https://suara.test/bukti/abc.def' },
    // May and August without responses: gaps in the trend.
    yearMonthly: ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((m) => ({
      month: `2026-${m}`,
      aggregate: m === '05' || m === '08' ? aggregateOf([]) : GOOD,
    })),
    head,
  });
}

const HEAD = { name: 'Drs. Budi Santoso, M.Si.', nip: '197001012000031001' };
/** The running header and footer, drawn on every page outside the text area. */
const isFurniture = (line: PdfLine) => line.y > 790 || line.y < 40;
const body = (page: PdfPage) => page.lines.filter((line) => !isFurniture(line));
const headings = new Set<string>([...CHAPTER_HEADINGS, ...Object.values(SECTION_HEADINGS)]);

async function pdfOf(followUps: number, head: SkmReportInput['head'] = HEAD) {
  return readPdf(await skmReportPdf(reportWith(followUps, head), new Date('2026-12-03T00:00:00Z')));
}

describe('the SKM report PDF read back (docs/report.md; PermenPANRB 14/2017 annex)', () => {
  it('has a foreword and a contents page whose page numbers are where each heading is printed', async () => {
    const pages = await pdfOf(6);
    expect(body(pages[1]!).map((l) => l.text)[0]).toBe(FOREWORD_HEADING);
    const contentsAt = pages.findIndex((page) => body(page)[0]?.text === CONTENTS_HEADING);
    expect(contentsAt).toBe(2);
    const entries = body(pages[contentsAt]!)
      .slice(1)
      .map((line) => /^(.*?)[ .]+ (\d+)$/.exec(line.text))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ heading: m[1]!, page: Number(m[2]) }));
    expect(entries.map((e) => e.heading)).toEqual([
      FOREWORD_HEADING,
      ...reportWith(6, HEAD).chapters.flatMap((c) => [c.heading, ...c.sections.map((s) => s.heading)]),
    ]);
    for (const { heading, page } of entries) {
      const printedOn = pages.findIndex(
        (p, i) => i !== contentsAt && body(p).some((l) => l.text === heading && l.size >= 11.5),
      );
      expect(printedOn + 1, heading).toBe(page);
      expect(pages[page - 1]!.lines.at(-1)?.text).toContain(`Halaman ${page} dari ${pages.length}`);
    }
  });

  it('never ends a page with a heading, however long the follow-up tables run', async () => {
    for (let followUps = 0; followUps <= 16; followUps += 1) {
      const pages = await pdfOf(followUps);
      pages.forEach((page, i) => {
        const last = body(page).at(-1);
        expect(headings.has(last?.text ?? ''), `${followUps} actions, page ${i + 1} ends with "${last?.text}"`).toBe(
          false,
        );
      });
    }
    // Seventeen reports laid out and read back.
  }, 60_000);

  it('wraps only between words: "Direncanakan" and the other table words stay whole', async () => {
    const pages = await pdfOf(4);
    const words = new Set(pages.flatMap((page) => page.lines.flatMap((line) => line.text.split(' '))));
    for (const word of ['Direncanakan', 'Penyelesaian', 'Penanggung', 'Pelayanan', 'Desember', 'Kependudukan']) {
      expect(words, word).toContain(word);
    }
    // Every word of the follow-up table is printed whole.
    for (const text of [planned(0).issue, planned(0).action, planned(0).owner]) {
      for (const word of text.split(' ')) expect(words, word).toContain(word);
    }
  });

  it('closes BAB V with the signature block: place, Indonesian date, head of the unit and NIP', async () => {
    const pages = await pdfOf(2);
    const page = pages.find((p) => p.lines.some((l) => l.text === 'BAB V KESIMPULAN'))!;
    const text = body(page)
      .map((l) => l.text)
      .join('\n');
    expect(text).toMatch(
      /Tanjungpinang, 3 Desember 2026\nKepala Dinas Kependudukan dan Pencatatan\s+Sipil\nDrs\. Budi Santoso, M\.Si\.\nNIP 197001012000031001$/,
    );
  });

  it('leaves the name and NIP blank to fill in by hand when the head is not set', async () => {
    const pages = await pdfOf(2, { name: null, nip: null });
    const page = pages.find((p) => p.lines.some((l) => l.text === 'BAB V KESIMPULAN'))!;
    const lines = body(page).map((l) => l.text);
    expect(lines.slice(-2)).toEqual([expect.stringMatching(/^\.{20,}$/), expect.stringMatching(/^NIP \.{20,}$/)]);
  });

  it('draws the nine elements and the IKM trend as vector charts, months without responses left as gaps', async () => {
    const pages = await pdfOf(2);
    const bars = pages.find((p) => p.lines.some((l) => l.text === 'Grafik 1. NRR per unsur pelayanan'))!;
    const barText = bars.lines.map((l) => l.text).join('\n');
    expect(barText).toContain('U1 U2 U3 U4 U5 U6 U7 U8 U9');
    expect(barText).toContain('Unsur pelayanan');
    expect(barText).toMatch(/A >= 3,5324/);
    expect(bars.dashed).toBeGreaterThanOrEqual(3);
    const trend = pages.find((p) => p.lines.some((l) => l.text === 'Grafik 2. IKM per bulan, tahun 2026'))!;
    const trendText = trend.lines.map((l) => l.text).join('\n');
    expect(trendText).toContain('Jan Feb Mar Apr Mei Jun Jul Agu Sep');
    expect(trendText).toMatch(/B >= 76,61/);
    // Seven months with responses carry a value label (the small print over each point); May and August none.
    const values = trend.lines.filter((l) => l.size === 6.5).flatMap((l) => l.text.split(' '));
    expect(values).toEqual(Array(7).fill('79,17'));
    expect(trend.dashed).toBeGreaterThanOrEqual(3);
    expect(trend.paths).toBeGreaterThan(20);
  });
});
