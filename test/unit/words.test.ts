import { describe, expect, it } from 'vitest';
import type { Locale } from '../../domain/survey';
import { COMMON_WORDS } from '../../i18n/common-words';
import { consoleWords } from '../../i18n/console-words';
import { ratingWords } from '../../i18n/rating-words';
import { siteWords } from '../../i18n/site-words';
import type { Words } from '../../i18n/words';

const LISTS: Record<string, Words> = { site: siteWords.words, console: consoleWords.words, rating: ratingWords.words };
const LOCALES: Locale[] = ['id', 'en'];
const COMMON = new Set<object>(Object.values(COMMON_WORDS));

const pair = (word: Words[string]) => `${word.id} | ${word.en}`;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every list's entries, grouped by their Indonesian and English text. */
function byPair(): Map<string, { list: string; key: string; word: Words[string] }[]> {
  const groups = new Map<string, { list: string; key: string; word: Words[string] }[]>();
  for (const [list, words] of Object.entries(LISTS))
    for (const [key, word] of Object.entries(words))
      groups.set(pair(word), [...(groups.get(pair(word)) ?? []), { list, key, word }]);
  return groups;
}

describe('word lists (SPEC §2: Bahasa Indonesia first, with English)', () => {
  it('gives every word of the site, the console and the rating form in both languages', () => {
    for (const [list, words] of Object.entries({ ...LISTS, common: COMMON_WORDS as Words }))
      for (const [key, word] of Object.entries(words)) {
        expect(Object.keys(word).sort(), `${list}.${key}`).toEqual([...LOCALES].sort());
        for (const locale of LOCALES) expect(word[locale].trim(), `${list}.${key}.${locale}`).not.toBe('');
        expect(placeholders(word.en), `${list}.${key}: the same {placeholders} in both`).toEqual(placeholders(word.id));
      }
  });

  it('writes a word two lists share once, in common-words.ts', () => {
    for (const [text, uses] of byPair()) {
      if (new Set(uses.map((use) => use.list)).size < 2) continue;
      const own = uses.filter((use) => !COMMON.has(use.word)).map((use) => `${use.list}.${use.key}`);
      expect(own, `“${text}” is in several lists: take it from COMMON_WORDS`).toEqual([]);
    }
  });

  it('keeps in common-words.ts only words that two lists use, each once', () => {
    const pairs = Object.values(COMMON_WORDS).map(pair);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const [key, word] of Object.entries(COMMON_WORDS)) {
      const lists = Object.entries(LISTS).filter(([, words]) => Object.values(words).includes(word));
      expect(lists.length, `COMMON_WORDS.${key} is used by fewer than two lists`).toBeGreaterThanOrEqual(2);
    }
  });
});
