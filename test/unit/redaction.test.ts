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

/**
 * The common spellings of personal data in Indonesian comments (SPEC §4): each must be masked wherever it stands in
 * a sentence, and only it (the text around keeps its own characters).
 */
const COMMON_SPELLINGS: readonly [kind: string, spelling: string][] = [
  ['NIK', '3172010101010001'],
  ['NIK', '3172 0101 0101 0001'],
  ['NIK', '3172  0101  0101  0001'],
  ['NIK', '3172.0101.0101.0001'],
  ['NIK', '3172-0101-0101-0001'],
  ['NIK', '3172/0101/0101/0001'],
  ['NIK', '3172 - 0101 - 0101 - 0001'],
  ['NIK', '317201 010101 0001'],
  ['NIK', '31.72.01.010101.0001'],
  ['NIK', '٣١٧٢٠١٠١٠١٠١٠٠٠١'],
  ['NIK', '３１７２ ０１０１ ０１０１ ０００１'],
  ['phone', '081234567890'],
  ['phone', '0812 3456 7890'],
  ['phone', '0812  3456  7890'],
  ['phone', '0812-3456-\n7890'],
  ['phone', '0812 3456\n7890'],
  ['phone', '0812_3456_7890'],
  ['NIK', '3172\t0101 0101 0001'],
  ['phone', '0812-3456-7890'],
  ['phone', '0812.3456.7890'],
  ['phone', '0812/3456/7890'],
  ['phone', '0812 - 3456 - 7890'],
  ['phone', '0812–3456–7890'],
  ['phone', '(0812) 3456 7890'],
  ['phone', '0 8 1 2 3 4 5 6 7 8 9 0'],
  ['phone', '+6281234567890'],
  ['phone', '+62 812 3456 7890'],
  ['phone', '+62 (812) 3456-7890'],
  ['phone', '+62-812-3456-7890'],
  ['phone', '+62.812.3456.7890'],
  ['phone', '(+62) 812-3456-7890'],
  ['phone', '62 812 3456 7890'],
  ['phone', '6281234567890'],
  ['phone', '(021) 5550123'],
  ['phone', '(021) 555 0123'],
  ['phone', '021-555-0123'],
  ['phone', '٠٨١٢٣٤٥٦٧٨٩٠'],
  ['phone', '۰۸۱۲-۳۴۵۶-۷۸۹۰'],
  ['phone', '０８１２－３４５６－７８９０'],
  ['e-mail', 'budi.s@mail.com'],
  ['e-mail', 'budi[at]mail[.]com'],
  ['e-mail', 'budi at mail dot com'],
  ['e-mail', 'BUDI AT MAIL DOT COM'],
  ['e-mail', 'budi (at) mail (dot) com'],
  ['e-mail', 'budi(at)mail(.)com'],
  ['e-mail', 'budi [at] mail [dot] co [dot] id'],
  ['e-mail', 'budi@mail[.]com'],
  ['e-mail', 'budi [@] mail [.] com'],
  ['e-mail', 'budi @ mail . com'],
  ['e-mail', 'budi at mail titik com'],
  ['plate', 'BP 1234 AB'],
  ['plate', 'bp 1234 ab'],
  ['plate', 'Bp 1234 Ab'],
  ['plate', 'BP1234AB'],
  ['plate', 'bp-1234-ab'],
  ['plate', 'B 1234 XYZ'],
  ['plate', 'b 1234 xyz'],
  ['plate', 'DK  1234  ABC'],
];

/** Ordinary Indonesian sentences with numbers that are not personal data: each must come back unchanged. */
const ORDINARY_SENTENCES: readonly string[] = [
  'Biaya Rp 50.000 padahal seharusnya gratis',
  'Bayar Rp1.500.000 untuk izin usaha, harga resmi 150.000',
  'Rp50.000,- per lembar',
  'Datang tanggal 12-03-2026 jam 08.30',
  'Tanggal 12/03/2026 sampai 15/03/2026 tutup',
  'Libur 12-03-2026 - 15-03-2026, buka lagi 16.03.2026',
  'Jadwal 2026-03-12 pukul 14:30',
  'Saya dapat antrian 12 dan menunggu 2 jam',
  'Nomor antrian 012 dari 150 orang',
  'Jam buka 08.00-15.30 WIB',
  'Jam 08.00 - 12.00 dan 13.00 - 15.30, istirahat 12.00',
  'Tahun 2025 dan 2026 sama saja',
  'Dari 2019 sampai 2026 tidak berubah',
  'Loket 3, 4 dan 5 tutup',
  'Antre 45 menit, 3 petugas, 2 loket',
  'Ruang b 101 ya, lantai 2',
  'Loket a 2 di sebelah kiri',
  'Paket b 100 kg belum sampai',
  'Nilai 4 dari 5, ukuran foto 3 x 4',
  'Selasa 3/12 pukul 10.15',
  'Sudah 3 kali datang, 2 kali ditolak sejak 2024',
  'Dilayani 1-2 hari kerja, 0,5 jam per berkas',
  'Antrean sama panjangnya tahun 2019 2020 2021 2022',
  'Surat nomor 800/123/2026 sudah keluar',
  'Kode pos 29111, RT 02 RW 05',
];

describe('redactPersonalData: table of common spellings (SPEC §4)', () => {
  it('holds at least 43 spellings of NIK, phone numbers, e-mail addresses and plates', () => {
    expect(COMMON_SPELLINGS.length).toBeGreaterThanOrEqual(43);
  });

  it.each(COMMON_SPELLINGS)('masks the %s %j alone, in a sentence', (_kind, spelling) => {
    expect(redactPersonalData(`hubungi saya di ${spelling} ya`)).toBe(`hubungi saya di ${M} ya`);
    expect(redactPersonalData(`${spelling}, terima kasih.`)).toBe(`${M}, terima kasih.`);
  });

  it.each(ORDINARY_SENTENCES)('leaves %j unchanged', (sentence) => {
    expect(redactPersonalData(sentence)).toBe(sentence);
  });

  it('masks personal data next to ordinary numbers, and only it', () => {
    expect(redactPersonalData('Tgl 12-03-2026 hubungi 0812 3456 7890 jam 08.30')).toBe(
      `Tgl 12-03-2026 hubungi ${M} jam 08.30`,
    );
    expect(redactPersonalData('Rp 50.000, NIK 3172/0101/0101/0001, antrian ١٢')).toBe(
      `Rp 50.000, NIK ${M}, antrian ١٢`,
    );
    expect(redactPersonalData('NIK 3172010101010001 hp 081234567890')).toBe(`NIK ${M} hp ${M}`);
  });

  it('keeps the characters around a masked number as written (Arabic-Indic digits, dashes, brackets)', () => {
    expect(redactPersonalData('(antrian ٣) hubungi (0812) 3456–7890 — terima kasih')).toBe(
      `(antrian ٣) hubungi ${M} — terima kasih`,
    );
  });
});

describe('redactPersonalData: any grouping and separators (SPEC §4, property)', () => {
  const separator = fc.constantFrom(' ', '  ', '.', '-', '/', ' - ', '–', ' . ');
  /** `digits` cut into groups of 1–4, the groups apart by one of SPEC §4's separators (as people write: one kind). */
  const spelled = (digits: string) =>
    fc
      .tuple(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 16, maxLength: 16 }), separator)
      .map(([sizes, sep]) => {
        const groups: string[] = [];
        let at = 0;
        for (const size of sizes) {
          if (at >= digits.length) break;
          groups.push(digits.slice(at, at + size));
          at += size;
        }
        return groups.join(sep);
      });
  const digitsOf = (prefix: string, length: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => prefix + d.join(''));

  it('masks every mobile number 08… of 10–13 digits however it is grouped', () => {
    const phone = fc
      .integer({ min: 8, max: 11 })
      .chain((n) => digitsOf('08', n))
      .chain(spelled);
    fc.assert(
      fc.property(phone, (text) => {
        expect(redactPersonalData(`WA ${text} ya`)).not.toMatch(/\d/);
      }),
    );
  });

  it('masks every 16-digit NIK however it is grouped, also in Arabic-Indic digits', () => {
    const nik = digitsOf('3', 15).chain(spelled);
    fc.assert(
      fc.property(nik, fc.boolean(), (text, arabic) => {
        const written = arabic ? text.replace(/\d/g, (d) => String.fromCodePoint(0x660 + Number(d))) : text;
        expect(redactPersonalData(`NIK ${written} ya`)).not.toMatch(/\p{Nd}/u);
      }),
    );
  });
});
