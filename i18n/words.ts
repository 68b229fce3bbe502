/**
 * @module
 * One dictionary helper for every word list: each key has its text in Bahasa Indonesia and English, `t` looks a
 * word up and `tf` fills its `{name}` placeholders. Words two lists share live in common-words.ts (README.md,
 * folder map).
 */
import type { Locale } from '../domain/survey';

/** A word list: the text of each key in every language. */
export type Words<K extends string = string> = Readonly<Record<K, Readonly<Record<Locale, string>>>>;

interface Dictionary<K extends string> {
  readonly words: Words<K>;
  t(locale: Locale, key: K): string;
  tf(locale: Locale, key: K, values?: Readonly<Record<string, string | number>>): string;
}

/** The typed lookups of one word list. A placeholder without a value stays as written. */
export function dictionary<K extends string>(words: Words<K>): Dictionary<K> {
  return {
    words,
    t: (locale, key) => words[key][locale],
    tf: (locale, key, values = {}) =>
      words[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)),
  };
}
