import { describe, expect, it } from 'vitest';
import { aggregateOf } from '../../domain/aggregate';
import { parsePeriod } from '../../domain/periods';
import { buildSkmReport, type RespondentProfile } from '../../domain/skm-report';
import { skmReportPdf, winAnsi } from '../../worker/report/skm-report-pdf';

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
    });
    const bytes = await skmReportPdf(report, new Date('2026-12-01T00:00:00Z'));
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
  });
});
