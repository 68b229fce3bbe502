import provincesCsv from 'idn-area-data/data/provinces.csv?raw';
import regenciesCsv from 'idn-area-data/data/regencies.csv?raw';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  bpsCode,
  officialArea,
  officialAreas,
  PROVINCES,
  provinceOfCode,
  provinceTimeZone,
  slugFromName,
} from '../../domain/region-codes';
import { PROVINCE_ROWS, REGENCY_ROWS } from '../../domain/wilayah-data';

const parse = <T>(csv: string) => Papa.parse<T>(csv.trim(), { header: true, skipEmptyLines: true }).data;

describe('official region codes, kode wilayah (SPEC §1)', () => {
  it('the bundled table is exactly the idn-area-data list: 38 provinces and their kabupaten/kota', () => {
    const provinces = parse<{ code: string; name: string }>(provincesCsv);
    const regencies = parse<{ code: string; province_code: string; name: string }>(regenciesCsv);
    expect(PROVINCE_ROWS).toEqual(provinces.map((p) => [p.code, p.name]));
    expect(REGENCY_ROWS).toEqual(regencies.map((r) => [r.code, r.name]));
    expect(PROVINCES).toHaveLength(38);
    // The table drops province_code because the code's first two digits say it: check they always do.
    for (const regency of regencies) expect(regency.code.slice(0, 2), regency.code).toBe(regency.province_code);
  });

  it('finds the demo cities by their Kemendagri codes, with their provinces', () => {
    expect(officialArea('21.72')).toEqual({
      code: '21.72',
      name: 'Kota Tanjung Pinang',
      level: 'regency',
      province: { code: '21', name: 'Kepulauan Riau' },
    });
    expect(officialArea('11.74')?.name).toBe('Kota Langsa');
    expect(officialArea('11.74')?.province.name).toBe('Aceh');
    expect(officialArea('13.77')?.name).toBe('Kota Pariaman');
    expect(officialArea('75.71')).toMatchObject({
      name: 'Kota Gorontalo',
      province: { code: '75', name: 'Gorontalo' },
    });
  });

  it('a province code is the provincial government itself', () => {
    expect(officialArea('21')).toEqual({
      code: '21',
      name: 'Provinsi Kepulauan Riau',
      level: 'province',
      province: { code: '21', name: 'Kepulauan Riau' },
    });
  });

  it('refuses malformed codes and codes that are not in the official list', () => {
    for (const code of ['2172', '21.7', '21.72.01', ' 21.72', '21-72', '', '00', '21.99', '99.01', 'ab.cd']) {
      expect(officialArea(code), code).toBeUndefined();
    }
  });

  it('every official area has a well-formed code and a province; provinces come first', () => {
    const areas = officialAreas();
    expect(areas).toHaveLength(38 + REGENCY_ROWS.length);
    expect(new Set(areas.map((a) => a.code)).size).toBe(areas.length);
    expect(areas.slice(0, 38).every((a) => a.level === 'province')).toBe(true);
    for (const area of areas) expect(provinceOfCode(area.code)).toEqual(area.province);
    expect(provinceOfCode(null)).toBeNull();
    expect(provinceOfCode('2172')).toBeNull();
  });

  it('BPS writes the same codes without the dot', () => {
    expect(bpsCode('21.72')).toBe('2172');
    expect(bpsCode('75')).toBe('75');
  });

  it('knows each province’s time zone: WIB in the west, WITA in the middle, WIT in the east', () => {
    expect(provinceTimeZone('11')).toBe('Asia/Jakarta'); // Aceh
    expect(provinceTimeZone('62')).toBe('Asia/Jakarta'); // Kalimantan Tengah
    expect(provinceTimeZone('63')).toBe('Asia/Makassar'); // Kalimantan Selatan
    expect(provinceTimeZone('51')).toBe('Asia/Makassar'); // Bali
    expect(provinceTimeZone('75')).toBe('Asia/Makassar'); // Gorontalo
    expect(provinceTimeZone('81')).toBe('Asia/Jayapura'); // Maluku
    expect(provinceTimeZone('96')).toBe('Asia/Jayapura'); // Papua Barat Daya
  });

  it('makes URL slugs from official names', () => {
    expect(slugFromName('Kota Tanjung Pinang')).toBe('kota-tanjung-pinang');
    expect(slugFromName('Kabupaten Aceh Selatan')).toBe('kabupaten-aceh-selatan');
    expect(slugFromName('Provinsi Daerah Istimewa Yogyakarta')).toBe('provinsi-daerah-istimewa-yogyakarta');
  });
});
