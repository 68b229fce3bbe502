import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, csvRow, neutralised } from '../../domain/csv';

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

  it('property: a conforming parser reads back every field (after the formula prefixes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('a,b', '"q"', 'x\r\ny', '=1+1', '-3', ' ', 'ok;=1+1')), {
          minLength: 1,
          maxLength: 6,
        }),
        (fields) => {
          const parsed = Papa.parse<string[]>(csvRow(fields), { delimiter: ',', newline: '\r\n' }).data[0] ?? [];
          expect(parsed).toHaveLength(fields.length);
          parsed.forEach((cell, i) => {
            const original = fields[i] ?? '';
            expect(cell).toBe(neutralised(original));
            // The prefixes are the only change: taking them out gives the original back.
            expect(cell.replace(/(^|[;\n\r])'/g, '$1')).toBe(original.replace(/(^|[;\n\r])'/g, '$1'));
          });
        },
      ),
    );
  });
});

describe('csvRow read by Excel in an Indonesian locale, `;` as list separator (SPEC §5)', () => {
  it('quotes a field with `;` and neutralises the formula after it: `ok;=1+1` stays one harmless cell', () => {
    expect(csvField('ok;=1+1')).toBe(`"ok;'=1+1"`);
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('harga;-5')).toBe('"harga;-5"');
    expect(csvField('baris 1\n@SUM(A1)')).toBe(`"baris 1\n'@SUM(A1)"`);
    // A `;` reader (papaparse standing in for Excel id-ID) keeps the quoted field whole.
    expect(Papa.parse<string[]>(csvRow(['ok;=1+1']), { delimiter: ';', newline: '\r\n' }).data[0]).toEqual([
      "ok;'=1+1",
    ]);
  });

  it('property: no cell a `;`-separated reader sees starts a formula, wherever quotes stop protecting', () => {
    const formulaCell = /^[=+\-@\t\r]/;
    const plainNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
    const piece = fc.oneof(fc.string(), fc.constantFrom('=1+1', '+A1', '-2+3', '@cmd', '\t=1', ';', '\n', '"', ','));
    fc.assert(
      fc.property(
        fc.array(
          fc.array(piece, { maxLength: 4 }).map((p) => p.join('')),
          { minLength: 1, maxLength: 5 },
        ),
        (fields) => {
          const text = csvRow(fields);
          // Excel honours a quote only where it opens a line's first cell; elsewhere `;` and line breaks split cells.
          const cells = text.split(/\r\n|[;\n\r]/);
          for (const cell of cells) {
            const unquoted = cell.replace(/^"/, '');
            if (formulaCell.test(unquoted)) expect(plainNumber.test(unquoted.replace(/"$/, ''))).toBe(true);
          }
        },
      ),
    );
  });
});
