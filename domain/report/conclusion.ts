/**
 * @module
 * BAB V of the SKM report: the conclusion, the signed SKP evidence and the signature (docs/report.md).
 */
import { gradeLabel } from '../ikm';
import type { ReportContext } from './context';
import { elementList } from './context';
import type { ReportBlock, ReportChapter, ReportSection, SkmReportInput } from './model';
import { SECTION_HEADINGS } from './model';
import { dateLabel, formatNumber, gradeText, ikmText, signaturePlace } from './text';

export function conclusionChapter(input: SkmReportInput, context: ReportContext): ReportChapter {
  const { isRegion, subject, label, summary, n, required, adequate, strengths, weaknesses } = context;
  const conclusion: string[] = [];
  if (summary.ikm === null || summary.grade === null) {
    conclusion.push(
      `Belum ada responden SKM untuk ${subject} pada periode ${label}, sehingga IKM belum dapat dihitung.`,
    );
  } else {
    conclusion.push(
      `IKM ${subject} periode ${label} adalah ${formatNumber(summary.ikm, 2)} (selang kepercayaan 95%: ${formatNumber(summary.ikmLow ?? summary.ikm, 2)} – ${formatNumber(summary.ikmHigh ?? summary.ikm, 2)}) dari ${formatNumber(n)} responden, dengan mutu pelayanan ${summary.grade} dan kinerja unit pelayanan ${gradeLabel(summary.grade)}.`,
    );
    if (adequate !== null) {
      conclusion.push(
        adequate
          ? `Jumlah responden memenuhi sampel minimal Krejcie dan Morgan (${formatNumber(required ?? 0)}).`
          : `Jumlah responden belum memenuhi sampel minimal Krejcie dan Morgan (${formatNumber(required ?? 0)}); pengumpulan data perlu ditingkatkan.`,
      );
    }
    conclusion.push(
      `Unsur dengan nilai tertinggi adalah ${elementList(strengths.slice(0, 1))}; unsur dengan nilai terendah adalah ${elementList(weaknesses.slice(0, 1))}, yang menjadi prioritas tindak lanjut.`,
    );
  }
  const signature: ReportBlock = {
    kind: 'signature',
    placeAndDate: `${signaturePlace(input.region.name)}, ${dateLabel(input.issuedOn)}`,
    title: isRegion ? `Pejabat yang berwenang, ${input.region.name}` : `Kepala ${subject}`,
    name: input.head?.name ?? null,
    nip: input.head?.nip ?? null,
  };
  const conclusionSection: ReportSection = {
    heading: SECTION_HEADINGS.conclusion,
    blocks: conclusion.map((text) => ({ kind: 'paragraph', text })),
  };
  const evidence: ReportSection = {
    heading: SECTION_HEADINGS.evidence,
    blocks: input.evidence
      ? [
          {
            kind: 'paragraph',
            text: 'Tautan dan kode QR berikut memuat IKM, jumlah responden, selang kepercayaan 95%, mutu dan periode laporan ini, ditandatangani secara elektronik (HMAC-SHA256) oleh portal. Penilai SKP dapat memindai kode QR atau membuka tautan untuk memeriksa keaslian angka dan kesesuaiannya dengan data terkini.',
          },
          {
            kind: 'evidence',
            url: input.evidence.url,
            caption: 'Bukti dukung IKM untuk SKP',
            lines: [
              `${subject}, ${input.region.name}`,
              `Periode ${label}`,
              `IKM ${ikmText(summary.ikm)} (selang 95%: ${ikmText(summary.ikmLow)} – ${ikmText(summary.ikmHigh)})`,
              `Mutu ${gradeText(summary.grade)} · n = ${formatNumber(n)}`,
              `Diterbitkan ${dateLabel(input.issuedOn)}`,
            ],
          },
        ]
      : [
          {
            kind: 'paragraph',
            text: isRegion
              ? 'Bukti dukung SKP diterbitkan per unit layanan: lihat laporan masing-masing unit.'
              : 'Bukti dukung SKP belum dapat diterbitkan karena belum ada responden pada periode ini.',
          },
        ],
  };

  return {
    heading: 'BAB V KESIMPULAN',
    sections: [conclusionSection, { ...evidence, blocks: [...evidence.blocks, signature] }],
  };
}
