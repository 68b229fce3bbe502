/**
 * @module
 * The SKM report's words and numbers in Bahasa Indonesia, the report's official language (docs/report.md):
 * period and date labels, the Indonesian number format, the questionnaire's texts and the grade thresholds.
 */
import { type Grade, gradeLabel } from '../ikm';
import type { Period } from '../periods';
import { roundRatio } from '../rounding';
import { type Channel, ELEMENTS, type ElementCode } from '../survey';
import type { ReportFollowUp } from './model';

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

export const GENDER_LABELS: Record<string, string> = { L: 'Laki-laki', P: 'Perempuan' };
export const OCCUPATION_LABELS: Record<string, string> = {
  PNS: 'PNS',
  TNI: 'TNI',
  POLRI: 'POLRI',
  SWASTA: 'Swasta',
  WIRAUSAHA: 'Wirausaha',
  PELAJAR: 'Pelajar/Mahasiswa',
  LAINNYA: 'Lainnya',
};
export const AGE_BAND_LABELS: Record<string, string> = {
  '<20': 'Di bawah 20 tahun',
  '20-29': '20–29 tahun',
  '30-39': '30–39 tahun',
  '40-49': '40–49 tahun',
  '50-59': '50–59 tahun',
  '60+': '60 tahun ke atas',
};
export const CHANNEL_LABELS: Record<Channel, string> = {
  qr: 'Kuesioner elektronik melalui kode QR di loket',
  kiosk: 'Kuesioner elektronik di layar kios loket',
  paper: 'Kuesioner kertas yang dimasukkan petugas',
};
export const STATUS_LABELS: Record<ReportFollowUp['status'], string> = {
  planned: 'Direncanakan',
  in_progress: 'Sedang berjalan',
  done: 'Selesai',
};
export const NOT_ANSWERED = 'Tidak diisi';

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

export const MONTHS_SHORT_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** Grade floors on the IKM scale and, ÷ 25, on the NRR scale (PermenPANRB 14/2017; Lampiran 3). */
export const GRADE_FLOORS: readonly { grade: Grade; ikm: number; nrr: string }[] = [
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
export function gradeText(grade: Grade | null): string {
  return grade === null ? '—' : `${grade} (${gradeLabel(grade)})`;
}

export function ikmText(ikm: number | null): string {
  return ikm === null ? '—' : formatNumber(ikm, 2);
}

export function elementLabel(code: string | null): string {
  if (code === null) return 'Seluruh unsur';
  const element = ELEMENTS.find((e) => e.code === code);
  return element ? `${element.code} ${element.name.id}` : code;
}
