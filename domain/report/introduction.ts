/**
 * @module
 * BAB I of the SKM report: the organiser, the legal basis and the survey's purpose (docs/report.md).
 */

import type { ReportContext } from './context';
import type { ReportChapter, ReportSection, SkmReportInput } from './model';
import { SECTION_HEADINGS } from './model';
import { formatNumber } from './text';

export function introductionChapter(input: SkmReportInput, context: ReportContext): ReportChapter {
  const { isRegion, subject, label, dates } = context;
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

  return { heading: 'BAB I PENDAHULUAN', sections: [organizer, legal, purpose] };
}
