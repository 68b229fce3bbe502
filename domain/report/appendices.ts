/**
 * @module
 * LAMPIRAN of the SKM report: the questionnaire, the recapitulation and the grade conversion table (docs/report.md).
 */
import { ELEMENT_COUNT } from '../aggregate';
import { gradeLabel, roundedNrr } from '../ikm';
import { roundRatio } from '../rounding';
import { EDUCATIONS, ELEMENTS, OCCUPATIONS } from '../survey';
import type { ReportContext } from './context';
import type { ReportChapter, ReportSection, SkmReportInput } from './model';
import { SECTION_HEADINGS } from './model';
import { ELEMENT_QUESTIONS, formatNumber, ikmText, OCCUPATION_LABELS } from './text';

export function appendicesChapter(input: SkmReportInput, context: ReportContext): ReportChapter {
  const { summary, n } = context;
  const questionnaire: ReportSection = {
    heading: SECTION_HEADINGS.questionnaire,
    blocks: [
      {
        kind: 'table',
        caption: 'Pertanyaan unsur pelayanan dan pilihan jawaban (nilai 1–4)',
        columns: [
          { label: 'No', width: 0.06, align: 'right' },
          { label: 'Unsur dan pertanyaan', width: 0.46 },
          { label: 'Pilihan jawaban', width: 0.48 },
        ],
        rows: ELEMENTS.map((element, i) => [
          String(i + 1),
          `${element.code} ${element.name.id}: ${ELEMENT_QUESTIONS[element.code]}`,
          element.labels.id.map((text, s) => `${s + 1} = ${text}`).join('; '),
        ]),
        empty: '',
      },
      { kind: 'paragraph', text: 'Pertanyaan profil responden (semuanya boleh tidak diisi):' },
      {
        kind: 'list',
        items: [
          'Jenis kelamin: Laki-laki; Perempuan.',
          'Umur: dalam tahun (15–100), disajikan dalam kelompok umur.',
          `Pendidikan terakhir: ${EDUCATIONS.join('; ')}.`,
          `Pekerjaan: ${OCCUPATIONS.map((o) => OCCUPATION_LABELS[o] ?? o).join('; ')}.`,
          'Jenis layanan yang diterima; saran atau komentar.',
        ],
      },
    ],
  };
  const recapRows = ELEMENTS.map((element, e) => {
    const counts = input.aggregate.counts[e] ?? [];
    const nrr = roundedNrr(input.aggregate, e);
    return [
      element.code,
      ...[0, 1, 2, 3].map((s) => formatNumber(counts[s] ?? 0)),
      formatNumber(input.aggregate.sums[e] ?? 0),
      nrr === null ? '—' : formatNumber(nrr, 3),
      nrr === null
        ? '—'
        : formatNumber(roundRatio(input.aggregate.sums[e] ?? 0, input.aggregate.n * ELEMENT_COUNT, 3), 3),
    ];
  });
  const recapitulation: ReportSection = {
    heading: SECTION_HEADINGS.recapitulation,
    blocks: [
      {
        kind: 'table',
        caption: 'Jumlah jawaban per nilai, jumlah nilai, NRR dan NRR tertimbang (bobot 1/9) per unsur',
        columns: [
          { label: 'Unsur', width: 0.1 },
          { label: 'Nilai 1', width: 0.11, align: 'right' },
          { label: 'Nilai 2', width: 0.11, align: 'right' },
          { label: 'Nilai 3', width: 0.11, align: 'right' },
          { label: 'Nilai 4', width: 0.11, align: 'right' },
          { label: 'Jumlah nilai', width: 0.14, align: 'right' },
          { label: 'NRR', width: 0.14, align: 'right' },
          { label: 'NRR tertimbang', width: 0.18, align: 'right' },
        ],
        rows: n > 0 ? [...recapRows, ['IKM', '', '', '', '', formatNumber(n), '', `${ikmText(summary.ikm)}`]] : [],
        totalRow: true,
        empty: 'Belum ada responden pada periode ini.',
      },
      {
        kind: 'paragraph',
        text: `Baris IKM: jumlah responden (n) dan IKM = Σ NRR tertimbang × 25 = ${ikmText(summary.ikm)}.`,
      },
    ],
  };
  const conversion: ReportSection = {
    heading: SECTION_HEADINGS.conversion,
    blocks: [
      {
        kind: 'table',
        caption: 'Nilai persepsi, interval IKM, mutu pelayanan dan kinerja unit pelayanan',
        columns: [
          { label: 'Nilai persepsi', width: 0.16, align: 'right' },
          { label: 'Interval NRR', width: 0.22, align: 'right' },
          { label: 'Interval IKM', width: 0.22, align: 'right' },
          { label: 'Mutu pelayanan', width: 0.16 },
          { label: 'Kinerja unit pelayanan', width: 0.24 },
        ],
        rows: [
          ['1', '1,00 – 2,5996', '25,00 – 64,99', 'D', gradeLabel('D')],
          ['2', '2,60 – 3,064', '65,00 – 76,60', 'C', gradeLabel('C')],
          ['3', '3,0644 – 3,532', '76,61 – 88,30', 'B', gradeLabel('B')],
          ['4', '3,5324 – 4,00', '88,31 – 100,00', 'A', gradeLabel('A')],
        ],
        empty: '',
      },
    ],
  };
  return { heading: 'LAMPIRAN', sections: [questionnaire, recapitulation, conversion] };
}
