/**
 * @module
 * The SKM report's model (docs/report.md): its chapter and section headings and the layout-free blocks that the
 * A4 HTML and the PDF both render, so they cannot say different things.
 */
import type { Aggregate } from '../aggregate';
import type { Grade } from '../ikm';
import type { Period } from '../periods';
import type { Summary } from '../summary';

/** The chapters of the template, in order: every report has each one (tests look for these headings). */
export const CHAPTER_HEADINGS = [
  'BAB I PENDAHULUAN',
  'BAB II PENGUMPULAN DATA SKM',
  'BAB III HASIL PENGOLAHAN DATA SKM',
  'BAB IV ANALISIS HASIL SKM',
  'BAB V KESIMPULAN',
  'LAMPIRAN',
] as const;

/** The sections of each chapter; a region report names its breakdown per unit instead of per service. */
export const SECTION_HEADINGS = {
  organizer: 'A. Penyelenggara Pelayanan',
  legal: 'B. Dasar Hukum',
  purpose: 'C. Maksud dan Tujuan',
  executor: 'A. Pelaksana SKM',
  method: 'B. Metode Pengumpulan Data',
  timing: 'C. Waktu Pelaksanaan SKM',
  sample: 'D. Penentuan Jumlah Responden',
  respondents: 'A. Karakteristik Responden',
  elements: 'B. Nilai Rata-Rata per Unsur Pelayanan',
  index: 'C. Indeks Kepuasan Masyarakat',
  byService: 'D. IKM per Jenis Layanan',
  byUnit: 'D. IKM per Unit Layanan',
  strengths: 'A. Kelebihan dan Kekurangan Unsur Pelayanan',
  trend: 'B. Tren Nilai SKM',
  followUp: 'C. Rencana Tindak Lanjut',
  previousFollowUp: 'D. Tindak Lanjut Periode Sebelumnya',
  conclusion: 'A. Kesimpulan',
  evidence: 'B. Bukti Dukung SKP (Penerima Layanan)',
  questionnaire: 'Lampiran 1. Kuesioner SKM',
  recapitulation: 'Lampiran 2. Rekapitulasi Hasil Pengolahan Data',
  conversion: 'Lampiran 3. Nilai Persepsi, Interval dan Mutu Pelayanan',
} as const;

/** The front matter before BAB I, in the PDF (tests look for these headings and their page numbers). */
export const FOREWORD_HEADING = 'KATA PENGANTAR';
export const CONTENTS_HEADING = 'DAFTAR ISI';

export type ColumnAlign = 'left' | 'right' | 'center';

export interface ReportColumn {
  label: string;
  /** Share of the table's width (the columns of a table add up to 1). */
  width: number;
  align?: ColumnAlign;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: readonly (readonly [string, string])[] }
  | { kind: 'list'; items: readonly string[] }
  | {
      kind: 'table';
      caption: string;
      columns: readonly ReportColumn[];
      rows: readonly (readonly string[])[];
      /** Last row drawn bold: a total. */
      totalRow?: boolean;
      /** Shown instead of an empty table. */
      empty: string;
    }
  /** The signed SKP evidence link, drawn with its QR code. */
  | { kind: 'evidence'; url: string; caption: string; lines: readonly string[] }
  | ({ kind: 'chart' } & ReportChart)
  /** Who signs the report; a null name or NIP is a blank line to fill in by hand. */
  | { kind: 'signature'; placeAndDate: string; title: string; name: string | null; nip: string | null };

/**
 * A chart on a value axis from `min` to `max`: a line through `points` (a null value is a gap, never drawn: a month
 * without responses) or one bar per point, with the grade thresholds drawn across it.
 */
export interface ReportChart {
  shape: 'line' | 'bar';
  title: string;
  xLabel: string;
  yLabel: string;
  min: number;
  max: number;
  ticks: readonly number[];
  points: readonly { label: string; value: number | null }[];
  thresholds: readonly { value: number; label: string }[];
  /** Said under the chart: how to read it, and what a gap means. */
  note: string;
}

export interface ReportSection {
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportChapter {
  heading: (typeof CHAPTER_HEADINGS)[number];
  sections: ReportSection[];
}

export interface SkmReport {
  title: string;
  /** The unit (or the region, for a region report) the report is about. */
  subject: string;
  regionName: string;
  periodLabel: string;
  issuedOn: string;
  /** Staff reports are not suppressed: said on the cover and in every header. */
  audienceNote: string;
  cover: readonly (readonly [string, string])[];
  /** The foreword (kata pengantar) before the chapters. */
  foreword: readonly string[];
  headline: {
    responses: number;
    ikm: number | null;
    ikmLow: number | null;
    ikmHigh: number | null;
    grade: Grade | null;
  };
  chapters: ReportChapter[];
}

/** One follow-up action (rencana tindak lanjut) as the report shows it. */
export interface ReportFollowUp {
  elementCode: string | null;
  issue: string;
  action: string;
  owner: string;
  dueDate: string;
  status: 'planned' | 'in_progress' | 'done';
  evidence: string | null;
  evidenceUrl: string | null;
  /** The unit it belongs to, shown in a region report. */
  unitName?: string;
}

/** How many respondents gave each value of one profile question; `value` null = not answered. */
export interface ProfileCount {
  value: string | null;
  count: number;
}

/** Respondent characteristics: counts per value of each profile question (unflagged responses only). */
export interface RespondentProfile {
  gender: readonly ProfileCount[];
  /** Ages in whole years (banded here, never shown exactly). */
  age: readonly ProfileCount[];
  education: readonly ProfileCount[];
  occupation: readonly ProfileCount[];
  channel: readonly ProfileCount[];
}

/** The figures of one jenis layanan or unit (a `Summary` or a `ServiceScore` fits). */
export type BreakdownRow = {
  name: string;
  /** The row of responses given without a jenis layanan: shown in the table, not named as a service. */
  other?: boolean;
} & Pick<Summary, 'responses' | 'ikm' | 'ikmLow' | 'ikmHigh' | 'grade'>;

export interface SkmReportInput {
  region: { name: string };
  /** Null for the region-wide report. */
  unit: { name: string } | null;
  period: Period;
  /** Local date of issue 'YYYY-MM-DD'. */
  issuedOn: string;
  aggregate: Aggregate;
  /** Expected respondents in the period (the unit's annual population pro rata), or null when not set. */
  population: number | null;
  profile: RespondentProfile;
  /** Per jenis layanan (unit report) or per unit (region report), unsuppressed, in the order to show. */
  breakdown: readonly BreakdownRow[];
  /** The months of the period, oldest first. */
  monthly: readonly { month: string; aggregate: Aggregate }[];
  previous: { period: Period; aggregate: Aggregate };
  followUp: readonly ReportFollowUp[];
  previousFollowUp: readonly ReportFollowUp[];
  /** The signed SKP evidence link (unit reports with responses). */
  evidence: { url: string } | null;
  /** The months of the report's year up to the period's end, oldest first: the IKM trend chart. */
  yearMonthly: readonly { month: string; aggregate: Aggregate }[];
  /** The unit's head who signs the report (null fields: not set); null for a region report. */
  head: { name: string | null; nip: string | null } | null;
}
