/**
 * @module
 * The official SKM report (laporan hasil Survei Kepuasan Masyarakat, PermenPANRB 14/2017 annex) as a
 * layout-free model: chapters, sections and blocks (facts, tables, paragraphs, the evidence link). The
 * A4 HTML and the PDF both render this one model, so they cannot say different things. Pure: the
 * Worker gathers the aggregates, profile counts, trend and follow-up, this module writes the texts in
 * Bahasa Indonesia, the report's official language.
 */
import type { Aggregate } from './aggregate';
import { ELEMENT_COUNT } from './aggregate';
import { type Grade, gradeLabel, gradeOf, IKM_SCALE, roundedNrr } from './ikm';
import { monthPeriod, type Period } from './periods';
import { roundRatio } from './rounding';
import { sampleSize } from './sample-size';
import { type Summary, summarize } from './summary';
import {
  AGE_BANDS,
  ageBand,
  CHANNELS,
  type Channel,
  EDUCATIONS,
  ELEMENTS,
  type ElementCode,
  GENDERS,
  OCCUPATIONS,
} from './survey';

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

const MONTHS_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** The official questions of the nine elements (PermenPANRB 14/2017 annex), keyed by this portal's codes. */
export const ELEMENT_QUESTIONS: Readonly<Record<ElementCode, string>> = {
  U1: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
  U2: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
  U3: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
  U4: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
  U5: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
  U6: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
  U7: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
  U8: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
  U9: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
};

const GENDER_LABELS: Record<string, string> = { L: 'Laki-laki', P: 'Perempuan' };
const OCCUPATION_LABELS: Record<string, string> = {
  PNS: 'PNS',
  TNI: 'TNI',
  POLRI: 'POLRI',
  SWASTA: 'Swasta',
  WIRAUSAHA: 'Wirausaha',
  PELAJAR: 'Pelajar/Mahasiswa',
  LAINNYA: 'Lainnya',
};
const AGE_BAND_LABELS: Record<string, string> = {
  '<20': 'Di bawah 20 tahun',
  '20-29': '20–29 tahun',
  '30-39': '30–39 tahun',
  '40-49': '40–49 tahun',
  '50-59': '50–59 tahun',
  '60+': '60 tahun ke atas',
};
const CHANNEL_LABELS: Record<Channel, string> = {
  qr: 'Kuesioner elektronik melalui kode QR di loket',
  kiosk: 'Kuesioner elektronik di layar kios loket',
  paper: 'Kuesioner kertas yang dimasukkan petugas',
};
const STATUS_LABELS: Record<ReportFollowUp['status'], string> = {
  planned: 'Direncanakan',
  in_progress: 'Sedang berjalan',
  done: 'Selesai',
};
const NOT_ANSWERED = 'Tidak diisi';

/** 'November 2026', 'Triwulan IV 2026', 'Semester II 2026', 'Tahun 2026'. */
export function periodLabel(period: Period): string {
  const year = period.start.slice(0, 4);
  const month = Number(period.start.slice(5, 7));
  switch (period.kind) {
    case 'month':
      return `${MONTHS_ID[month - 1]} ${year}`;
    case 'quarter':
      return `Triwulan ${ROMAN[(month - 1) / 3]} ${year}`;
    case 'semester':
      return `Semester ${ROMAN[(month - 1) / 6]} ${year}`;
    case 'year':
      return `Tahun ${year}`;
  }
}

/** '1 Oktober 2026' from '2026-10-01'. */
export function dateLabel(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS_ID[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** A decimal the Indonesian way, with a decimal comma and a dot between thousands: 12.345,60. */
export function formatNumber(value: number, decimals = 0): string {
  return new Intl.NumberFormat('id-ID', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: true,
  }).format(value);
}

/** count / total as a percentage with one decimal ('45,2%'), exact; '0,0%' when total is 0. */
export function percent(count: number, total: number): string {
  return `${formatNumber(total > 0 ? roundRatio(count * 100, total, 1) : 0, 1)}%`;
}

const MONTHS_SHORT_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** Grade floors on the IKM scale and, ÷ 25, on the NRR scale (PermenPANRB 14/2017; Lampiran 3). */
const GRADE_FLOORS: readonly { grade: Grade; ikm: number; nrr: string }[] = [
  { grade: 'C', ikm: 65, nrr: '2,60' },
  { grade: 'B', ikm: 76.61, nrr: '3,0644' },
  { grade: 'A', ikm: 88.31, nrr: '3,5324' },
];

/**
 * Where the report is signed: the region's name without its administrative prefix, as a letter is dated
 * ('Kota Tanjungpinang' → 'Tanjungpinang').
 */
export function signaturePlace(regionName: string): string {
  return (
    regionName.replace(/^(Kota Administrasi|Kota|Kabupaten Administrasi|Kabupaten|Provinsi)\s+/i, '').trim() ||
    regionName
  );
}

/** 'A (Sangat Baik)'. */
function gradeText(grade: Grade | null): string {
  return grade === null ? '—' : `${grade} (${gradeLabel(grade)})`;
}

function ikmText(ikm: number | null): string {
  return ikm === null ? '—' : formatNumber(ikm, 2);
}

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

/** The elements ranked by NRR, best first (ties by code), with their rounded NRR. */
export function rankedElements(agg: Aggregate): { code: ElementCode; name: string; nrr: number }[] {
  if (agg.n <= 0) return [];
  return ELEMENTS.map((element, e) => ({ code: element.code, name: element.name.id, nrr: roundedNrr(agg, e) ?? 0 }))
    .map((element, index) => ({ element, index }))
    .sort((a, b) => b.element.nrr - a.element.nrr || a.index - b.index)
    .map(({ element }) => element);
}

/** How many strengths and weaknesses the analysis names (the three highest and the three lowest NRR). */
const STRENGTH_COUNT = 3;

function elementLabel(code: string | null): string {
  if (code === null) return 'Seluruh unsur';
  const element = ELEMENTS.find((e) => e.code === code);
  return element ? `${element.code} ${element.name.id}` : code;
}

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

/** Builds the report. Deterministic: the same input gives the same texts, in the HTML and in the PDF. */
export function buildSkmReport(input: SkmReportInput): SkmReport {
  const isRegion = input.unit === null;
  const subject = input.unit?.name ?? input.region.name;
  const label = periodLabel(input.period);
  const summary = summarize(input.aggregate);
  const n = summary.responses;
  const required = input.population === null ? null : sampleSize(input.population);
  const adequate = required === null ? null : n >= required;
  const dates = `${dateLabel(input.period.start)} s.d. ${dateLabel(input.period.end)}`;
  const audienceNote =
    'Laporan internal instansi: seluruh angka dihitung tanpa penyembunyian kelompok kecil (n < 10) yang berlaku pada halaman publik.';

  // --- BAB I
  const organizer: ReportSection = {
    heading: SECTION_HEADINGS.organizer,
    blocks: [
      {
        kind: 'facts',
        rows: [
          ['Instansi', input.region.name],
          ['Unit pelayanan', isRegion ? 'Seluruh unit pelayanan' : subject],
          [
            isRegion ? 'Jumlah unit dalam laporan' : 'Jenis layanan',
            isRegion
              ? formatNumber(input.breakdown.length)
              : input.breakdown
                  .filter((row) => !row.other)
                  .map((service) => service.name)
                  .join(', ') || '—',
          ],
          ['Periode survei', `${label} (${dates})`],
        ],
      },
      {
        kind: 'paragraph',
        text: `Laporan ini memuat hasil Survei Kepuasan Masyarakat (SKM) terhadap penyelenggaraan pelayanan publik oleh ${subject}, ${input.region.name}, pada periode ${label}.`,
      },
    ],
  };
  const legal: ReportSection = {
    heading: SECTION_HEADINGS.legal,
    blocks: [
      {
        kind: 'list',
        items: [
          'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;',
          'Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009;',
          'Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik;',
          'Peraturan Menteri PANRB Nomor 6 Tahun 2022 tentang Pengelolaan Kinerja Pegawai Aparatur Sipil Negara;',
          'Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi.',
        ],
      },
    ],
  };
  const purpose: ReportSection = {
    heading: SECTION_HEADINGS.purpose,
    blocks: [
      {
        kind: 'paragraph',
        text: 'SKM dilaksanakan untuk mengukur tingkat kepuasan masyarakat sebagai pengguna layanan, mengetahui kelebihan dan kekurangan setiap unsur pelayanan, dan menjadi dasar perbaikan kualitas pelayanan secara berkala. Hasilnya juga menjadi bukti dukung indikator kinerja "Penerima Layanan" dalam Sasaran Kinerja Pegawai (SKP).',
      },
    ],
  };

  // --- BAB II
  const channelCounts = new Map(input.profile.channel.map(({ value, count }) => [value, count]));
  const channelItems = CHANNELS.filter((channel) => (channelCounts.get(channel) ?? 0) > 0).map(
    (channel) =>
      `${CHANNEL_LABELS[channel]}: ${formatNumber(channelCounts.get(channel) ?? 0)} responden (${percent(channelCounts.get(channel) ?? 0, n)})`,
  );
  const method: ReportSection = {
    heading: SECTION_HEADINGS.method,
    blocks: [
      {
        kind: 'paragraph',
        text: 'Data dikumpulkan dengan kuesioner SKM yang memuat sembilan unsur pelayanan sesuai PermenPANRB 14/2017 (Lampiran 1), masing-masing dengan empat pilihan jawaban bernilai 1 sampai 4. Responden mengisi secara sukarela dan tanpa nama setelah menerima layanan. Penilaian yang ditandai mencurigakan oleh sistem tidak dihitung sampai diperiksa moderator.',
      },
      channelItems.length > 0
        ? { kind: 'list', items: channelItems }
        : { kind: 'paragraph', text: 'Belum ada kuesioner yang masuk pada periode ini.' },
    ],
  };
  const executor: ReportSection = {
    heading: SECTION_HEADINGS.executor,
    blocks: [
      {
        kind: 'paragraph',
        text: `SKM dilaksanakan secara mandiri oleh ${subject} dengan portal Suara Layanan, yang menghimpun jawaban, menghitung Nilai Rata-Rata (NRR) per unsur dan Indeks Kepuasan Masyarakat (IKM) secara otomatis.`,
      },
    ],
  };
  const timing: ReportSection = {
    heading: SECTION_HEADINGS.timing,
    blocks: [
      {
        kind: 'facts',
        rows: [
          ['Periode', label],
          ['Tanggal pengumpulan data', dates],
          ['Tanggal laporan', dateLabel(input.issuedOn)],
        ],
      },
    ],
  };
  const sample: ReportSection = {
    heading: SECTION_HEADINGS.sample,
    blocks: [
      {
        kind: 'facts',
        rows: [
          [
            'Populasi penerima layanan dalam periode',
            input.population === null ? 'Belum ditetapkan' : formatNumber(input.population),
          ],
          ['Sampel minimal (Krejcie dan Morgan)', required === null ? '—' : formatNumber(required)],
          ['Jumlah responden diperoleh', formatNumber(n)],
          [
            'Kecukupan sampel',
            adequate === null
              ? 'Tidak dapat dinilai (populasi belum ditetapkan)'
              : adequate
                ? 'Memenuhi'
                : 'Belum memenuhi',
          ],
        ],
      },
      {
        kind: 'paragraph',
        text:
          'Jumlah sampel minimal dihitung dengan rumus Krejcie dan Morgan, S = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), dengan χ² = 3,841, P = 0,5 dan d = 0,05, dari populasi penerima layanan per tahun yang ditetapkan unit, dibagi sesuai panjang periode.' +
          (adequate === false
            ? ' Karena sampel minimal belum terpenuhi, hasil perlu dibaca dengan hati-hati (lihat selang kepercayaan 95%).'
            : ''),
      },
    ],
  };

  // --- BAB III
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

  // --- BAB IV
  const ranked = rankedElements(input.aggregate);
  const strengths = ranked.slice(0, STRENGTH_COUNT);
  const weaknesses = ranked.slice(-STRENGTH_COUNT).reverse();
  const elementList = (list: typeof ranked) =>
    list.map((e) => `${e.code} ${e.name} (NRR ${formatNumber(e.nrr, 3)})`).join('; ');
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

  // --- BAB V
  const conclusion: string[] = [];
  if (summary.ikm === null || summary.grade === null) {
    conclusion.push(
      `Belum ada responden SKM untuk ${subject} pada periode ${label}, sehingga IKM belum dapat dihitung.`,
    );
  } else {
    conclusion.push(
      `IKM ${subject} periode ${label} adalah ${formatNumber(summary.ikm, 2)} (selang kepercayaan 95%: ${formatNumber(summary.ikmLow ?? summary.ikm, 2)} – ${formatNumber(summary.ikmHigh ?? summary.ikm, 2)}) dari ${formatNumber(n)} responden, dengan mutu pelayanan ${summary.grade} dan kinerja unit pelayanan ${gradeLabel(summary.grade)}.`,
    );
    if (adequate !== null) {
      conclusion.push(
        adequate
          ? `Jumlah responden memenuhi sampel minimal Krejcie dan Morgan (${formatNumber(required ?? 0)}).`
          : `Jumlah responden belum memenuhi sampel minimal Krejcie dan Morgan (${formatNumber(required ?? 0)}); pengumpulan data perlu ditingkatkan.`,
      );
    }
    conclusion.push(
      `Unsur dengan nilai tertinggi adalah ${elementList(strengths.slice(0, 1))}; unsur dengan nilai terendah adalah ${elementList(weaknesses.slice(0, 1))}, yang menjadi prioritas tindak lanjut.`,
    );
  }
  const signature: ReportBlock = {
    kind: 'signature',
    placeAndDate: `${signaturePlace(input.region.name)}, ${dateLabel(input.issuedOn)}`,
    title: isRegion ? `Pejabat yang berwenang, ${input.region.name}` : `Kepala ${subject}`,
    name: input.head?.name ?? null,
    nip: input.head?.nip ?? null,
  };
  const conclusionSection: ReportSection = {
    heading: SECTION_HEADINGS.conclusion,
    blocks: conclusion.map((text) => ({ kind: 'paragraph', text })),
  };
  const evidence: ReportSection = {
    heading: SECTION_HEADINGS.evidence,
    blocks: input.evidence
      ? [
          {
            kind: 'paragraph',
            text: 'Tautan dan kode QR berikut memuat IKM, jumlah responden, selang kepercayaan 95%, mutu dan periode laporan ini, ditandatangani secara elektronik (HMAC-SHA256) oleh portal. Penilai SKP dapat memindai kode QR atau membuka tautan untuk memeriksa keaslian angka dan kesesuaiannya dengan data terkini.',
          },
          {
            kind: 'evidence',
            url: input.evidence.url,
            caption: 'Bukti dukung IKM untuk SKP',
            lines: [
              `${subject}, ${input.region.name}`,
              `Periode ${label}`,
              `IKM ${ikmText(summary.ikm)} (selang 95%: ${ikmText(summary.ikmLow)} – ${ikmText(summary.ikmHigh)})`,
              `Mutu ${gradeText(summary.grade)} · n = ${formatNumber(n)}`,
              `Diterbitkan ${dateLabel(input.issuedOn)}`,
            ],
          },
        ]
      : [
          {
            kind: 'paragraph',
            text: isRegion
              ? 'Bukti dukung SKP diterbitkan per unit layanan: lihat laporan masing-masing unit.'
              : 'Bukti dukung SKP belum dapat diterbitkan karena belum ada responden pada periode ini.',
          },
        ],
  };

  // --- LAMPIRAN
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

  return {
    title: 'LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT',
    subject,
    regionName: input.region.name,
    periodLabel: label,
    issuedOn: input.issuedOn,
    audienceNote,
    cover: [
      ['Instansi', input.region.name],
      ['Unit pelayanan', isRegion ? 'Seluruh unit pelayanan' : subject],
      ['Periode', `${label} (${dates})`],
      ['IKM', ikmText(summary.ikm)],
      ['Mutu / kinerja', gradeText(summary.grade)],
      ['Jumlah responden', formatNumber(n)],
      ['Tanggal laporan', dateLabel(input.issuedOn)],
    ],
    foreword: [
      `Laporan ini menyajikan hasil Survei Kepuasan Masyarakat (SKM) terhadap pelayanan ${isRegion ? `seluruh unit pelayanan ${input.region.name}` : `${subject}, ${input.region.name}`} pada periode ${label}, disusun menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik.`,
      'SKM mengukur tingkat kepuasan masyarakat atas sembilan unsur pelayanan. Hasilnya menjadi dasar perbaikan pelayanan yang berkelanjutan, bahan rencana tindak lanjut, dan bukti dukung kinerja "Penerima Layanan" dalam Sasaran Kinerja Pegawai (SKP).',
      'Terima kasih kami sampaikan kepada masyarakat yang telah meluangkan waktu mengisi kuesioner, serta kepada seluruh petugas yang mendukung pelaksanaan survei. Saran dan masukan untuk perbaikan laporan dan pelayanan selalu kami harapkan.',
    ],
    headline: {
      responses: n,
      ikm: summary.ikm,
      ikmLow: summary.ikmLow,
      ikmHigh: summary.ikmHigh,
      grade: summary.grade,
    },
    chapters: [
      { heading: 'BAB I PENDAHULUAN', sections: [organizer, legal, purpose] },
      { heading: 'BAB II PENGUMPULAN DATA SKM', sections: [executor, method, timing, sample] },
      { heading: 'BAB III HASIL PENGOLAHAN DATA SKM', sections: [respondents, elements, index, breakdown] },
      { heading: 'BAB IV ANALISIS HASIL SKM', sections: [strengthsSection, trend, followUp, previousFollowUp] },
      // The report proper closes with its signature; the appendices follow.
      {
        heading: 'BAB V KESIMPULAN',
        sections: [conclusionSection, { ...evidence, blocks: [...evidence.blocks, signature] }],
      },
      { heading: 'LAMPIRAN', sections: [questionnaire, recapitulation, conversion] },
    ],
  };
}
