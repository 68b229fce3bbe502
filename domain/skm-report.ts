/**
 * @module
 * The official SKM report (laporan hasil Survei Kepuasan Masyarakat, PermenPANRB 14/2017 annex) as a layout-free
 * model, one module per chapter under domain/report/. Pure: the Worker gathers the figures, this writes the texts
 * in Bahasa Indonesia. docs/report.md.
 */
import { analysisChapter } from './report/analysis';
import { appendicesChapter } from './report/appendices';
import { collectionChapter } from './report/collection';
import { conclusionChapter } from './report/conclusion';
import { reportContext } from './report/context';
import { introductionChapter } from './report/introduction';
import type { SkmReport, SkmReportInput } from './report/model';
import { resultsChapter } from './report/results';
import { dateLabel, formatNumber, gradeText, ikmText } from './report/text';

export * from './report/model';
export { ageBandCounts } from './report/results';
export { dateLabel, formatNumber, percent, periodLabel, signaturePlace } from './report/text';

/** Builds the report. Deterministic: the same input gives the same texts, in the HTML and in the PDF. */
export function buildSkmReport(input: SkmReportInput): SkmReport {
  const context = reportContext(input);
  const { isRegion, subject, label, dates, summary, n } = context;
  const audienceNote =
    'Laporan internal instansi: seluruh angka dihitung tanpa penyembunyian kelompok kecil (n < 10) yang berlaku pada halaman publik.';

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
      introductionChapter(input, context),
      collectionChapter(input, context),
      resultsChapter(input, context),
      analysisChapter(input, context),
      // The report proper closes with its signature; the appendices follow.
      conclusionChapter(input, context),
      appendicesChapter(input, context),
    ],
  };
}
