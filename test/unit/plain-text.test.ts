import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasHiddenCharacters, plainText } from '../../domain/plain-text';

const HIDDEN = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
];

describe('text as it reads, without hidden characters (SPEC §4)', () => {
  it('finds every text-direction control and invisible character, and none in ordinary Indonesian text', () => {
    for (const c of HIDDEN)
      expect(hasHiddenCharacters(`Dinas${c}Kesehatan`), c.codePointAt(0)?.toString(16)).toBe(true);
    expect(hasHiddenCharacters('Dinas Kependudukan & Pencatatan Sipil — Loket 2 (lantai 1)')).toBe(false);
  });

  it('finds, in one-line names and labels, also control characters and everything shown as nothing; line breaks stay allowed in replies', () => {
    const oneLine = { singleLine: true };
    for (const c of [
      '\u0000',
      '\u0007',
      '\u001b',
      '\t',
      '\n',
      '\r',
      '\u007f',
      '\u0085',
      '\u2028',
      '\u2029',
      '\u034f',
      '\u115f',
      '\u3164',
      '\uffa0',
      '\ufe0f',
      '\u{e0041}',
      '\u2064',
      '\u206a',
    ]) {
      expect(hasHiddenCharacters(`Siti${c}Rahma`, oneLine), c.codePointAt(0)?.toString(16)).toBe(true);
    }
    expect(hasHiddenCharacters("Ni Luh Putu Ayu D'Silva, S.Kom. — Loket 2 (lantai 1)", oneLine)).toBe(false);
    expect(hasHiddenCharacters('Terima kasih.\nKami perbaiki antreannya.')).toBe(false);
  });

  it('removes them and folds fullwidth forms, and is idempotent (property)', () => {
    expect(plainText('Loket \u202E３\u202C')).toBe('Loket 3');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...HIDDEN), fc.string({ maxLength: 3 }))), (parts) => {
        const once = plainText(parts.join(''));
        expect(hasHiddenCharacters(once)).toBe(false);
        expect(plainText(once)).toBe(once);
      }),
    );
  });
});
