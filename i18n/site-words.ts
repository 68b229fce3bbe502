/**
 * @module
 * The public site's words in Bahasa Indonesia and English (`t`, `tf`), and why a figure is missing in a word.
 */
import { withheldReason } from '../domain/summary';
import type { Locale } from '../domain/survey';
import { COMMON_WORDS } from './common-words';
import { dictionary } from './words';

export const siteWords = dictionary({
  siteName: { id: 'Suara Layanan', en: 'Suara Layanan' },
  tagline: {
    id: 'Kepuasan masyarakat terhadap pelayanan publik, terbuka untuk semua.',
    en: 'Citizen satisfaction with public services, open to everyone.',
  },
  skip: { id: 'Langsung ke konten', en: 'Skip to content' },
  navRegions: { id: 'Daerah', en: 'Regions' },
  navData: { id: 'Data terbuka', en: 'Open data' },
  navAbout: { id: 'Tentang metode', en: 'About the method' },
  otherLanguage: { id: 'English', en: 'Bahasa Indonesia' },
  regionsHeading: { id: 'Pemerintah daerah', en: 'Local governments' },
  noRegions: {
    id: 'Belum ada daerah yang terdaftar. Administrator dapat menambahkannya di konsol admin.',
    en: 'No region has been registered yet. An administrator can add one in the admin console.',
  },
  footer: {
    id: 'Data dipublikasikan dengan lisensi CC BY 4.0. Tidak ada data pribadi yang ditampilkan.',
    en: 'Data published under CC BY 4.0. No personal data is shown.',
  },
  ikm: COMMON_WORDS.ikm,
  ikmLong: { id: 'Indeks Kepuasan Masyarakat', en: 'Community Satisfaction Index' },
  grade: { id: 'Mutu pelayanan', en: 'Service grade' },
  responses: COMMON_WORDS.responses,
  rank: { id: 'Peringkat', en: 'Rank' },
  unit: COMMON_WORDS.unit,
  units: COMMON_WORDS.units,
  trend: { id: 'Tren 12 bulan', en: '12-month trend' },
  interval: { id: 'Selang kepercayaan 95%', en: '95% confidence interval' },
  period: COMMON_WORDS.period,
  show: COMMON_WORDS.show,
  year: { id: 'Tahun', en: 'Year' },
  regionIkm: { id: 'IKM seluruh unit', en: 'IKM of all units' },
  notEnough: { id: 'Data belum cukup', en: 'Not enough data' },
  noData: { id: 'Belum ada penilaian', en: 'No ratings yet' },
  perService: { id: 'Per jenis layanan', en: 'Per service' },
  service: { id: 'Jenis layanan', en: 'Service' },
  noService: COMMON_WORDS.noService,
  withheld: { id: 'disembunyikan', en: 'withheld' },
  withheldShort: { id: 'Disembunyikan', en: 'Withheld' },
  noServices: { id: 'Unit ini belum mencatat jenis layanan.', en: 'This unit has no services recorded yet.' },
  serviceWithheldNote: {
    id: 'Nilai layanan dengan kurang dari 10 responden tidak ditampilkan, hanya jumlahnya. Bila perlu, nilai lain juga disembunyikan, agar nilai yang tersembunyi tidak dapat dihitung dari nilai unit, layanan atau periode lain yang tampil.',
    en: 'Figures of a service with fewer than 10 responses are not shown, only its count. Where needed other figures are withheld too, so a hidden figure cannot be worked out from the unit’s, other services’ or other periods’ figures.',
  },
  suppressedWhy: {
    id: 'Nilai unit dengan kurang dari 10 responden dalam periode ini tidak ditampilkan: angka dari sedikit orang mudah menyesatkan dan dapat mengungkap penilaian pribadi. Nilai yang lebih besar juga disembunyikan bila bersama angka lain yang tampil dapat membuka nilai yang tersembunyi. Jumlah respondennya tetap ditampilkan.',
    en: 'Figures of a unit with fewer than 10 responses in this period are not shown: figures from a few people mislead easily and could reveal individual ratings. A larger figure is withheld too when, with other published figures, it would reveal a hidden one. The number of responses is still shown.',
  },
  rankingNote: {
    id: 'Urutan memakai penyesuaian statistik yang adil: unit dengan sedikit responden ditarik ke rata-rata daerah, sehingga beberapa nilai sempurna tidak langsung menempati posisi teratas. Unit yang datanya belum cukup ditaruh di akhir.',
    en: 'The order uses a fair statistical adjustment: units with few responses are pulled toward the regional average, so a handful of perfect ratings cannot top the list. Units without enough data come last.',
  },
  noUnits: { id: 'Daerah ini belum memiliki unit layanan.', en: 'This region has no service units yet.' },
  withheldFew: {
    id: '{n} responden dalam periode ini, kurang dari 10, sehingga angka tidak ditampilkan demi kerahasiaan responden.',
    en: '{n} responses in this period, fewer than 10, so no figure is shown to protect the respondents’ privacy.',
  },
  withheldProtected: {
    id: '{n} responden dalam periode ini, cukup untuk dihitung, tetapi angkanya disembunyikan untuk melindungi angka lain: bersama angka yang tampil, angka ini dapat membuka angka kelompok kecil yang tersembunyi (penyembunyian pelengkap).',
    en: '{n} responses in this period, enough to compute, but the figure is withheld to protect other figures: together with the published ones it would reveal a hidden small group’s figure (complementary suppression).',
  },
  monthsFew: {
    id: '{n} responden dalam {months} bulan ini, tetapi tidak ada bulan dengan sedikitnya 10 responden, sehingga angka bulanan tidak ditampilkan demi kerahasiaan responden.',
    en: '{n} responses over these {months} months, but no month has at least 10, so no monthly figure is shown to protect the respondents’ privacy.',
  },
  monthsProtected: {
    id: '{n} responden dalam {months} bulan ini, tetapi setiap angka bulanan disembunyikan: bulan yang kecil karena kurang dari 10 responden, yang lain untuk melindungi angka yang tersembunyi (penyembunyian pelengkap).',
    en: '{n} responses over these {months} months, but every monthly figure is withheld: small months for having fewer than 10 responses, the others to protect hidden figures (complementary suppression).',
  },
  withheldLonger: {
    id: 'Pilih periode yang lebih panjang (triwulan, semester atau tahun) untuk melihat angkanya.',
    en: 'Choose a longer period (quarter, half-year or year) to see a figure.',
  },
  withheldMethod: { id: 'Mengapa angka disembunyikan', en: 'Why figures are withheld' },
  noRatingsPeriod: {
    id: 'Belum ada penilaian dalam periode ini. Coba periode lain.',
    en: 'No ratings in this period yet. Try another period.',
  },
  elements: { id: 'Sembilan unsur pelayanan', en: 'The nine service elements' },
  elementsIntro: {
    id: 'Nilai rata-rata (NRR, skala 1–4) tiap unsur. Garis tegak menandai batas mutu A, B dan C.',
    en: 'Mean score (NRR, scale 1–4) of each element. Vertical lines mark the thresholds of grades A, B and C.',
  },
  element: COMMON_WORDS.element,
  nrr: { id: 'NRR', en: 'NRR' },
  distribution: { id: 'Sebaran jawaban', en: 'Distribution of answers' },
  distributionIntro: {
    id: 'Persentase responden yang memilih tiap jawaban, dari 1 (terburuk) sampai 4 (terbaik).',
    en: 'Share of responses choosing each answer, from 1 (worst) to 4 (best).',
  },
  overTime: { id: 'IKM dari bulan ke bulan', en: 'IKM month by month' },
  overTimeIntro: {
    id: 'Garis: IKM bulanan. Pita: selang kepercayaan 95%. Bulan dengan kurang dari 10 responden tidak digambar.',
    en: 'Line: monthly IKM. Band: 95% confidence interval. Months with fewer than 10 responses are not drawn.',
  },
  chartTable: { id: 'Tabel data grafik', en: 'Chart data as a table' },
  month: COMMON_WORDS.month,
  low: { id: 'Batas bawah', en: 'Lower bound' },
  high: { id: 'Batas atas', en: 'Upper bound' },
  comments: { id: 'Komentar masyarakat', en: 'Citizens’ comments' },
  commentsIntro: {
    id: 'Komentar ditampilkan setelah dimoderasi; data pribadi seperti NIK dan nomor telepon disamarkan.',
    en: 'Comments appear after moderation; personal data such as ID and phone numbers is masked.',
  },
  noComments: {
    id: 'Belum ada komentar yang dipublikasikan dalam periode ini.',
    en: 'No published comments in this period.',
  },
  reply: { id: 'Tanggapan unit', en: 'The unit’s reply' },
  followUp: { id: 'Anda berkata, kami bertindak', en: 'You said, we did' },
  followUpIntro: {
    id: 'Rencana tindak lanjut unit ini atas hasil survei: masalah yang disampaikan masyarakat, tindakan, penanggung jawab, tenggat dan buktinya.',
    en: 'What this unit does about the survey results: the issue citizens raised, the action, who is responsible, the due date and the evidence.',
  },
  noFollowUp: {
    id: 'Unit ini belum menerbitkan rencana tindak lanjut.',
    en: 'This unit has not published a follow-up plan yet.',
  },
  followUpDue: { id: 'Tenggat', en: 'Due' },
  followUpOwner: { id: 'Penanggung jawab', en: 'Responsible' },
  followUpEvidence: { id: 'Lihat bukti', en: 'See the evidence' },
  followUpFor: { id: 'Hasil survei', en: 'Survey results of' },
  followUpAll: { id: 'Semua rencana (JSON)', en: 'All actions (JSON)' },
  status_planned: COMMON_WORDS.followUpPlanned,
  status_in_progress: COMMON_WORDS.followUpInProgress,
  status_done: COMMON_WORDS.followUpDone,
  downloads: { id: 'Unduh data', en: 'Download data' },
  downloadsIntro: {
    id: 'Data unit ini dalam periode yang dipilih, dengan lisensi CC BY 4.0.',
    en: 'This unit’s data for the selected period, licensed CC BY 4.0.',
  },
  scoresFile: { id: 'Skor bulanan', en: 'Monthly scores' },
  serviceScoresFile: { id: 'Skor bulanan per jenis layanan', en: 'Monthly scores per service' },
  responsesFile: { id: 'Jawaban responden (anonim)', en: 'Responses (anonymized)' },
  commentsFile: { id: 'Komentar dan tanggapan', en: 'Comments and replies' },
  badge: { id: 'Lencana untuk situs Anda', en: 'Badge for your website' },
  badPeriodTitle: { id: 'Periode tidak dikenali', en: 'Unknown period' },
  badPeriod: {
    id: 'Periode ditulis seperti 2026 (tahun), 2026-S2 (semester), 2026-Q4 (triwulan) atau 2026-11 (bulan).',
    en: 'Write a period as 2026 (year), 2026-S2 (half-year), 2026-Q4 (quarter) or 2026-11 (month).',
  },
  backToCurrent: { id: 'Lihat tahun berjalan', en: 'See the current year' },
  notFoundTitle: { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  notFound: {
    id: 'Daerah, unit atau halaman yang Anda cari tidak ada. Mungkin alamatnya salah ketik atau sudah berubah.',
    en: 'The region, unit or page you are looking for does not exist. The address may be mistyped or may have changed.',
  },
  home: { id: 'Ke beranda', en: 'Go to the home page' },
  unitsCount: { id: 'unit layanan', en: 'service units' },
  latest: { id: 'Tahun berjalan', en: 'This year' },
  latestComments: {
    id: 'Menampilkan {shown} komentar terbaru dari {total}. Semua komentar:',
    en: 'Showing the latest {shown} of {total} comments. All comments:',
  },
  dataTitle: { id: 'Data terbuka', en: 'Open data' },
  dataIntro: {
    id: 'Semua angka di portal ini dapat diunduh, diperiksa dan dikutip. Data dipublikasikan dengan lisensi Creative Commons Atribusi 4.0 (CC BY 4.0): bebas dipakai, asalkan sumbernya disebut. Data bersifat anonim: tidak ada nama, tanggal, jam, loket maupun data pribadi lain.',
    en: 'Every figure on this portal can be downloaded, checked and cited. Data are published under Creative Commons Attribution 4.0 (CC BY 4.0): free to use with attribution. Data are anonymous: no names, days, times, counters or other personal data.',
  },
  scoresSummary: {
    id: 'Satu baris per daerah × unit × bulan: jumlah responden, IKM (25–100), mutu dan nilai sembilan unsur (NRR). Bila responden kurang dari 10, jumlahnya tetap ada tetapi semua nilai kosong.',
    en: 'One row per region × unit × month: responses, IKM (25–100), grade and the nine element scores (NRR). Below 10 responses the count is given and every figure is empty.',
  },
  'service-scoresSummary': {
    id: 'Satu baris per daerah × unit × jenis layanan × bulan, dengan angka yang sama seperti skor bulanan. Bila responden suatu layanan kurang dari 10, jumlahnya tetap ada tetapi semua nilai kosong; nilai lain juga dikosongkan bila pengurangan dari angka yang tampil dapat membuka nilai yang disembunyikan.',
    en: 'One row per region × unit × service × month, with the same figures as the monthly scores. Below 10 responses for a service the count is given and every figure is empty; other figures are emptied too when subtracting published figures would reveal a hidden one.',
  },
  responsesSummary: {
    id: 'Satu baris per penilaian: sembilan jawaban dan profil kasar responden, hanya bulan (tanpa tanggal, jam, loket atau komentar). k-anonim dengan k = 5; unit-bulan dengan kurang dari 10 responden tidak dimuat.',
    en: 'One row per rating: the nine answers and a coarse profile, month only (no day, time, counter or comment). k-anonymous with k = 5; unit-months with fewer than 10 responses are left out.',
  },
  commentsSummary: {
    id: 'Komentar yang lolos moderasi, dengan data pribadi disamarkan, beserta tanggapan unit. Hanya bulan, tanpa tanggal atau jam.',
    en: 'Comments that passed moderation, with personal data masked, and the unit’s reply. Month only, no day or time.',
  },
  filterHeading: COMMON_WORDS.filter,
  allRegions: COMMON_WORDS.allRegions,
  region: COMMON_WORDS.region,
  fromMonth: { id: 'Dari bulan', en: 'From month' },
  toMonth: { id: 'Sampai bulan', en: 'To month' },
  monthHint: { id: 'format TTTT-BB, mis. 2026-01', en: 'format YYYY-MM, e.g. 2026-01' },
  badFilter: {
    id: 'Bulan ditulis TTTT-BB (mis. 2026-01), dan bulan awal tidak boleh setelah bulan akhir.',
    en: 'Write months as YYYY-MM (e.g. 2026-01), and the first month must not be after the last.',
  },
  filesHeading: { id: 'Berkas', en: 'Files' },
  noRows: { id: 'tanpa baris untuk saringan ini', en: 'no rows for this filter' },
  sizesNote: {
    id: 'Ukuran berkas adalah perkiraan (tepat sampai sekitar ±25%): jumlah baris dari data saat ini dikali rata-rata ukuran satu baris. Peramban yang mendukung gzip (semua peramban modern, curl --compressed) menerima berkas terkompresi, jauh lebih kecil.',
    en: 'File sizes are estimates (to about ±25%): the current number of rows times the average size of one row. Browsers that accept gzip (every modern browser, curl --compressed) receive the file compressed, much smaller.',
  },
  columns: { id: 'Kolom (kamus data)', en: 'Columns (data dictionary)' },
  column: { id: 'Kolom', en: 'Column' },
  type: { id: 'Tipe', en: 'Type' },
  meaning: { id: 'Arti', en: 'Meaning' },
  packageHeading: { id: 'Paket data dan API', en: 'Data package and API' },
  packageText: {
    id: 'datapackage.json menjelaskan setiap berkas (Frictionless Data Package dengan Table Schema). Angka yang sama tersedia melalui API JSON.',
    en: 'datapackage.json describes every file (a Frictionless Data Package with Table Schemas). The same figures are available from the JSON API.',
  },
  apiDocs: COMMON_WORDS.apiDocs,
  snapshotsHeading: { id: 'Arsip harian untuk kutipan', en: 'Daily snapshots for citation' },
  snapshotsText: {
    id: 'Setiap malam salinan semua berkas disimpan per daerah dan bulan, dan tidak pernah diubah. Kutip alamat arsip beserta tanggalnya; datapackage.json mendaftar setiap bagian, dan SHA256SUMS memuat checksum SHA-256 setiap bagian (periksa dengan sha256sum -c SHA256SUMS).',
    en: 'Every night a copy of every file is stored per region and month, and never changed. Cite the snapshot URL with its date; datapackage.json lists every part, and SHA256SUMS holds the SHA-256 checksum of each part (check with sha256sum -c SHA256SUMS).',
  },
  noSnapshots: {
    id: 'Belum ada arsip. Arsip pertama dibuat malam ini (00.30 WIB).',
    en: 'No snapshots yet. The first is made tonight (00:30 WIB).',
  },
  day: { id: 'Tanggal', en: 'Day' },
  file: { id: 'Berkas', en: 'File' },
  size: { id: 'Ukuran', en: 'Size' },
  citeHeading: { id: 'Cara mengutip', en: 'How to cite' },
  homeIntro: {
    id: 'Warga menilai layanan publik dengan memindai kode QR di loket. Di sini semua orang dapat melihat hasilnya: Indeks Kepuasan Masyarakat (IKM) tiap daerah dan unit layanan, tanpa data pribadi.',
    en: 'Citizens rate public services by scanning the QR code at the counter. Here everyone can see the results: the satisfaction index (IKM) of every region and service unit, without personal data.',
  },
  searchRegions: {
    id: 'Cari daerah (nama, provinsi atau kode wilayah)',
    en: 'Find a region (name, province or region code)',
  },
  search: { id: 'Cari', en: 'Search' },
  clearSearch: { id: 'Tampilkan semua', en: 'Show all' },
  directorySummary: {
    id: '{regions} daerah di {provinces} provinsi.',
    en: '{regions} regions in {provinces} provinces.',
  },
  directoryMatches: {
    id: '{matched} dari {total} daerah cocok dengan “{q}”.',
    en: '{matched} of {total} regions match “{q}”.',
  },
  noMatch: {
    id: 'Tidak ada daerah yang cocok. Coba nama lain, nama provinsi, atau kode wilayah seperti 21.72.',
    en: 'No region matches. Try another name, a province, or a region code such as 21.72.',
  },
  provinces: { id: 'Provinsi', en: 'Provinces' },
  regionsCount: { id: 'daerah', en: 'regions' },
  noRegionCode: { id: 'Tanpa kode wilayah', en: 'Without a region code' },
  regionCode: { id: 'Kode wilayah', en: 'Region code' },
  provinceLabel: { id: 'Provinsi', en: 'Province' },
  cardNotEnough: { id: 'Data belum cukup untuk ditampilkan', en: 'Not enough data to show' },
  cardAbout: {
    id: 'Survei Kepuasan Masyarakat · Data terbuka CC BY 4.0',
    en: 'Citizen satisfaction survey · Open data CC BY 4.0',
  },
  emptyProvinces: {
    id: 'Belum ada daerah dari provinsi berikut:',
    en: 'No region yet from these provinces:',
  },
});

/** `t` gives a word, `tf` a word with its `{name}` placeholders filled. */
export const { t, tf } = siteWords;

const WITHHELD_WORD = { none: 'noData', few: 'notEnough', protected: 'withheldShort' } as const;

/** In a word, why a figure with this published count is missing: no ratings, too few, or withheld. */
export function withheldWord(locale: Locale, responses: number): string {
  return t(locale, WITHHELD_WORD[withheldReason(responses)]);
}
