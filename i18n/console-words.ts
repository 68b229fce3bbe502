/**
 * @module
 * The admin console's words, Bahasa Indonesia first with English.
 */
import type { Locale } from '../domain/survey';
import { COMMON_WORDS } from './common-words';
import { dictionary } from './words';

export const consoleWords = dictionary({
  console: { id: 'Konsol admin', en: 'Admin console' },
  signInHeading: { id: 'Masuk ke konsol admin', en: 'Sign in to the admin console' },
  signInHelp: {
    id: 'Masuk dengan e-mail dan kata sandi akun Anda. Sesi berlaku 8 jam.',
    en: 'Sign in with your account’s e-mail and password. A session lasts 8 hours.',
  },
  email: { id: 'E-mail', en: 'E-mail' },
  password: { id: 'Kata sandi', en: 'Password' },
  totpCode: { id: 'Kode autentikator (jika diaktifkan)', en: 'Authenticator code (if enabled)' },
  bootstrapHeading: {
    id: 'Masuk dengan token admin (penyiapan awal)',
    en: 'Sign in with the admin token (first setup)',
  },
  bootstrapHelp: {
    id: 'Hanya untuk penyiapan awal: token ADMIN_TOKEN dari konfigurasi. Sesudah itu gunakan akun pribadi.',
    en: 'For first setup only: the ADMIN_TOKEN from the configuration. Afterwards, use personal accounts.',
  },
  signedInAs: { id: 'Masuk sebagai', en: 'Signed in as' },
  bootstrapActor: { id: 'token admin (super admin)', en: 'admin token (super admin)' },
  role_super: { id: 'Super admin', en: 'Super admin' },
  role_region_admin: { id: 'Admin daerah', en: 'Region admin' },
  role_unit_operator: { id: 'Operator unit', en: 'Unit operator' },
  role_viewer: { id: 'Pemantau (baca saja)', en: 'Viewer (read-only)' },
  accounts: { id: 'Akun petugas', en: 'Staff accounts' },
  accountsHelp: {
    id: 'Undang petugas dengan tautan sekali pakai (berlaku 7 hari). Tautan hanya ditampilkan sekali: kirimkan lewat saluran resmi.',
    en: 'Invite staff with a one-time link (valid 7 days). The link is shown once: send it through an official channel.',
  },
  noAccounts: { id: 'Belum ada akun petugas.', en: 'No staff account yet.' },
  invite: { id: 'Undang petugas', en: 'Invite a staff member' },
  createInvite: { id: 'Buat undangan', en: 'Create invitation' },
  role: { id: 'Peran', en: 'Role' },
  region: COMMON_WORDS.region,
  unitsOptional: {
    id: 'Unit layanan (wajib untuk operator; opsional untuk pemantau)',
    en: 'Service units (required for operators; optional for viewers)',
  },
  allRegions: COMMON_WORDS.allRegions,
  chooseRegionHelp: {
    id: 'Pilih daerah untuk mengundang petugas daerah itu. Tanpa daerah, hanya super admin yang dapat diundang.',
    en: 'Choose a region to invite its staff. Without a region, only super admins can be invited.',
  },
  status_invited: { id: 'Diundang', en: 'Invited' },
  status_active: { id: 'Aktif', en: 'Active' },
  status_disabled: { id: 'Dinonaktifkan', en: 'Disabled' },
  newInvitation: {
    id: 'Tautan undangan (salin sekarang, tidak akan ditampilkan lagi):',
    en: 'Invitation link (copy it now; it will not be shown again):',
  },
  resetLink: { id: 'Tautan atur ulang kata sandi', en: 'Password reset link' },
  resetLinkTotp: { id: 'Tautan + hapus autentikator', en: 'Link + remove authenticator' },
  newResetLink: {
    id: 'Tautan sekali pakai (salin sekarang, berlaku 24 jam):',
    en: 'One-time link (copy it now; valid 24 hours):',
  },
  disable: { id: 'Nonaktifkan', en: 'Disable' },
  enable: { id: 'Aktifkan', en: 'Enable' },
  signOutEverywhere: { id: 'Keluar dari semua perangkat', en: 'Sign out everywhere' },
  acceptHeading: { id: 'Atur kata sandi', en: 'Set your password' },
  acceptHelp: {
    id: 'Minimal 12 karakter dan bukan alamat e-mail Anda. Kalimat pendek yang mudah diingat lebih baik daripada kata yang rumit.',
    en: 'At least 12 characters and not your e-mail address. A short sentence you remember beats a complicated word.',
  },
  newPassword: { id: 'Kata sandi baru', en: 'New password' },
  repeatPassword: { id: 'Ulangi kata sandi', en: 'Repeat the password' },
  passwordsDiffer: { id: 'Kedua kata sandi tidak sama.', en: 'The two passwords differ.' },
  missingToken: {
    id: 'Tautan ini tidak lengkap. Buka tautan dari undangan persis seperti yang diterima.',
    en: 'This link is incomplete. Open the link from the invitation exactly as received.',
  },
  passwordSet: { id: 'Kata sandi tersimpan. Silakan masuk.', en: 'Password saved. Please sign in.' },
  security: { id: 'Keamanan akun', en: 'Account security' },
  totpHeading: { id: 'Autentikator (TOTP)', en: 'Authenticator (TOTP)' },
  totpOff: {
    id: 'Belum aktif. Dengan autentikator, masuk memerlukan kode 6 angka dari aplikasi di ponsel Anda.',
    en: 'Not enabled. With an authenticator, signing in needs a 6-digit code from an app on your phone.',
  },
  totpOn: {
    id: 'Aktif: masuk memerlukan kode dari aplikasi autentikator.',
    en: 'Enabled: signing in needs a code from the authenticator app.',
  },
  totpEnrol: { id: 'Aktifkan autentikator', en: 'Enable an authenticator' },
  totpScan: {
    id: 'Pindai kode QR dengan aplikasi autentikator (atau ketik kunci rahasia), lalu masukkan kode pertama di bawah.',
    en: 'Scan the QR code with an authenticator app (or type the secret key), then enter the first code below.',
  },
  totpQrAlt: { id: 'Kode QR untuk aplikasi autentikator', en: 'QR code for the authenticator app' },
  totpConfirm: { id: 'Konfirmasi kode', en: 'Confirm code' },
  totpDisable: { id: 'Matikan autentikator', en: 'Turn off the authenticator' },
  code: { id: 'Kode 6 angka', en: '6-digit code' },
  currentPassword: { id: 'Kata sandi Anda saat ini', en: 'Your current password' },
  changePassword: { id: 'Ganti kata sandi', en: 'Change password' },
  passwordChanged: {
    id: 'Kata sandi diganti. Sesi lain akun ini telah diakhiri.',
    en: 'Password changed. The account’s other sessions have ended.',
  },
  bootstrapNoAccount: {
    id: 'Sesi token admin tidak punya akun pribadi. Buat akun super admin untuk diri Anda di halaman Akun petugas.',
    en: 'A token session has no personal account. Create a super admin account for yourself under Staff accounts.',
  },
  audit: { id: 'Log audit', en: 'Audit log' },
  auditHelp: {
    id: 'Siapa mengubah apa, dan kapan. Setiap perubahan oleh admin tercatat di sini.',
    en: 'Who changed what, and when. Every admin change is recorded here.',
  },
  who: { id: 'Siapa', en: 'Who' },
  what: { id: 'Apa', en: 'What' },
  when: { id: 'Kapan', en: 'When' },
  auditTarget: { id: 'Sasaran', en: 'Target' },
  from: { id: 'Dari tanggal', en: 'From date' },
  to: { id: 'Sampai tanggal (tidak termasuk)', en: 'To date (exclusive)' },
  anyone: { id: 'Siapa saja', en: 'Anyone' },
  anything: { id: 'Apa saja', en: 'Anything' },
  filter: COMMON_WORDS.filter,
  noAudit: { id: 'Tidak ada catatan untuk saringan ini.', en: 'No entries for this filter.' },
  olderEntries: { id: 'Catatan lebih lama →', en: 'Older entries →' },
  newestEntries: { id: '← Catatan terbaru', en: '← Newest entries' },
  forbiddenHere: { id: 'Akun ini tidak bekerja di sini.', en: 'This account does not work here.' },
  token: { id: 'Token admin', en: 'Admin token' },
  signIn: { id: 'Masuk', en: 'Sign in' },
  signOut: { id: 'Keluar', en: 'Sign out' },
  regions: { id: 'Pemerintah daerah', en: 'Regions' },
  noRegions: { id: 'Belum ada daerah. Tambahkan yang pertama di bawah.', en: 'No region yet. Add the first below.' },
  addRegion: { id: 'Tambah daerah', en: 'Add a region' },
  slug: { id: 'Slug (huruf kecil, angka, tanda hubung)', en: 'Slug (lowercase letters, digits, hyphens)' },
  name: { id: 'Nama', en: 'Name' },
  timezone: { id: 'Zona waktu', en: 'Time zone' },
  regionCode: { id: 'Kode wilayah Kemendagri', en: 'Kemendagri region code' },
  regionCodeHint: {
    id: 'NN.NN untuk kabupaten/kota (mis. 21.72), NN untuk provinsi. Nama, slug dan zona waktu diisi dari kode bila kosong.',
    en: 'NN.NN for a kabupaten/kota (e.g. 21.72), NN for a province. Name, slug and time zone come from the code when left empty.',
  },
  timezoneFromProvince: { id: 'Sesuai provinsi (WIB, WITA atau WIT)', en: 'From the province (WIB, WITA or WIT)' },
  save: { id: 'Simpan', en: 'Save' },
  units: COMMON_WORDS.units,
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
  kiosks: { id: 'Kios terdaftar', en: 'Enrolled kiosks' },
  kiosksHelp: {
    id: 'Hanya layar kios yang didaftarkan menampilkan kode QR berganti, dan tablet kios boleh mengirim penilaian banyak warga tanpa batas per jam per perangkat. Tautan pendaftaran ditampilkan sekali, berlaku 24 jam, untuk satu layar.',
    en: 'Only enrolled kiosk screens show the rotating QR code, and a kiosk tablet may send many citizens’ ratings without the hourly per-device limit. The enrolment link is shown once, valid for 24 hours, for one screen.',
  },
  noKiosks: { id: 'Belum ada kios.', en: 'No kiosk yet.' },
  enrolKiosk: { id: 'Daftarkan kios', en: 'Enrol a kiosk' },
  kioskLabel: { id: 'Nama kios (mis. Tablet loket 1)', en: 'Kiosk name (e.g. Counter 1 tablet)' },
  kioskLink: {
    id: 'Buka tautan ini sekali di layar kios (berlaku 24 jam, hanya ditampilkan sekarang):',
    en: 'Open this link once on the kiosk screen (valid for 24 hours, shown only now):',
  },
  kioskPending: { id: 'Menunggu pendaftaran', en: 'Awaiting enrolment' },
  kioskEnrolled: { id: 'Terdaftar', en: 'Enrolled' },
  kioskExpired: { id: 'Tautan kedaluwarsa', en: 'Link expired' },
  lastSeen: { id: 'Terakhir aktif', en: 'Last seen' },
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
  unit: COMMON_WORDS.unit,
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
    id: 'Penilaian yang ditahan (melebihi batas per jam satu perangkat atau jaringan di satu loket, atau banyak penilaian dalam semenit) tersimpan tetapi tidak dihitung sampai diterima. Warga yang mengirimnya sudah diberi tahu.',
    en: 'Held ratings (over the hourly share of one device or network at a counter, or many within a minute) are stored but left out of every figure until accepted. The citizens who sent them were told so.',
  },
  noFlagged: { id: 'Tidak ada penilaian yang ditandai.', en: 'No flagged ratings.' },
  reason: { id: 'Alasan', en: 'Reason' },
  reason_burst: {
    id: 'Banyak penilaian dalam satu menit di loket ini dari jaringan yang sama',
    en: 'Many ratings within a minute at this counter from one network',
  },
  'reason_identical-repeat': {
    id: 'Jawaban sama persis dengan penilaian sebelumnya dari jaringan yang sama',
    en: 'Identical answers to an earlier rating from the same network',
  },
  'reason_device-limit': {
    id: 'Lebih dari batas per jam untuk satu perangkat di loket ini',
    en: 'Over the hourly share of one device at this counter',
  },
  'reason_network-limit': {
    id: 'Lebih dari batas per jam untuk satu jaringan di loket ini',
    en: 'Over the hourly share of one network at this counter',
  },
  answers: { id: 'Jawaban U1–U9', en: 'Answers U1–U9' },
  date: { id: 'Tanggal', en: 'Date' },
  paperEntry: { id: 'Entri kuesioner kertas', en: 'Paper questionnaire entry' },
  paperEntryHelp: {
    id: 'Ketik sembilan angka 1–4 berturut-turut (tanpa Tab): setiap angka mengisi satu unsur lalu pindah ke berikutnya; Backspace kembali. Lalu, bila ada, angka untuk jenis layanan dan data responden. Enter menyimpan; formulir kosong lagi dan kursor kembali ke U1. Ctrl+Z membatalkan entri terakhir.',
    en: 'Type nine digits 1–4 in a row (no Tab): each digit fills one element and moves on; Backspace goes back. Then, if any, a digit for the service and the respondent fields. Enter saves; the form clears and focus returns to U1. Ctrl+Z undoes the last entry.',
  },
  questionnaireDate: { id: 'Tanggal kuesioner', en: 'Questionnaire date' },
  dateHelp: {
    id: 'Menurut zona waktu daerah; tetap sama untuk entri berikutnya.',
    en: 'In the region’s time zone; kept for the next entries.',
  },
  scores: { id: 'Jawaban unsur U1–U9 (1–4)', en: 'Element answers U1–U9 (1–4)' },
  optional: { id: 'Opsional', en: 'Optional' },
  none: { id: 'tidak diisi', en: 'not given' },
  gender: COMMON_WORDS.gender,
  age: { id: 'Usia', en: 'Age' },
  education: { id: 'Pendidikan', en: 'Education' },
  occupation: COMMON_WORDS.occupation,
  suggestion: { id: 'Saran / komentar tertulis', en: 'Written suggestion / comment' },
  shortcutHelp: {
    id: 'Pada pilihan bernomor, tekan angkanya (0 = tidak diisi) untuk memilih dan pindah; Tab sesudahnya tidak melompati kolom. Usia tidak pindah sendiri: tekan Tab, atau langsung angka pendidikan.',
    en: 'In numbered choices, press its digit (0 = not given) to choose and move on; a Tab right after it skips nothing. The age does not move on by itself: press Tab, or go straight on with the education digit.',
  },
  saveEntry: { id: 'Simpan (Enter)', en: 'Save (Enter)' },
  undoLast: { id: 'Batalkan entri terakhir (Ctrl+Z)', en: 'Undo last entry (Ctrl+Z)' },
  sessionEntries: { id: 'Entri sesi ini', en: 'This session’s entries' },
  noEntries: { id: 'Belum ada entri pada sesi ini.', en: 'No entry in this session yet.' },
  followUp: { id: 'Tindak lanjut', en: 'Follow-up' },
  followUpHelp: {
    id: 'Rencana tindak lanjut hasil SKM: mulai dari unsur terlemah. Semua yang ditulis di sini tampil di halaman publik unit (“Anda berkata, kami bertindak”); isi penanggung jawab dengan jabatan, bukan nama orang.',
    en: 'The SKM follow-up plan: start from the weakest elements. Everything written here is shown on the unit’s public page (“You said, we did”); give the owner as a position, not a person’s name.',
  },
  period: COMMON_WORDS.period,
  show: COMMON_WORDS.show,
  weakest: { id: 'Unsur terlemah (saran)', en: 'Weakest elements (suggestions)' },
  noScores: {
    id: 'Belum ada penilaian pada periode ini, jadi belum ada saran unsur.',
    en: 'No ratings in this period yet, so no element to suggest.',
  },
  actions: { id: 'Rencana aksi', en: 'Action items' },
  noActions: { id: 'Belum ada rencana aksi untuk periode ini.', en: 'No action item for this period yet.' },
  addAction: { id: 'Tambah rencana aksi', en: 'Add an action item' },
  element: COMMON_WORDS.element,
  unitWide: { id: 'Seluruh unit', en: 'Unit-wide' },
  issue: { id: 'Masalah (yang disampaikan responden)', en: 'Issue (what respondents said)' },
  action: { id: 'Tindakan', en: 'Action' },
  owner: { id: 'Penanggung jawab (jabatan)', en: 'Owner (position)' },
  dueDate: { id: 'Tenggat', en: 'Due date' },
  status: { id: 'Status', en: 'Status' },
  planned: COMMON_WORDS.followUpPlanned,
  in_progress: COMMON_WORDS.followUpInProgress,
  done: COMMON_WORDS.followUpDone,
  evidence: { id: 'Bukti (apa yang sudah dilakukan)', en: 'Evidence (what was done)' },
  evidenceUrl: { id: 'Tautan bukti (https://…)', en: 'Evidence link (https://…)' },
  delete: { id: 'Hapus', en: 'Delete' },
  back: { id: 'Kembali ke daftar daerah', en: 'Back to the regions' },
  backToRegion: { id: 'Kembali ke daerah', en: 'Back to the region' },
  publicPage: { id: 'Halaman publik', en: 'Public page' },
  apiDocs: COMMON_WORDS.apiDocs,
  reports: { id: 'Laporan SKM dan bukti dukung SKP', en: 'SKM report and SKP evidence' },
  reportsHelp: {
    id: 'Laporan resmi sesuai PermenPANRB 14/2017 untuk satu unit atau seluruh daerah. Angka internal: tidak ada penyembunyian kelompok kecil. Laporan unit memuat tautan dan kode QR bukti dukung SKP.',
    en: 'The official report (PermenPANRB 14/2017) of one unit or the whole region. Internal figures: nothing is suppressed. A unit’s report carries the signed SKP evidence link and QR code.',
  },
  reportUnit: COMMON_WORDS.unit,
  wholeRegion: { id: 'Seluruh unit (laporan daerah)', en: 'All units (region report)' },
  periodHelp: {
    id: 'Bawaan: triwulan berjalan. Periode yang masih berjalan memuat data sampai hari ini.',
    en: 'Default: the current quarter. A period in progress holds the data up to today.',
  },
  periodQuarters: { id: 'Triwulan', en: 'Quarters' },
  periodSemesters: { id: 'Semester', en: 'Half-years' },
  periodYears: { id: 'Tahun', en: 'Years' },
  periodMonths: { id: 'Bulan', en: 'Months' },
  periodOngoing: { id: 'berjalan', en: 'in progress' },
  openReport: { id: 'Buka laporan (A4, cetak)', en: 'Open the report (A4, print)' },
  downloadPdf: { id: 'Unduh PDF', en: 'Download PDF' },
  skpEvidence: { id: 'Bukti dukung SKP', en: 'SKP evidence' },
  unitHead: { id: 'Kepala unit (penanda tangan laporan SKM)', en: 'Head of the unit (signs the SKM report)' },
  unitHeadName: { id: 'Nama kepala unit, dengan gelar', en: 'Name of the head, with titles' },
  unitHeadNip: { id: 'NIP (18 angka, opsional)', en: 'NIP (18 digits, optional)' },
  unitHeadMissing: {
    id: 'Kepala unit belum diisi: laporan SKM mencetak baris kosong untuk nama dan NIP, yang harus diisi tangan.',
    en: 'No head of the unit is set: the SKM report prints blank lines for the name and NIP, to fill in by hand.',
  },
  unitHeadAskAdmin: {
    id: 'Minta admin wilayah mengisinya.',
    en: 'Ask a region admin to set it.',
  },
  issueEvidence: { id: 'Terbitkan tautan bukti', en: 'Issue the evidence link' },
  evidenceLink: {
    id: 'Tautan bukti dukung (bertanda tangan; berikan kepada penilai SKP):',
    en: 'Evidence link (signed; give it to the SKP assessor):',
  },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  working: { id: 'Memproses…', en: 'Working…' },
  failed: { id: 'Gagal', en: 'Failed' },
  dashboard: { id: 'Dasbor', en: 'Dashboard' },
  dashboardIntro: {
    id: 'Bulan ini dibanding bulan lalu, dengan angka lengkap (tanpa penyembunyian) untuk staf. Peringatan di atas, yang paling mendesak lebih dulu.',
    en: 'This month against last, with full (unsuppressed) figures for staff. Alerts first, the most urgent at the top.',
  },
  month: COMMON_WORDS.month,
  allUnits: { id: 'Semua unit', en: 'All units' },
  alerts: { id: 'Peringatan', en: 'Alerts' },
  noAlerts: { id: 'Tidak ada peringatan', en: 'No alerts' },
  noAlertsHelp: {
    id: 'Semua unit stabil bulan ini, sampel sesuai target dan tidak ada antrean moderasi.',
    en: 'Every unit is steady this month, samples are on track and nothing waits for moderation.',
  },
  severityCritical: { id: 'Kritis', en: 'Critical' },
  severityWarning: { id: 'Perhatian', en: 'Warning' },
  severityInfo: { id: 'Info', en: 'Info' },
  alertIkmDrop: {
    id: 'IKM turun {points} poin: dari {from} menjadi {to}.',
    en: 'IKM fell {points} points: from {from} to {to}.',
  },
  alertGradeDrop: { id: 'Mutu turun dari {from} ke {to}.', en: 'Grade dropped from {from} to {to}.' },
  alertElementD: {
    id: 'Unsur bermutu D (Tidak Baik): {elements}.',
    en: 'Elements graded D (Very poor): {elements}.',
  },
  alertSampleBehind: {
    id: 'Sampel tertinggal: {achieved} responden sejak 1 Januari, seharusnya {required} sampai {asOf} (target setahun {year}).',
    en: 'Sample behind: {achieved} responses since 1 January, {required} due by {asOf} (year’s target {year}).',
  },
  alertComments: {
    id: '{count} komentar menunggu moderasi, terlama {days} hari.',
    en: '{count} comments waiting for moderation, the oldest for {days} days.',
  },
  alertFlags: {
    id: '{count} penilaian ditandai menunggu keputusan, terlama {days} hari.',
    en: '{count} flagged ratings waiting for a decision, the oldest for {days} days.',
  },
  openUnit: { id: 'Lihat dasbor unit', en: 'Open the unit’s dashboard' },
  openModeration: { id: 'Buka moderasi', en: 'Open moderation' },
  thisMonth: { id: 'Bulan ini', en: 'This month' },
  lastMonth: { id: 'Bulan lalu', en: 'Last month' },
  against: { id: 'dibanding', en: 'against' },
  change: { id: 'Perubahan', en: 'Change' },
  ikm: COMMON_WORDS.ikm,
  grade: { id: 'Mutu', en: 'Grade' },
  responsesCount: COMMON_WORDS.responses,
  regionTotal: { id: 'Seluruh daerah', en: 'Whole region' },
  elementScore: { id: 'Nilai (NRR × 25)', en: 'Score (NRR × 25)' },
  sample: { id: 'Sampel tahun ini', en: 'This year’s sample' },
  sampleText: {
    id: '{achieved} responden sejak 1 Januari sampai {asOf}; seharusnya {required} (target setahun {year}, Krejcie & Morgan untuk populasi {population}).',
    en: '{achieved} responses from 1 January to {asOf}; {required} due (year’s target {year}, Krejcie & Morgan for a population of {population}).',
  },
  noPopulation: {
    id: 'Populasi per tahun belum diisi, jadi target sampel tidak dapat dihitung.',
    en: 'No yearly population set, so the sample target cannot be computed.',
  },
  waiting: { id: 'Menunggu moderasi', en: 'Waiting for moderation' },
  heldColumn: { id: 'Ditahan', en: 'Held' },
  heldText: {
    id: '{count} penilaian bulan ini tersimpan tetapi ditahan sampai diperiksa petugas ({share} dari penilaian bulan ini), karena banyak penilaian datang dari jaringan atau perangkat yang sama.',
    en: '{count} ratings this month are saved but held until a staff check ({share} of this month’s ratings), because many ratings came from the same network or device.',
  },
  noData: { id: 'tidak ada data', en: 'no data' },
  noUnitsDashboard: { id: 'Daerah ini belum punya unit layanan.', en: 'This region has no service unit yet.' },
  alertsCount: { id: 'Peringatan', en: 'Alerts' },
  dashboardMonthNote: {
    id: 'Bulan ditulis TTTT-BB dan tidak boleh bulan yang belum dimulai; yang ditampilkan bulan ini.',
    en: 'Write the month as YYYY-MM, and not one that has not begun; this month is shown instead.',
  },
  noServiceGiven: COMMON_WORDS.noService,
});

const WORDS = consoleWords.words;

export type AdminWord = keyof typeof WORDS;

export const adminWord = consoleWords.t;

/** A held rating's reason in words; an unknown code is shown as it is. */
export function flagReasonWord(locale: Locale, reason: string | null): string {
  if (reason === null) return '—';
  const key = `reason_${reason}`;
  return key in WORDS ? WORDS[key as AdminWord][locale] : reason;
}

export function roleWord(locale: Locale, role: 'super' | 'region_admin' | 'unit_operator' | 'viewer'): string {
  return WORDS[`role_${role}`][locale];
}

/** Each audited action in words (worker/services/admin/audit.ts writes them); an unknown one is shown as it is. */
const AUDIT_ACTIONS: Record<string, Record<Locale, string>> = {
  'region.create': { id: 'Menambah daerah', en: 'Added a region' },
  'unit.create': { id: 'Menambah unit layanan', en: 'Added a service unit' },
  'service.create': { id: 'Menambah jenis layanan', en: 'Added a service' },
  'counter.create': { id: 'Menambah loket', en: 'Added a counter' },
  'counter.update': { id: 'Mengubah loket', en: 'Changed a counter' },
  'kiosk.create': { id: 'Membuat tautan pendaftaran kios', en: 'Created a kiosk enrolment link' },
  'kiosk.enrol': { id: 'Kios terdaftar', en: 'A kiosk enrolled' },
  'kiosk.revoke': { id: 'Mencabut kios', en: 'Revoked a kiosk' },
  'api-key.create': { id: 'Membuat kunci API', en: 'Created an API key' },
  'api-key.revoke': { id: 'Mencabut kunci API', en: 'Revoked an API key' },
  'responses.import': { id: 'Mengimpor kuesioner kertas (CSV)', en: 'Imported paper questionnaires (CSV)' },
  'responses.enter': { id: 'Memasukkan satu kuesioner kertas', en: 'Keyed in a paper questionnaire' },
  'responses.undo': { id: 'Membatalkan kuesioner kertas', en: 'Undid a paper questionnaire' },
  'response.accept': { id: 'Menerima penilaian yang ditahan', en: 'Accepted a held rating' },
  'response.reject': { id: 'Menolak penilaian yang ditahan', en: 'Rejected a held rating' },
  'comment.moderate': { id: 'Memoderasi komentar', en: 'Moderated a comment' },
  'follow-up.create': { id: 'Menambah tindak lanjut', en: 'Added a follow-up action' },
  'follow-up.update': { id: 'Mengubah tindak lanjut', en: 'Changed a follow-up action' },
  'follow-up.delete': { id: 'Menghapus tindak lanjut', en: 'Deleted a follow-up action' },
  'evidence.issue': { id: 'Menerbitkan tautan bukti SKP', en: 'Issued an SKP evidence link' },
  'user.create': { id: 'Mengundang petugas', en: 'Invited a staff member' },
  'user.accept-invitation': { id: 'Menerima undangan', en: 'Accepted an invitation' },
  'user.reset-link': { id: 'Membuat tautan atur ulang kata sandi', en: 'Created a password reset link' },
  'user.reset-password': { id: 'Mengatur ulang kata sandi', en: 'Reset a password' },
  'user.change-password': { id: 'Mengganti kata sandi', en: 'Changed a password' },
  'user.disable': { id: 'Menonaktifkan akun', en: 'Disabled an account' },
  'user.enable': { id: 'Mengaktifkan akun', en: 'Enabled an account' },
  'session.create': { id: 'Masuk ke konsol', en: 'Signed in' },
  'session.delete': { id: 'Keluar dari konsol', en: 'Signed out' },
  'session.delete-all': { id: 'Mengakhiri semua sesi akun', en: 'Ended all of an account’s sessions' },
  'session.sign-in-failed': { id: 'Gagal masuk', en: 'Failed sign-in' },
  'session.reauth-failed': { id: 'Gagal konfirmasi kata sandi', en: 'Failed password confirmation' },
  'totp.enrol': { id: 'Memulai pemasangan autentikator', en: 'Started adding an authenticator' },
  'totp.confirm': { id: 'Mengaktifkan autentikator', en: 'Enabled an authenticator' },
  'totp.disable': { id: 'Mematikan autentikator', en: 'Turned off an authenticator' },
};

export function auditActionWord(locale: Locale, action: string): string {
  return AUDIT_ACTIONS[action]?.[locale] ?? action;
}

const AUDIT_TARGETS: Record<string, Record<Locale, string>> = {
  region: COMMON_WORDS.region,
  unit: { id: 'Unit', en: 'Unit' },
  service: { id: 'Layanan', en: 'Service' },
  counter: { id: 'Loket', en: 'Counter' },
  comment: { id: 'Komentar', en: 'Comment' },
  response: { id: 'Penilaian', en: 'Rating' },
  'follow-up': { id: 'Tindak lanjut', en: 'Follow-up' },
  user: { id: 'Akun', en: 'Account' },
};

/**
 * Who acted, in words: an account's name and e-mail, a kiosk's label, the bootstrap token, or nobody known (a
 * failed sign-in); never a bare id.
 */
export function auditActorWord(
  locale: Locale,
  entry: { actor: string; actorEmail: string | null; actorName: string | null },
): string {
  if (entry.actor === 'admin-token') return WORDS.bootstrapActor[locale];
  if (entry.actor === 'anonymous') return locale === 'id' ? 'Tidak dikenal (gagal masuk)' : 'Unknown (failed sign-in)';
  if (entry.actor.startsWith('kiosk:')) {
    return `${locale === 'id' ? 'Kios' : 'Kiosk'} “${entry.actorName ?? '?'}”`;
  }
  if (entry.actorEmail) return entry.actorName ? `${entry.actorName} (${entry.actorEmail})` : entry.actorEmail;
  return locale === 'id' ? 'Akun yang sudah dihapus' : 'A deleted account';
}

/** What an entry concerns, in words: "Akun budi@…", "Loket 7k2m…", "Unit tanjungpinang/disdukcapil". */
export function auditTargetWord(locale: Locale, entry: { target: string; targetEmail: string | null }): string {
  if (entry.target === 'session') return '—';
  const colon = entry.target.indexOf(':');
  const kind = colon > 0 ? entry.target.slice(0, colon) : '';
  const word = AUDIT_TARGETS[kind]?.[locale];
  if (!word) return entry.target;
  if (kind === 'user') return `${word} ${entry.targetEmail ?? (locale === 'id' ? 'yang sudah dihapus' : '(deleted)')}`;
  return `${word} ${entry.target.slice(colon + 1)}`;
}
