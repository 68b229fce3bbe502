/**
 * @module
 * The open-data files (SPEC §5) described once: their columns, types and meanings. The CSV header, the JSON keys,
 * the Frictionless Table Schemas in datapackage.json and the data dictionary all come from here.
 */
import { AGE_BANDS, CHANNELS, EDUCATIONS, ELEMENTS, GENDERS, OCCUPATIONS } from '../../../domain/survey';
import { type Field, REGION_CODE_FIELDS } from './region-columns';

export type { Field };

export type ResourceName = 'scores' | 'service-scores' | 'responses' | 'comments';

export interface Resource {
  name: ResourceName;
  title: string;
  description: string;
  fields: readonly Field[];
}

const elementFields = (what: 'nrr' | 'answer'): Field[] =>
  ELEMENTS.map((element) => ({
    name: element.code.toLowerCase(),
    type: what === 'nrr' ? 'number' : 'integer',
    title: `${element.code} ${element.name.id}`,
    description:
      what === 'nrr'
        ? `NRR (mean score 1–4, 3 decimals) of ${element.code} "${element.name.id}" (${element.name.en}). Empty when suppressed.`
        : `Answer to ${element.code} "${element.name.id}" (${element.name.en}): 1 = ${element.labels.id[0]} … 4 = ${element.labels.id[3]}.`,
    descriptionId:
      what === 'nrr'
        ? `NRR (nilai rata-rata 1–4, 3 desimal) unsur ${element.code} "${element.name.id}". Kosong bila disembunyikan.`
        : `Jawaban unsur ${element.code} "${element.name.id}": 1 = ${element.labels.id[0]} … 4 = ${element.labels.id[3]}.`,
    ...(what === 'answer' ? { enum: ['1', '2', '3', '4'], required: true } : {}),
  }));

const region: Field = {
  name: 'region',
  type: 'string',
  title: 'Region slug',
  description: 'Identifier of the region (pemerintah daerah), as in the portal URL /{region}.',
  descriptionId: 'Pengenal pemerintah daerah, seperti pada alamat portal /{region}.',
  required: true,
};
const unit: Field = {
  name: 'unit',
  type: 'string',
  title: 'Unit slug',
  description: 'Identifier of the service unit (unit layanan / OPD) within its region, as in /{region}/{unit}.',
  descriptionId: 'Pengenal unit layanan (OPD) di daerahnya, seperti pada alamat /{region}/{unit}.',
  required: true,
};
const month: Field = {
  name: 'month',
  type: 'yearmonth',
  title: 'Month',
  description: "Calendar month 'YYYY-MM' in the region's own time zone (WIB, WITA or WIT). Never the day or time.",
  descriptionId:
    "Bulan kalender 'YYYY-MM' menurut zona waktu daerah itu (WIB, WITA atau WIT). Tanggal dan jam tidak pernah diterbitkan.",
  required: true,
};

const regionName: Field = {
  name: 'region_name',
  type: 'string',
  title: 'Region name',
  description: 'Name of the region.',
  descriptionId: 'Nama pemerintah daerah.',
  required: true,
};
const unitName: Field = {
  name: 'unit_name',
  type: 'string',
  title: 'Unit name',
  description: 'Name of the service unit.',
  descriptionId: 'Nama unit layanan.',
  required: true,
};

/** responses, ikm, grade and u1..u9: the figures of a scores row, shared by both scores files. */
const figureFields: Field[] = [
  { ...month, name: 'period' },
  {
    name: 'responses',
    type: 'integer',
    title: 'Responses',
    description: 'Number of responses counted (flagged responses excluded).',
    descriptionId: 'Jumlah responden yang dihitung (penilaian yang ditahan tidak termasuk).',
    required: true,
  },
  {
    name: 'ikm',
    type: 'number',
    title: 'IKM',
    description:
      'Indeks Kepuasan Masyarakat = 25 × mean of the nine NRRs (weight exactly 1/9), rounded half away from zero to 2 decimals. Empty when suppressed.',
    descriptionId:
      'Indeks Kepuasan Masyarakat = 25 × rata-rata sembilan NRR (bobot tepat 1/9), dibulatkan ke 2 desimal (setengah menjauhi nol). Kosong bila disembunyikan.',
  },
  {
    name: 'grade',
    type: 'string',
    title: 'Grade (mutu pelayanan)',
    description:
      'A Sangat Baik (IKM ≥ 88.31), B Baik (≥ 76.61), C Kurang Baik (≥ 65.00), D Tidak Baik. Empty when suppressed.',
    descriptionId:
      'A Sangat Baik (IKM ≥ 88,31), B Baik (≥ 76,61), C Kurang Baik (≥ 65,00), D Tidak Baik. Kosong bila disembunyikan.',
    enum: ['A', 'B', 'C', 'D'],
  },
  ...elementFields('nrr'),
];

export const RESOURCES: Readonly<Record<ResourceName, Resource>> = {
  scores: {
    name: 'scores',
    title: 'Indeks Kepuasan Masyarakat per unit and month',
    description:
      'One row per region × unit × month with the number of responses, the IKM (25–100), its grade and the nine element scores (NRR). ' +
      'Figures of a unit × month with fewer than 10 responses, or withheld by the disclosure plan so that no combination of published figures reveals a withheld one, are suppressed: the count is given, every figure is empty (SPEC §4). ' +
      'A region has a row for every unit and every month in which any of its units received a response.',
    fields: [region, regionName, unit, unitName, ...figureFields, ...REGION_CODE_FIELDS],
  },
  'service-scores': {
    name: 'service-scores',
    title: 'Indeks Kepuasan Masyarakat per unit, service (jenis layanan) and month',
    description:
      'One row per region × unit × service × month, with the same figures as the scores file. A unit × month has rows when the unit received any response that month: one for each of its services, then one with an empty service for responses given without one. ' +
      'Figures of a service with fewer than 10 responses are suppressed (the count is given, every figure is empty), and so are those the disclosure plan withholds so that no combination of published figures of any unit, service or period reveals a withheld one (SPEC §4).',
    fields: [
      region,
      regionName,
      unit,
      unitName,
      {
        name: 'service',
        type: 'string',
        title: 'Service slug',
        description:
          'Identifier of the service (jenis layanan) within its unit. Empty for responses given without a service.',
        descriptionId: 'Pengenal jenis layanan di unitnya. Kosong untuk penilaian tanpa jenis layanan.',
      },
      {
        name: 'service_name',
        type: 'string',
        title: 'Service name',
        description: 'Name of the service. Empty for responses given without a service.',
        descriptionId: 'Nama jenis layanan. Kosong untuk penilaian tanpa jenis layanan.',
      },
      ...figureFields,
      ...REGION_CODE_FIELDS,
    ],
  },
  responses: {
    name: 'responses',
    title: 'Responses (anonymized microdata)',
    description:
      'One row per counted response: the nine answers and a coarse respondent profile. k-anonymous with k = 5 on (region, unit, month, service, channel, gender, age band, education, occupation): ' +
      'the profile fields of rows in smaller groups are blanked, then if need be their channel, then their service. No day, time, counter, device or comment is ever published. ' +
      'Responses of a unit × month whose figure is suppressed (fewer than 10 responses, or withheld by the disclosure plan) are left out, because they would reveal a suppressed IKM; rows of a withheld service × month have an empty service. Flagged responses are excluded. ' +
      "A month appears only once it has closed in the region's time zone.",
    fields: [
      region,
      unit,
      {
        name: 'service',
        type: 'string',
        title: 'Service slug',
        description: 'The kind of service (jenis layanan) rated, when the respondent chose one.',
        descriptionId: 'Jenis layanan yang dinilai, bila responden memilihnya.',
      },
      month,
      {
        name: 'channel',
        type: 'string',
        title: 'Channel',
        description:
          'How the rating arrived: qr (own phone), kiosk (tablet at the counter), paper (keyed in). Empty where k-anonymity blanks it.',
        descriptionId:
          'Cara penilaian masuk: qr (ponsel sendiri), kiosk (tablet di loket), paper (kuesioner kertas yang diketik). Kosong bila dikosongkan demi k-anonimitas.',
        enum: CHANNELS,
      },
      ...elementFields('answer'),
      {
        name: 'gender',
        type: 'string',
        title: 'Gender',
        description: 'L (laki-laki) or P (perempuan).',
        descriptionId: 'L (laki-laki) atau P (perempuan).',
        enum: GENDERS,
      },
      {
        name: 'age_band',
        type: 'string',
        title: 'Age band',
        description: 'Age in bands; the exact age is never published.',
        descriptionId: 'Kelompok umur; umur persisnya tidak pernah diterbitkan.',
        enum: AGE_BANDS,
      },
      {
        name: 'education',
        type: 'string',
        title: 'Education',
        description: 'Highest education.',
        descriptionId: 'Pendidikan terakhir.',
        enum: EDUCATIONS,
      },
      {
        name: 'occupation',
        type: 'string',
        title: 'Occupation',
        description: 'Occupation.',
        descriptionId: 'Pekerjaan.',
        enum: OCCUPATIONS,
      },
      ...REGION_CODE_FIELDS,
    ],
  },
  comments: {
    name: 'comments',
    title: 'Published comments and replies',
    description:
      'Comments published after moderation, with personal data (NIK, phone numbers, e-mail addresses) already redacted, and the unit’s reply. ' +
      'Only the month is given; no day, time, counter or link to a response.',
    fields: [
      region,
      unit,
      month,
      {
        name: 'comment',
        type: 'string',
        title: 'Comment',
        description: 'The citizen’s comment, redacted ([disamarkan] marks removed personal data).',
        descriptionId: 'Komentar warga yang sudah disamarkan ([disamarkan] menandai data pribadi yang dihapus).',
        required: true,
      },
      {
        name: 'reply',
        type: 'string',
        title: 'Reply',
        description: 'The unit’s public reply, if any.',
        descriptionId: 'Balasan publik unit, bila ada.',
      },
      ...REGION_CODE_FIELDS,
    ],
  },
};

export const RESOURCE_NAMES = Object.keys(RESOURCES) as ResourceName[];

/** Column names of a resource, in file order. */
export function columnsOf(name: ResourceName): string[] {
  return RESOURCES[name].fields.map((field) => field.name);
}
