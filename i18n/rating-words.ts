/**
 * @module
 * The words of the rating form, thanks page and kiosk display in Bahasa Indonesia (default) and English.
 */
import { COMMON_WORDS } from './common-words';
import { dictionary } from './words';

export const ratingWords = dictionary({
  formTitle: { id: 'Penilaian layanan', en: 'Rate this service' },
  intro: {
    id: 'Bagaimana layanan yang Anda terima hari ini? Sembilan pertanyaan, sekitar 30 detik. Tanpa nama.',
    en: 'How was the service you received today? Nine questions, about 30 seconds. Anonymous.',
  },
  allRequired: {
    id: 'Kesembilan pertanyaan wajib dijawab; bagian lain boleh dilewati.',
    en: 'All nine questions need an answer; everything else is optional.',
  },
  progress: { id: '{n} dari 9 terjawab', en: '{n} of 9 answered' },
  keysHint: {
    id: 'Dengan papan ketik: tombol panah memilih jawaban, Tab pindah ke pertanyaan berikutnya.',
    en: 'With a keyboard: the arrow keys choose an answer, Tab moves on to the next question.',
  },
  service: { id: 'Layanan yang Anda terima', en: 'The service you received' },
  optional: { id: '(opsional)', en: '(optional)' },
  chooseService: { id: '— Pilih layanan —', en: '— Choose a service —' },
  about: { id: 'Tentang Anda', en: 'About you' },
  aboutHint: {
    id: 'Membantu instansi memahami siapa yang dilayani. Hanya diterbitkan dalam kelompok, tanpa identitas.',
    en: 'Helps the agency understand whom it serves. Published only in groups, never identifying you.',
  },
  gender: COMMON_WORDS.gender,
  genderL: { id: 'Laki-laki', en: 'Male' },
  genderP: { id: 'Perempuan', en: 'Female' },
  age: { id: 'Umur (tahun)', en: 'Age (years)' },
  education: { id: 'Pendidikan terakhir', en: 'Education' },
  occupation: COMMON_WORDS.occupation,
  notSay: { id: '— Tidak diisi —', en: '— Prefer not to say —' },
  comment: { id: 'Saran atau komentar', en: 'Suggestions or comments' },
  commentHint: {
    id: 'Jangan tulis nama, NIK, atau nomor telepon. Komentar dibaca moderator sebelum ditampilkan.',
    en: 'Do not write names, ID or phone numbers. A moderator reads comments before they are shown.',
  },
  characters: { id: '{n}/1000 karakter', en: '{n}/1000 characters' },
  submit: { id: 'Kirim penilaian', en: 'Send rating' },
  sending: { id: 'Mengirim…', en: 'Sending…' },
  privacy: {
    id: 'Kami tidak menyimpan nama, alamat IP, atau data perangkat Anda.',
    en: 'We store neither your name nor your IP address or device details.',
  },
  how: { id: 'Cara kerja penilaian', en: 'How ratings work' },
  errorSummary: { id: 'Ada yang perlu diperbaiki:', en: 'Please fix the following:' },
  fix: {
    id: 'Ada pertanyaan yang belum dijawab atau perlu diperbaiki (ditandai merah).',
    en: 'Some questions are unanswered or need fixing (marked in red).',
  },
  errAnswer: { id: 'Pilih salah satu jawaban.', en: 'Choose one answer.' },
  errService: { id: 'Pilih layanan dari daftar.', en: 'Choose a service from the list.' },
  errAge: { id: 'Isi umur 15–100 tahun, atau kosongkan.', en: 'Enter an age from 15 to 100, or leave it empty.' },
  errChoice: { id: 'Pilih dari daftar, atau kosongkan.', en: 'Choose from the list, or leave it empty.' },
  errComment: { id: 'Komentar paling banyak 1000 karakter.', en: 'A comment has at most 1000 characters.' },
  errGeneral: {
    id: 'Penilaian belum dapat dikirim. Muat ulang halaman lalu coba lagi.',
    en: 'The rating could not be sent. Reload the page and try again.',
  },
  errBot: {
    id: 'Pemeriksaan keamanan gagal. Tunggu sebentar lalu kirim lagi.',
    en: 'The security check failed. Wait a moment and send again.',
  },
  errMinuteLimit: {
    id: 'Terlalu banyak penilaian dalam satu menit dari jaringan atau perangkat ini, jadi penilaian Anda belum tersimpan. Jawaban Anda masih ada di bawah: tunggu satu menit lalu tekan “Kirim penilaian” lagi.',
    en: 'Too many ratings in one minute from this network or device, so your rating is not saved yet. Your answers are still below: wait a minute, then press “Send rating” again.',
  },
  errKiosk: {
    id: 'Kode QR layar sudah kedaluwarsa. Pindai lagi kode QR di layar loket.',
    en: 'The QR code from the screen has expired. Scan the code on the counter’s screen again.',
  },
  errUnavailable: {
    id: 'Layanan sedang sibuk. Jawaban Anda aman; coba kirim lagi sebentar lagi.',
    en: 'The service is busy. Your answers are safe; try sending again shortly.',
  },
  queued: {
    id: 'Tidak ada koneksi. Penilaian Anda tersimpan di ponsel ini dan akan terkirim otomatis saat koneksi kembali.',
    en: 'No connection. Your rating is saved on this phone and will be sent automatically when the connection returns.',
  },
  tooManyQueued: {
    id: 'Server sedang menerima banyak penilaian. Penilaian Anda tersimpan di ponsel ini dan akan terkirim otomatis sebentar lagi; biarkan halaman ini terbuka.',
    en: 'The server is receiving many ratings right now. Your rating is saved on this phone and will be sent automatically shortly; keep this page open.',
  },
  sentEarlier: {
    id: 'Penilaian sebelumnya yang tersimpan di ponsel ini sudah terkirim.',
    en: 'An earlier rating saved on this phone has now been sent.',
  },
  earlierRefused: {
    id: 'Penilaian sebelumnya yang tersimpan di ponsel ini tidak dapat diterima (misalnya loketnya tidak aktif lagi) dan dihapus.',
    en: 'An earlier rating saved on this phone could not be accepted (for example, its counter is no longer active) and was removed.',
  },
  unavailableTitle: { id: 'Loket ini tidak lagi menerima penilaian', en: 'This counter no longer takes ratings' },
  unavailableBody: {
    id: 'Kode QR ini sudah tidak aktif. Terima kasih atas niat baik Anda; silakan pindai kode QR di loket lain atau tanyakan petugas.',
    en: 'This QR code is no longer active. Thank you for wanting to help; please scan the code at another counter or ask the staff.',
  },
  unknownTitle: { id: 'Kode QR tidak dikenal', en: 'Unknown QR code' },
  unknownBody: {
    id: 'Kami tidak menemukan loket dengan kode ini. Periksa kembali tautannya atau pindai ulang kode QR di loket.',
    en: 'We found no counter with this code. Check the link or scan the counter’s QR code again.',
  },
  home: { id: 'Ke beranda Suara Layanan', en: 'Go to the Suara Layanan home page' },
  thanksTitle: { id: 'Terima kasih!', en: 'Thank you!' },
  thanksBody: {
    id: 'Penilaian Anda sudah kami terima. Penilaian ini masuk ke Indeks Kepuasan Masyarakat (IKM) {unit}, yang diumumkan terbuka setiap bulan dan dipakai untuk memperbaiki layanan.',
    en: 'We have received your rating. It counts toward the Public Satisfaction Index (IKM) of {unit}, published openly every month and used to improve the service.',
  },
  thanksHeld: {
    id: 'Penilaian Anda sudah tersimpan. Karena banyak penilaian datang dari jaringan atau perangkat yang sama, penilaian ini akan dihitung dalam Indeks Kepuasan Masyarakat (IKM) {unit} setelah diperiksa petugas.',
    en: 'Your rating is saved. Because many ratings came from the same network or device, it will count toward the Public Satisfaction Index (IKM) of {unit} after a staff check.',
  },
  thanksComment: {
    id: 'Jika Anda menulis komentar, moderator membacanya terlebih dahulu; data pribadi disamarkan sebelum ditampilkan, dan instansi dapat membalasnya.',
    en: 'If you wrote a comment, a moderator reads it first; personal data is masked before it is shown, and the agency can reply.',
  },
  receipt: { id: 'Nomor tanda terima', en: 'Receipt number' },
  seeResults: { id: 'Lihat hasil {unit}', en: 'See the results of {unit}' },
  kioskReturn: {
    id: 'Formulir baru untuk warga berikutnya terbuka dalam 10 detik.',
    en: 'A new form for the next citizen opens in 10 seconds.',
  },
  newForm: { id: 'Buka formulir baru sekarang', en: 'Open a new form now' },
  kioskTitle: { id: 'Nilai layanan kami', en: 'Rate our service' },
  kioskScan: {
    id: 'Pindai kode QR ini dengan kamera ponsel Anda. Sembilan pertanyaan, sekitar 30 detik, tanpa nama.',
    en: 'Scan this QR code with your phone’s camera. Nine questions, about 30 seconds, anonymous.',
  },
  kioskQrAlt: { id: 'Kode QR untuk menilai {counter}', en: 'QR code to rate {counter}' },
  kioskRefresh: { id: 'Kode berganti setiap menit.', en: 'The code changes every minute.' },
  kioskNotEnrolledTitle: { id: 'Layar ini belum terdaftar', en: 'This screen is not enrolled' },
  kioskNotEnrolledBody: {
    id: 'Kode QR yang berganti hanya tampil di layar kios yang didaftarkan admin. Minta admin membuat tautan pendaftaran kios untuk loket ini di konsol, lalu buka tautan itu di layar ini.',
    en: 'The rotating QR code is shown only on kiosk screens an admin has enrolled. Ask an admin to create a kiosk enrolment link for this counter in the console, then open it on this screen.',
  },
  kioskEnrolTitle: { id: 'Daftarkan layar ini sebagai kios', en: 'Enrol this screen as a kiosk' },
  kioskEnrolBody: {
    id: 'Layar ini akan menampilkan kode QR penilaian untuk {counter} dan boleh mengirim penilaian banyak warga. Tautan ini hanya dapat dipakai sekali.',
    en: 'This screen will show the rating QR code for {counter} and may send many citizens’ ratings. This link works only once.',
  },
  kioskEnrolButton: { id: 'Daftarkan layar ini', en: 'Enrol this screen' },
  kioskEnrolFailedTitle: { id: 'Tautan pendaftaran tidak berlaku', en: 'This enrolment link is not valid' },
  kioskEnrolFailedBody: {
    id: 'Tautan ini sudah dipakai, kedaluwarsa (24 jam), dicabut, atau bukan untuk loket ini. Minta admin membuat tautan baru.',
    en: 'This link was already used, has expired (24 hours), was revoked, or is for another counter. Ask an admin for a new one.',
  },
});

export type CopyKey = keyof typeof ratingWords.words;

/** The text of `key` in `locale`, with `{name}` placeholders filled in. */
export const t = ratingWords.tf;
