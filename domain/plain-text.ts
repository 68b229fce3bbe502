/**
 * @module
 * Characters that change how text looks or reads without being seen (SPEC §4): invisible separators that split a
 * phone number so a filter misses it, and bidirectional controls that make text display in another order than it
 * is stored ("Trojan Source"), e.g. a comment or a unit name that reads differently from what moderators approved.
 */

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the implicit marks
 * (U+200E, U+200F, U+061C): legitimate only inside right-to-left scripts, which Indonesian text does not use.
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Zero-width and other invisible format characters: ZWSP/ZWNJ/ZWJ (U+200B–U+200D), word joiner and invisible
 * operators (U+2060–U+2064), the BOM (U+FEFF), soft hyphen (U+00AD), Mongolian vowel separator (U+180E).
 */
export const INVISIBLE_CHARACTERS = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/gu;

/**
 * What a one-line name or label (a staff account's name, a unit's, a kiosk's or API key's label) may not hold on top:
 * C0 and C1 controls (NUL, ESC, tab, line breaks), the line and paragraph separators, and every code point Unicode
 * calls default-ignorable, i.e. shown as nothing (Hangul fillers, variation selectors, tag characters, U+034F).
 */
const NOT_IN_ONE_LINE = /[\p{Cc}\u2028\u2029\p{Default_Ignorable_Code_Point}]/u;

/**
 * True when `text` holds a bidirectional control or an invisible character; with `singleLine`, also any control
 * character or other character that displays as nothing.
 */
export function hasHiddenCharacters(text: string, options: { singleLine?: boolean } = {}): boolean {
  return (
    new RegExp(BIDI_CONTROLS.source, 'u').test(text) ||
    new RegExp(INVISIBLE_CHARACTERS.source, 'u').test(text) ||
    (options.singleLine === true && NOT_IN_ONE_LINE.test(text))
  );
}

/**
 * `text` as it reads: NFKC-normalised (fullwidth "０８１２" is "0812", "＠" is "@"), without bidirectional controls
 * and invisible characters. Idempotent.
 */
export function plainText(text: string): string {
  return text.normalize('NFKC').replace(BIDI_CONTROLS, '').replace(INVISIBLE_CHARACTERS, '');
}
