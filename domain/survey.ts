/**
 * @module
 * The questionnaire of Survei Kepuasan Masyarakat (PermenPANRB 14/2017), SPEC §2:
 * the nine elements (unsur) with their official answer labels, and the respondent profile.
 * Bahasa Indonesia is authoritative; English is a translation for the interface.
 */

export type Locale = 'id' | 'en';

export const ELEMENT_CODES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type ElementCode = (typeof ELEMENT_CODES)[number];

/** An answer to one element: 1 (worst) to 4 (best). */
export const SCORES = [1, 2, 3, 4] as const;

export interface ElementDefinition {
  code: ElementCode;
  name: Record<Locale, string>;
  /** Labels for scores 1, 2, 3, 4 in order. */
  labels: Record<Locale, readonly [string, string, string, string]>;
}

export const ELEMENTS: readonly ElementDefinition[] = [
  {
    code: 'U1',
    name: { id: 'Persyaratan', en: 'Requirements' },
    labels: {
      id: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
      en: ['Not appropriate', 'Less appropriate', 'Appropriate', 'Very appropriate'],
    },
  },
  {
    code: 'U2',
    name: { id: 'Sistem, Mekanisme, dan Prosedur', en: 'Systems, mechanisms and procedures' },
    labels: {
      id: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
      en: ['Not easy', 'Less easy', 'Easy', 'Very easy'],
    },
  },
  {
    code: 'U3',
    name: { id: 'Waktu Penyelesaian', en: 'Completion time' },
    labels: {
      id: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
      en: ['Not fast', 'Less fast', 'Fast', 'Very fast'],
    },
  },
  {
    code: 'U4',
    name: { id: 'Biaya/Tarif', en: 'Cost / fee' },
    labels: {
      id: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
      en: ['Very expensive', 'Fairly expensive', 'Cheap', 'Free'],
    },
  },
  {
    code: 'U5',
    name: { id: 'Produk Spesifikasi Jenis Pelayanan', en: 'Service product as specified' },
    labels: {
      id: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
      en: ['Not as specified', 'Partly as specified', 'As specified', 'Fully as specified'],
    },
  },
  {
    code: 'U6',
    name: { id: 'Kompetensi Pelaksana', en: 'Staff competence' },
    labels: {
      id: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
      en: ['Not competent', 'Less competent', 'Competent', 'Very competent'],
    },
  },
  {
    code: 'U7',
    name: { id: 'Perilaku Pelaksana', en: 'Staff conduct' },
    labels: {
      id: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
      en: ['Not polite and friendly', 'Less polite and friendly', 'Polite and friendly', 'Very polite and friendly'],
    },
  },
  {
    code: 'U8',
    name: { id: 'Penanganan Pengaduan, Saran dan Masukan', en: 'Handling of complaints and suggestions' },
    labels: {
      id: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
      en: ['None', 'Exists but does not work', 'Works, but not fully', 'Well managed'],
    },
  },
  {
    code: 'U9',
    name: { id: 'Sarana dan Prasarana', en: 'Facilities and infrastructure' },
    labels: {
      id: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
      en: ['Poor', 'Fair', 'Good', 'Very good'],
    },
  },
];

export const GENDERS = ['L', 'P'] as const;
export const EDUCATIONS = ['SD', 'SMP', 'SMA', 'D1-D3', 'D4-S1', 'S2', 'S3'] as const;
export const OCCUPATIONS = ['PNS', 'TNI', 'POLRI', 'SWASTA', 'WIRAUSAHA', 'PELAJAR', 'LAINNYA'] as const;
export const MIN_AGE = 15;
export const MAX_AGE = 100;
export const MAX_COMMENT_LENGTH = 1000;

export const AGE_BANDS = ['<20', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The published band of an age in whole years (SPEC §2): ages are never published exactly. */
export function ageBand(age: number): AgeBand {
  if (age < 20) return '<20';
  if (age < 30) return '20-29';
  if (age < 40) return '30-39';
  if (age < 50) return '40-49';
  if (age < 60) return '50-59';
  return '60+';
}

export const CHANNELS = ['qr', 'kiosk', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];
