/**
 * @module
 * BAB IV of the SKM report: strengths and weaknesses, the trend, and the follow-up plans (docs/report.md).
 */

import { monthPeriod } from '../periods';
import { roundRatio } from '../rounding';
import { summarize } from '../summary';
import type { ReportContext } from './context';
import { elementList, STRENGTH_COUNT } from './context';
import type { ReportBlock, ReportChapter, ReportSection, SkmReportInput } from './model';
import { type ReportColumn, type ReportFollowUp, SECTION_HEADINGS } from './model';
import {
  dateLabel,
  elementLabel,
  formatNumber,
  GRADE_FLOORS,
  gradeText,
  ikmText,
  MONTHS_SHORT_ID,
  periodLabel,
  STATUS_LABELS,
} from './text';

function followUpRows(actions: readonly ReportFollowUp[], withUnit: boolean, withEvidence: boolean): string[][] {
  return actions.map((action, i) => [
    String(i + 1),
    ...(withUnit ? [action.unitName ?? '—'] : []),
    elementLabel(action.elementCode),
    action.issue,
    action.action,
    action.owner,
    dateLabel(action.dueDate),
    STATUS_LABELS[action.status],
    ...(withEvidence
      ? [[action.evidence, action.evidenceUrl].filter((part): part is string => !!part).join(' — ') || '—']
      : []),
  ]);
}

function followUpColumns(withUnit: boolean, withEvidence: boolean): ReportColumn[] {
  const unit: ReportColumn[] = withUnit ? [{ label: 'Unit', width: 0.12 }] : [];
  const evidence: ReportColumn[] = withEvidence ? [{ label: 'Bukti', width: 0.14 }] : [];
  // The free-text columns share what the fixed columns leave.
  const spare = 1 - 0.04 - 0.13 - 0.1 - 0.14 - 0.1 - (withUnit ? 0.12 : 0) - (withEvidence ? 0.14 : 0);
  return [
    { label: 'No', width: 0.04, align: 'right' },
    ...unit,
    { label: 'Unsur', width: 0.13 },
    { label: 'Permasalahan', width: spare / 2 },
    { label: 'Rencana tindak lanjut', width: spare / 2 },
    { label: 'Penanggung jawab', width: 0.14 },
    { label: 'Target waktu', width: 0.1 },
    { label: 'Status', width: 0.1 },
    ...evidence,
  ];
}

export function analysisChapter(input: SkmReportInput, context: ReportContext): ReportChapter {
  const { isRegion, label, summary, ranked, strengths, weaknesses } = context;
  const strengthsSection: ReportSection = {
    heading: SECTION_HEADINGS.strengths,
    blocks:
      ranked.length === 0
        ? [{ kind: 'paragraph', text: 'Belum ada responden pada periode ini, sehingga unsur belum dapat dianalisis.' }]
        : [
            { kind: 'paragraph', text: `Kelebihan (NRR tertinggi): ${elementList(strengths)}.` },
            {
              kind: 'paragraph',
              text: `Kekurangan dan prioritas perbaikan (NRR terendah): ${elementList(weaknesses)}.`,
            },
            {
              kind: 'table',
              caption: 'Tabel 4. Unsur pelayanan menurut NRR, dari tertinggi',
              columns: [
                { label: 'Peringkat', width: 0.12, align: 'right' },
                { label: 'Unsur pelayanan', width: 0.48 },
                { label: 'NRR', width: 0.15, align: 'right' },
                { label: 'Keterangan', width: 0.25 },
              ],
              rows: ranked.map((e, i) => [
                String(i + 1),
                `${e.code} ${e.name}`,
                formatNumber(e.nrr, 3),
                i < STRENGTH_COUNT ? 'Kelebihan' : i >= ranked.length - STRENGTH_COUNT ? 'Kekurangan' : '',
              ]),
              empty: '',
            },
          ],
  };
  const previousSummary = summarize(input.previous.aggregate);
  const previousLabel = periodLabel(input.previous.period);
  let comparison: string;
  if (summary.ikm === null) comparison = 'Belum ada IKM pada periode ini untuk dibandingkan.';
  else if (previousSummary.ikm === null)
    comparison = `Tidak ada data pada periode sebelumnya (${previousLabel}) untuk dibandingkan.`;
  else {
    const change = roundRatio(Math.round(summary.ikm * 100) - Math.round(previousSummary.ikm * 100), 100, 2);
    const movement =
      change === 0
        ? `IKM tetap ${formatNumber(summary.ikm, 2)}`
        : `IKM ${change > 0 ? 'naik' : 'turun'} ${formatNumber(Math.abs(change), 2)} poin menjadi ${formatNumber(summary.ikm, 2)}`;
    comparison = `Dibandingkan periode sebelumnya (${previousLabel}: IKM ${formatNumber(previousSummary.ikm, 2)}, mutu ${gradeText(previousSummary.grade)}, n = ${formatNumber(previousSummary.responses)}), ${movement}.`;
  }
  const year = input.period.start.slice(0, 4);
  const trendChart: ReportBlock = {
    kind: 'chart',
    shape: 'line',
    title: `Grafik 2. IKM per bulan, tahun ${year}`,
    xLabel: 'Bulan',
    yLabel: 'IKM',
    min: 25,
    max: 100,
    ticks: [25, 40, 55, 70, 85, 100],
    points: input.yearMonthly.map(({ month, aggregate }) => ({
      label: MONTHS_SHORT_ID[Number(month.slice(5, 7)) - 1] ?? month,
      value: summarize(aggregate).ikm,
    })),
    thresholds: GRADE_FLOORS.map((f) => ({ value: f.ikm, label: `${f.grade} ≥ ${formatNumber(f.ikm, 2)}` })),
    note: 'Bulan tanpa responden tidak memiliki nilai dan dibiarkan kosong (garis terputus). Garis putus-putus: batas IKM mutu C, B dan A.',
  };
  const trend: ReportSection = {
    heading: SECTION_HEADINGS.trend,
    blocks: [
      { kind: 'paragraph', text: comparison },
      trendChart,
      {
        kind: 'table',
        caption: 'Tabel 5. IKM per bulan dalam periode',
        columns: [
          { label: 'Bulan', width: 0.34 },
          { label: 'Responden', width: 0.18, align: 'right' },
          { label: 'IKM', width: 0.18, align: 'right' },
          { label: 'Mutu', width: 0.3 },
        ],
        rows: [
          ...input.monthly.map(({ month, aggregate }) => {
            const s = summarize(aggregate);
            return [periodLabel(monthPeriod(month)), formatNumber(s.responses), ikmText(s.ikm), gradeText(s.grade)];
          }),
          [
            `Periode sebelumnya (${previousLabel})`,
            formatNumber(previousSummary.responses),
            ikmText(previousSummary.ikm),
            gradeText(previousSummary.grade),
          ],
        ],
        empty: '',
      },
    ],
  };
  const followUp: ReportSection = {
    heading: SECTION_HEADINGS.followUp,
    blocks: [
      {
        kind: 'table',
        caption: `Tabel 6. Rencana tindak lanjut periode ${label}`,
        columns: followUpColumns(isRegion, false),
        rows: followUpRows(input.followUp, isRegion, false),
        empty:
          weaknesses.length > 0
            ? `Belum ada rencana tindak lanjut yang dicatat. Prioritas perbaikan: ${elementList(weaknesses)}.`
            : 'Belum ada rencana tindak lanjut yang dicatat.',
      },
    ],
  };
  const done = input.previousFollowUp.filter((a) => a.status === 'done').length;
  const previousFollowUp: ReportSection = {
    heading: SECTION_HEADINGS.previousFollowUp,
    blocks: [
      ...(input.previousFollowUp.length > 0
        ? [
            {
              kind: 'paragraph' as const,
              text: `${formatNumber(done)} dari ${formatNumber(input.previousFollowUp.length)} rencana tindak lanjut periode ${previousLabel} telah selesai.`,
            },
          ]
        : []),
      {
        kind: 'table',
        caption: `Tabel 7. Tindak lanjut periode ${previousLabel} dan statusnya`,
        columns: followUpColumns(isRegion, true),
        rows: followUpRows(input.previousFollowUp, isRegion, true),
        empty: `Tidak ada rencana tindak lanjut yang dicatat untuk periode ${previousLabel}.`,
      },
    ],
  };

  return { heading: 'BAB IV ANALISIS HASIL SKM', sections: [strengthsSection, trend, followUp, previousFollowUp] };
}
