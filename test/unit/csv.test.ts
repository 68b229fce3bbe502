import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../domain/csv';

describe('csvRow (SPEC §5, RFC 4180)', () => {
  it('joins plain fields with commas and ends the record with CRLF', () => {
    expect(csvRow(['Kantor Imigrasi', 91.48, 'A'])).toBe('Kantor Imigrasi,91.48,A\r\n');
    expect(csvRow([])).toBe('\r\n');
  });

  it('writes null and undefined as empty fields', () => {
    expect(csvRow([null, 'x', undefined])).toBe(',x,\r\n');
  });

  it('quotes fields containing a comma, a double quote, CR or LF and doubles inner quotes', () => {
    expect(csvField('Dinas Kependudukan, Kota Bogor')).toBe('"Dinas Kependudukan, Kota Bogor"');
    expect(csvField('pelayanan "cepat"')).toBe('"pelayanan ""cepat"""');
    expect(csvField('baris 1\nbaris 2')).toBe('"baris 1\nbaris 2"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('"')).toBe('""""');
  });

  it('neutralises spreadsheet formulas in text cells starting with = + - @ tab or CR', () => {
    expect(csvField('=HYPERLINK("http://x","klik")')).toBe('"\'=HYPERLINK(""http://x"",""klik"")"');
    expect(csvField('+SUM(A1:A9)')).toBe("'+SUM(A1:A9)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('-')).toBe("'-");
  });

  it('leaves numbers numeric: negative numbers and plain numeric strings are not prefixed', () => {
    expect(csvRow([-5, -0.25, 0, 1e-7, '-12.5', '+62'])).toBe('-5,-0.25,0,1e-7,-12.5,+62\r\n');
  });

  it('writes non-finite numbers as empty fields', () => {
    expect(csvRow([Number.NaN, Number.POSITIVE_INFINITY])).toBe(',\r\n');
  });

  it('leaves text that merely contains = + - @ later alone', () => {
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('budi@example.id')).toBe('budi@example.id');
    expect(csvField('2026-11')).toBe('2026-11');
  });

  it('property: a conforming parser reads back every field (after the formula prefix)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('a,b', '"q"', 'x\r\ny', '=1+1', '-3', ' ')), {
          minLength: 1,
          maxLength: 6,
        }),
        (fields) => {
          const parsed = Papa.parse<string[]>(csvRow(fields), { delimiter: ',', newline: '\r\n' }).data[0] ?? [];
          expect(parsed).toHaveLength(fields.length);
          parsed.forEach((cell, i) => {
            const original = fields[i] ?? '';
            expect(cell === original || cell === `'${original}`).toBe(true);
          });
        },
      ),
    );
  });
});
