/**
 * @module
 * Official Kemendagri region codes (kode wilayah, SPEC §1): `NN` for a province, `NN.NN` for a kabupaten/kota,
 * whose first two digits are its province (`21.72` Kota Tanjung Pinang in `21` Kepulauan Riau). BPS writes the
 * same codes without the dot (`2172`). The list itself is generated from `idn-area-data` into wilayah-data.ts.
 */
import { INDONESIAN_TIME_ZONES } from './periods';
import { PROVINCE_ROWS, REGENCY_ROWS } from './wilayah-data';

/** `NN` (province) or `NN.NN` (kabupaten/kota). */
export const REGION_CODE_PATTERN = /^\d{2}(?:\.\d{2})?$/;

export interface Province {
  code: string;
  name: string;
}

/** A province or kabupaten/kota of the official list. A province's own government has itself as `province`. */
export interface OfficialArea {
  code: string;
  name: string;
  level: 'province' | 'regency';
  province: Province;
}

/** The 38 provinces, in code order. */
export const PROVINCES: readonly Province[] = PROVINCE_ROWS.map(([code, name]) => ({ code, name }));

const provinceByCode = new Map(PROVINCES.map((province) => [province.code, province]));

// Built on first use: most invocations never look a code up.
let areas: Map<string, OfficialArea> | undefined;

function areaIndex(): Map<string, OfficialArea> {
  if (areas) return areas;
  areas = new Map();
  for (const province of PROVINCES) {
    areas.set(province.code, { code: province.code, name: `Provinsi ${province.name}`, level: 'province', province });
  }
  for (const [code, name] of REGENCY_ROWS) {
    const province = provinceByCode.get(code.slice(0, 2));
    if (province) areas.set(code, { code, name, level: 'regency', province });
  }
  return areas;
}

/** The official area of a code, or undefined when the code is malformed or not in the official list. */
export function officialArea(code: string): OfficialArea | undefined {
  return REGION_CODE_PATTERN.test(code) ? areaIndex().get(code) : undefined;
}

/** The province a code belongs to (its first two digits), or null when there is no such province. */
export function provinceOfCode(code: string | null | undefined): Province | null {
  if (!code || !REGION_CODE_PATTERN.test(code)) return null;
  return provinceByCode.get(code.slice(0, 2)) ?? null;
}

/** Every official area, provinces first then kabupaten/kota, each in code order. */
export function officialAreas(): OfficialArea[] {
  return [...areaIndex().values()];
}

/** The code as BPS writes it, without the dot: `21.72` → `2172`, `21` → `21`. */
export function bpsCode(code: string): string {
  return code.replace('.', '');
}

/**
 * The legal time zone of a province (Keppres 41/1987): WIT for Maluku and Papua, WITA for Bali, Nusa Tenggara,
 * South/East/North Kalimantan and Sulawesi, WIB for Sumatra, Java and West/Central Kalimantan.
 */
export function provinceTimeZone(provinceCode: string): string {
  const n = Number(provinceCode);
  if (n >= 81) return INDONESIAN_TIME_ZONES.WIT;
  if ((n >= 51 && n <= 53) || (n >= 63 && n <= 76)) return INDONESIAN_TIME_ZONES.WITA;
  return INDONESIAN_TIME_ZONES.WIB;
}

/** A URL slug made from an official name: `Kota Tanjung Pinang` → `kota-tanjung-pinang`. */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
