/**
 * @module
 * The words the public site, the console and the rating form share: one entry per concept, so a term reads the
 * same everywhere. A list takes a word from here instead of writing it again (test/unit/words.test.ts).
 */
import type { Words } from './words';

export const COMMON_WORDS = {
  ikm: { id: 'IKM', en: 'IKM' },
  region: { id: 'Daerah', en: 'Region' },
  allRegions: { id: 'Semua daerah', en: 'All regions' },
  unit: { id: 'Unit layanan', en: 'Service unit' },
  units: { id: 'Unit layanan', en: 'Service units' },
  noService: { id: 'Tanpa jenis layanan', en: 'No service given' },
  element: { id: 'Unsur', en: 'Element' },
  responses: { id: 'Responden', en: 'Responses' },
  period: { id: 'Periode', en: 'Period' },
  month: { id: 'Bulan', en: 'Month' },
  filter: { id: 'Saring', en: 'Filter' },
  show: { id: 'Tampilkan', en: 'Show' },
  gender: { id: 'Jenis kelamin', en: 'Gender' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  followUpPlanned: { id: 'Direncanakan', en: 'Planned' },
  followUpInProgress: { id: 'Sedang berjalan', en: 'In progress' },
  followUpDone: { id: 'Selesai', en: 'Done' },
  apiDocs: { id: 'Dokumentasi API', en: 'API documentation' },
} as const satisfies Words;
