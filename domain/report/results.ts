/**
 * @module
 * BAB III of the SKM report: respondents, NRR per element, the IKM and its breakdown (docs/report.md).
 */
import { gradeLabel, gradeOf, IKM_SCALE } from '../ikm';
import { AGE_BANDS, ageBand, EDUCATIONS, GENDERS, OCCUPATIONS } from '../survey';
import type { ReportContext } from './context';
import type { ReportChapter, ReportSection, SkmReportInput } from './model';
import { type ProfileCount, SECTION_HEADINGS } from './model';
import {
  AGE_BAND_LABELS,
  formatNumber,
  GENDER_LABELS,
  GRADE_FLOORS,
  gradeText,
  ikmText,
  NOT_ANSWERED,
  OCCUPATION_LABELS,
  percent,
} from './text';

/** One profile question's table rows: every category in the questionnaire's order, then "not answered". */
function characteristicRows(
  title: string,
  counts: readonly ProfileCount[],
  categories: readonly string[],
  label: (value: string) => string,
  total: number,
): string[][] {
  const byValue = new Map<string | null, number>();
  for (const { value, count } of counts) byValue.set(value, (byValue.get(value) ?? 0) + count);
  const known = new Set(categories);
  // Values outside the questionnaire (should not exist) are counted as not answered rather than dropped.
  let unanswered = 0;
  for (const [value, count] of byValue) if (value === null || !known.has(value)) unanswered += count;
  const rows = categories.map((value) => {
    const count = byValue.get(value) ?? 0;
    return [title, label(value), formatNumber(count), percent(count, total)];
  });
  rows.push([title, NOT_ANSWERED, formatNumber(unanswered), percent(unanswered, total)]);
  return rows.map((row, i) => (i === 0 ? row : ['', ...row.slice(1)]));
}

/** Ages are banded before anything is shown (SPEC §2): counts per band of the published bands. */
export function ageBandCounts(ages: readonly ProfileCount[]): ProfileCount[] {
  const bands = new Map<string | null, number>();
  for (const { value, count } of ages) {
    const age = value === null ? Number.NaN : Number(value);
    const band = Number.isFinite(age) ? ageBand(age) : null;
    bands.set(band, (bands.get(band) ?? 0) + count);
  }
  return [...bands].map(([value, count]) => ({ value, count }));
}

export function resultsChapter(input: SkmReportInput, context: ReportContext): ReportChapter {
  const { isRegion, summary, n } = context;
  const respondentRows = [
    ...characteristicRows('Jenis kelamin', input.profile.gender, GENDERS, (v) => GENDER_LABELS[v] ?? v, n),
    ...characteristicRows('Umur', ageBandCounts(input.profile.age), AGE_BANDS, (v) => AGE_BAND_LABELS[v] ?? v, n),
    ...characteristicRows('Pendidikan', input.profile.education, EDUCATIONS, (v) => v, n),
    ...characteristicRows('Pekerjaan', input.profile.occupation, OCCUPATIONS, (v) => OCCUPATION_LABELS[v] ?? v, n),
  ];
  const respondents: ReportSection = {
    heading: SECTION_HEADINGS.respondents,
    blocks: [
      {
        kind: 'paragraph',
        text: `Jumlah responden pada periode ini ${formatNumber(n)} orang. Umur hanya disajikan dalam kelompok.`,
      },
      {
        kind: 'table',
        caption: 'Tabel 1. Karakteristik responden',
        columns: [
          { label: 'Karakteristik', width: 0.25 },
          { label: 'Kategori', width: 0.39 },
          { label: 'Jumlah', width: 0.18, align: 'right' },
          { label: 'Persentase', width: 0.18, align: 'right' },
        ],
        rows: n > 0 ? respondentRows : [],
        empty: 'Belum ada responden pada periode ini.',
      },
    ],
  };
  const elementRows = (summary.elements ?? []).map((element) => {
    const converted = element.nrr * IKM_SCALE;
    return [
      element.code,
      element.name,
      formatNumber(element.nrr, 3),
      formatNumber(converted, 2),
      gradeText(gradeOf(converted)),
    ];
  });
  const elements: ReportSection = {
    heading: SECTION_HEADINGS.elements,
    blocks: [
      {
        kind: 'table',
        caption: 'Tabel 2. Nilai rata-rata (NRR) dan mutu per unsur pelayanan',
        columns: [
          { label: 'Kode', width: 0.08 },
          { label: 'Unsur pelayanan', width: 0.42 },
          { label: 'NRR', width: 0.14, align: 'right' },
          { label: 'Nilai konversi (NRR × 25)', width: 0.16, align: 'right' },
          { label: 'Mutu', width: 0.2 },
        ],
        rows: elementRows,
        empty: 'Belum ada responden pada periode ini.',
      },
      ...(summary.elements
        ? [
            {
              kind: 'chart' as const,
              shape: 'bar' as const,
              title: 'Grafik 1. NRR per unsur pelayanan',
              xLabel: 'Unsur pelayanan',
              yLabel: 'NRR',
              min: 1,
              max: 4,
              ticks: [1, 1.5, 2, 2.5, 3, 3.5, 4],
              points: summary.elements.map((element) => ({ label: element.code, value: element.nrr })),
              thresholds: GRADE_FLOORS.map((f) => ({
                value: Number(f.nrr.replace(',', '.')),
                label: `${f.grade} ≥ ${f.nrr}`,
              })),
              note: 'Garis putus-putus: batas NRR mutu C, B dan A (Lampiran 3).',
            },
          ]
        : []),
    ],
  };
  const index: ReportSection = {
    heading: SECTION_HEADINGS.index,
    blocks: [
      {
        kind: 'facts',
        rows: [
          ['Indeks Kepuasan Masyarakat (IKM)', ikmText(summary.ikm)],
          [
            'Selang kepercayaan 95%',
            summary.ikmLow === null || summary.ikmHigh === null
              ? '—'
              : `${formatNumber(summary.ikmLow, 2)} – ${formatNumber(summary.ikmHigh, 2)}`,
          ],
          ['Mutu pelayanan', summary.grade ?? '—'],
          ['Kinerja unit pelayanan', summary.grade === null ? '—' : gradeLabel(summary.grade)],
          ['Jumlah responden (n)', formatNumber(n)],
        ],
      },
      {
        kind: 'paragraph',
        text: 'IKM = (rata-rata sembilan NRR) × 25, dengan bobot tiap unsur tepat 1/9, pada skala 25–100. NRR dibulatkan tiga desimal dan IKM dua desimal hanya untuk penyajian; mutu ditentukan dari IKM yang telah dibulatkan (Lampiran 3).',
      },
    ],
  };
  const breakdownRows = input.breakdown.map((s) => [
    s.name,
    formatNumber(s.responses),
    ikmText(s.ikm),
    s.ikmLow === null || s.ikmHigh === null ? '—' : `${formatNumber(s.ikmLow, 2)} – ${formatNumber(s.ikmHigh, 2)}`,
    gradeText(s.grade),
  ]);
  const breakdown: ReportSection = {
    heading: isRegion ? SECTION_HEADINGS.byUnit : SECTION_HEADINGS.byService,
    blocks: [
      {
        kind: 'table',
        caption: isRegion ? 'Tabel 3. IKM per unit layanan' : 'Tabel 3. IKM per jenis layanan',
        columns: [
          { label: isRegion ? 'Unit layanan' : 'Jenis layanan', width: 0.38 },
          { label: 'Responden', width: 0.12, align: 'right' },
          { label: 'IKM', width: 0.12, align: 'right' },
          { label: 'Selang 95%', width: 0.18, align: 'right' },
          { label: 'Mutu', width: 0.2 },
        ],
        rows: breakdownRows,
        empty: isRegion ? 'Belum ada unit layanan.' : 'Unit ini belum memiliki jenis layanan.',
      },
    ],
  };

  return { heading: 'BAB III HASIL PENGOLAHAN DATA SKM', sections: [respondents, elements, index, breakdown] };
}
