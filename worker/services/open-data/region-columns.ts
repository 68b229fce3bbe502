/**
 * @module
 * The region-code columns every region-keyed open-data file ends with (SPEC §5): `region_code` (Kemendagri kode
 * wilayah, '21.72'), `province_code` ('21') and `province_name`. BPS writes the same codes without the dot, so
 * a journalist joins BPS tables on `replace(region_code, '.', '')` (docs/open-data.md). Appended after the existing
 * columns so that files read by column position keep working. One definition for every resource, and one function
 * for the cells, so a new region-keyed resource only spreads both.
 */
import { provinceOfCode } from '../../../domain/region-codes';
import type { Region } from '../../db/regions';

/** Frictionless Table Schema field types used here. */
export type FieldType = 'string' | 'integer' | 'number' | 'yearmonth';

export interface Field {
  name: string;
  type: FieldType;
  title: string;
  /** In English: datapackage.json, the OpenAPI docs and the English data dictionary. */
  description: string;
  /** The same in Bahasa Indonesia, for the data dictionary on the Indonesian /data page. */
  descriptionId: string;
  /** Allowed values, when the field is a code list. */
  enum?: readonly string[];
  /** True when the field is never empty. */
  required?: boolean;
  /** A regular expression every non-empty value matches. */
  pattern?: string;
}

export const REGION_CODE_FIELDS: readonly Field[] = [
  {
    name: 'region_code',
    type: 'string',
    title: 'Region code (kode wilayah)',
    description:
      "Official Kemendagri code of the region: 'NN.NN' a kabupaten/kota (e.g. 21.72 Kota Tanjung Pinang), 'NN' a province's own government. " +
      'BPS uses the same code without the dot (2172). Empty for a region registered before codes existed.',
    descriptionId:
      "Kode wilayah resmi Kemendagri: 'NN.NN' kabupaten/kota (mis. 21.72 Kota Tanjung Pinang), 'NN' pemerintah provinsi. " +
      'BPS memakai kode yang sama tanpa titik (2172). Kosong untuk daerah yang terdaftar sebelum ada kode.',
    pattern: '^\\d{2}(\\.\\d{2})?$',
  },
  {
    name: 'province_code',
    type: 'string',
    title: 'Province code',
    description:
      "Kemendagri (and BPS) code of the region's province: the first two digits of region_code (21 Kepulauan Riau).",
    descriptionId: 'Kode provinsi daerah itu (Kemendagri dan BPS): dua angka pertama region_code (21 Kepulauan Riau).',
    pattern: '^\\d{2}$',
  },
  {
    name: 'province_name',
    type: 'string',
    title: 'Province name',
    description: 'Official name of the province (Kemendagri).',
    descriptionId: 'Nama resmi provinsi (Kemendagri).',
  },
];

/** The cells of {@link REGION_CODE_FIELDS} for one region, in that order. */
export function regionCodeCells(region: Pick<Region, 'code'>): [string | null, string | null, string | null] {
  const province = provinceOfCode(region.code);
  return [region.code, province?.code ?? null, province?.name ?? null];
}
