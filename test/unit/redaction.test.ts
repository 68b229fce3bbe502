import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPhoneLength, REDACTION_MARKER, redactPersonalData } from '../../domain/redaction';

const M = REDACTION_MARKER;

describe('redactPersonalData (SPEC §4)', () => {
  it.each([
    ['hubungi saya di 0812-3456-7890', `hubungi saya di ${M}`],
    ['hubungi saya di 081234567890 ya', `hubungi saya di ${M} ya`],
    ['WA: +62 812 3456 7890.', `WA: ${M}.`],
    ['WA +6281234567890', `WA ${M}`],
    ['nomor 6281234567890', `nomor ${M}`],
    ['telp kantor (021) 5550123', `telp kantor ${M}`],
    ['telp 021-555-0123', `telp ${M}`],
    ['hp 0813 1234 567', `hp ${M}`],
    ['hp 0812.3456.7890', `hp ${M}`],
  ])('masks Indonesian phone number in %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    ['NIK saya 3171 0123 4567 0001', `NIK saya ${M}`],
    ['NIK: 3171012345670001, mohon dicek', `NIK: ${M}, mohon dicek`],
    ['nik 3171.0123.4567.0001', `nik ${M}`],
    ['nik 3171-0123-4567-0001', `nik ${M}`],
    ['kartu 4111 1111 1111 1111', `kartu ${M}`],
    ['kartu amex 3782 822463 10005', `kartu amex ${M}`],
  ])('masks NIK and card-like numbers in %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    ['email budi.s@gmail.com', `email ${M}`],
    ['kirim ke siti_rahma+skm@kemenpan.go.id.', `kirim ke ${M}.`],
    ['Budi (budi.s@gmail.com) 0812-3456-7890', `Budi (${M}) ${M}`],
  ])('masks e-mail addresses in %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    'Antre di loket 3 selama 2 jam.',
    'Biaya Rp 50.000 padahal seharusnya gratis',
    'Biaya Rp1.250.000.000.000.000 untuk izin?',
    'Datang tanggal 12/10/2026 jam 08.30',
    'Datang 02-12-2026 10.30 tapi tutup',
    'Buka jam 08.00-15.30 WIB',
    'Diproses 2.5 jam, antre 0,5 hari',
    'Antrean nomor 125, 3 petugas, 45 menit',
    'Tahun 2026 lebih baik dari 2025',
    'nomor tiket 20261112000123456789 belum diproses',
    'lihat https://contoh.go.id/layanan?id=123&tab=2',
    '',
  ])('leaves ordinary text and numbers alone: %j', (input) => {
    expect(redactPersonalData(input)).toBe(input);
  });

  it('is idempotent', () => {
    const once = redactPersonalData('NIK 3171 0123 4567 0001, hp 0812-3456-7890, budi@x.id');
    expect(redactPersonalData(once)).toBe(once);
    expect(once).toBe(`NIK ${M}, hp ${M}, ${M}`);
  });

  it('isPhoneLength counts national digits (62 → 0) and accepts 9–13', () => {
    expect(isPhoneLength('0812-3456-7890')).toBe(true);
    expect(isPhoneLength('+62 812 3456 7890')).toBe(true);
    expect(isPhoneLength('0812 345')).toBe(false);
    expect(isPhoneLength('0812 3456 7890 1234')).toBe(false);
  });
});

describe('redactPersonalData against disguised personal data (SPEC §4)', () => {
  it.each([
    ['motor saya BP 1234 AB ditilang', `motor saya ${M} ditilang`],
    ['mobil B 1234 XYZ parkir di depan', `mobil ${M} parkir di depan`],
    ['plat DK1234ABC', `plat ${M}`],
    ['kendaraan AB 12 C', `kendaraan ${M}`],
  ])('masks Indonesian vehicle plates in %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    ['hp ０８１２-３４５６-７８９０', `hp ${M}`],
    ['NIK ３１７１０１２３４５６７０００１', `NIK ${M}`],
    ['email ｂｕｄｉ＠ｇｍａｉｌ．ｃｏｍ', `email ${M}`],
  ])('masks fullwidth digits and letters once normalised (NFKC): %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    ['hp 0812\u200B3456\u200C7890', `hp ${M}`],
    ['NIK 3171\u20600123\uFEFF4567\u200D0001', `NIK ${M}`],
    ['budi\u200B@gmail.com', M],
  ])('masks numbers and addresses split by invisible characters: %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    ['email budi [at] gmail [dot] com', `email ${M}`],
    ['email budi(at)gmail(dot)com ya', `email ${M} ya`],
    ['email budi.s at gmail dot com', `email ${M}`],
    ['email budi {at} kemenpan [dot] go [dot] id.', `email ${M}.`],
    ['email budi @ gmail . com', `email ${M}`],
  ])('masks obfuscated e-mail addresses in %j', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    'Loket B 2 tutup, pindah ke loket A',
    'Di 3 jam baru dilayani',
    'Saya datang at 9.30 pagi',
    'UU 27 tahun 2022 tentang PDP',
    'Antre 2 jam di loket 3 dan 4',
    'Petugasnya lulusan S1 UI dan D3 ITB',
  ])('still leaves ordinary text alone: %j', (input) => {
    expect(redactPersonalData(input)).toBe(input);
  });

  it('masks any phone number however zero-width characters split it (property)', () => {
    const invisible = fc.constantFrom('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF');
    fc.assert(
      fc.property(fc.array(invisible, { minLength: 11, maxLength: 11 }), (gaps) => {
        const digits = '081234567890';
        const split = [...digits].map((d, i) => d + (gaps[i] ?? '')).join('');
        expect(redactPersonalData(`hp ${split} ya`)).toBe(`hp ${M} ya`);
      }),
    );
  });
});
