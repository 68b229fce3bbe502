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
