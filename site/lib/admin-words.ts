/**
 * @module
 * The admin console's words, Bahasa Indonesia first with English.
 */
import type { Locale } from '../../domain/survey';

const WORDS = {
  console: { id: 'Konsol admin', en: 'Admin console' },
  signInHeading: { id: 'Masuk ke konsol admin', en: 'Sign in to the admin console' },
  signInHelp: {
    id: 'Masukkan token admin (ADMIN_TOKEN). Sesi berlaku 8 jam.',
    en: 'Enter the admin token (ADMIN_TOKEN). A session lasts 8 hours.',
  },
  token: { id: 'Token admin', en: 'Admin token' },
  signIn: { id: 'Masuk', en: 'Sign in' },
  signOut: { id: 'Keluar', en: 'Sign out' },
  regions: { id: 'Pemerintah daerah', en: 'Regions' },
  noRegions: { id: 'Belum ada daerah. Tambahkan yang pertama di bawah.', en: 'No region yet. Add the first below.' },
  addRegion: { id: 'Tambah daerah', en: 'Add a region' },
  slug: { id: 'Slug (huruf kecil, angka, tanda hubung)', en: 'Slug (lowercase letters, digits, hyphens)' },
  name: { id: 'Nama', en: 'Name' },
  timezone: { id: 'Zona waktu', en: 'Time zone' },
  save: { id: 'Simpan', en: 'Save' },
  units: { id: 'Unit layanan', en: 'Service units' },
  noUnits: { id: 'Belum ada unit layanan.', en: 'No service unit yet.' },
  addUnit: { id: 'Tambah unit layanan', en: 'Add a service unit' },
  population: { id: 'Populasi per tahun (opsional)', en: 'Population per year (optional)' },
  target: { id: 'Target IKM untuk SKP (opsional, 25–100)', en: 'IKM target for SKP (optional, 25–100)' },
  services: { id: 'Jenis layanan', en: 'Services' },
  addService: { id: 'Tambah jenis layanan', en: 'Add a service' },
  counters: { id: 'Loket', en: 'Counters' },
  addCounter: { id: 'Tambah loket', en: 'Add a counter' },
  counterName: { id: 'Nama loket', en: 'Counter name' },
  active: { id: 'Aktif', en: 'Active' },
  inactive: { id: 'Nonaktif', en: 'Inactive' },
  deactivate: { id: 'Nonaktifkan', en: 'Deactivate' },
  activate: { id: 'Aktifkan', en: 'Activate' },
  form: { id: 'Formulir', en: 'Form' },
  poster: { id: 'Poster A4', en: 'A4 poster' },
  qr: { id: 'QR (SVG)', en: 'QR (SVG)' },
  kiosk: { id: 'Layar kios', en: 'Kiosk display' },
  apiKeys: { id: 'Kunci API instansi', en: 'Agency API keys' },
  apiKeysHelp: {
    id: 'Kunci hanya ditampilkan sekali saat dibuat. Simpan di tempat aman; cabut bila bocor.',
    en: 'A key is shown once, when created. Store it safely; revoke it if it leaks.',
  },
  label: { id: 'Keterangan', en: 'Label' },
  createKey: { id: 'Buat kunci', en: 'Create key' },
  revoke: { id: 'Cabut', en: 'Revoke' },
  revoked: { id: 'Dicabut', en: 'Revoked' },
  lastUsed: { id: 'Terakhir dipakai', en: 'Last used' },
  never: { id: 'belum pernah', en: 'never' },
  noKeys: { id: 'Belum ada kunci API.', en: 'No API key yet.' },
  newKey: {
    id: 'Kunci baru (salin sekarang, tidak akan ditampilkan lagi):',
    en: 'New key (copy it now; it will not be shown again):',
  },
  importHeading: { id: 'Impor kuesioner kertas (CSV)', en: 'Import paper questionnaires (CSV)' },
  importHelp: {
    id: 'Kolom: date,service,u1,…,u9,gender,age,education,occupation. Tanggal YYYY-MM-DD menurut zona waktu daerah. Jika ada baris salah, tidak ada yang disimpan.',
    en: 'Columns: date,service,u1,…,u9,gender,age,education,occupation. Dates YYYY-MM-DD in the region’s time zone. If any row is invalid, nothing is stored.',
  },
  unit: { id: 'Unit layanan', en: 'Service unit' },
  file: { id: 'Berkas CSV', en: 'CSV file' },
  import: { id: 'Impor', en: 'Import' },
  moderation: { id: 'Moderasi', en: 'Moderation' },
  comments: { id: 'Komentar', en: 'Comments' },
  pending: { id: 'Menunggu', en: 'Pending' },
  published: { id: 'Dipublikasikan', en: 'Published' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  publish: { id: 'Publikasikan', en: 'Publish' },
  reject: { id: 'Tolak', en: 'Reject' },
  accept: { id: 'Terima', en: 'Accept' },
  reply: { id: 'Balasan unit (publik)', en: 'The unit’s reply (public)' },
  saveReply: { id: 'Simpan balasan', en: 'Save reply' },
  noComments: { id: 'Tidak ada komentar di sini.', en: 'No comments here.' },
  redactedNote: {
    id: 'NIK, nomor telepon dan alamat e-mail sudah disamarkan otomatis sebelum disimpan.',
    en: 'NIK, phone numbers and e-mail addresses were masked automatically before storage.',
  },
  flagged: { id: 'Penilaian yang ditandai', en: 'Flagged ratings' },
  flaggedHelp: {
    id: 'Penilaian mencurigakan (misalnya banyak penilaian dalam beberapa detik di satu loket) tidak dihitung sampai diterima.',
    en: 'Suspicious ratings (for example many within seconds at one counter) are left out of every figure until accepted.',
  },
  noFlagged: { id: 'Tidak ada penilaian yang ditandai.', en: 'No flagged ratings.' },
  reason: { id: 'Alasan', en: 'Reason' },
  answers: { id: 'Jawaban U1–U9', en: 'Answers U1–U9' },
  date: { id: 'Tanggal', en: 'Date' },
  back: { id: 'Kembali ke daftar daerah', en: 'Back to the regions' },
  backToRegion: { id: 'Kembali ke daerah', en: 'Back to the region' },
  publicPage: { id: 'Halaman publik', en: 'Public page' },
  apiDocs: { id: 'Dokumentasi API', en: 'API documentation' },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  working: { id: 'Memproses…', en: 'Working…' },
  failed: { id: 'Gagal', en: 'Failed' },
} satisfies Record<string, Record<Locale, string>>;

export type AdminWord = keyof typeof WORDS;

export function adminWord(locale: Locale, key: AdminWord): string {
  return WORDS[key][locale];
}
