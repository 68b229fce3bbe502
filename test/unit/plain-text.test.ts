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
