/**
 * @module
 * BAB II of the SKM report: who ran the survey, how data were collected, when, and the sample (docs/report.md).
 */
import { CHANNELS } from '../survey';
import type { ReportContext } from './context';
import type { ReportChapter, ReportSection, SkmReportInput } from './model';
import { SECTION_HEADINGS } from './model';
import { CHANNEL_LABELS, dateLabel, formatNumber, percent } from './text';

export function collectionChapter(input: SkmReportInput, context: ReportContext): ReportChapter {
  const { subject, label, dates, n, required, adequate } = context;
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

  return { heading: 'BAB II PENGUMPULAN DATA SKM', sections: [executor, method, timing, sample] };
}
