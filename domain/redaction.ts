/** @module Masking of personal data in free-text comments before they are stored or published (SPEC §4, docs/method.md). */
import { plainText } from './plain-text';

/** What replaces each piece of personal data. */
export const REDACTION_MARKER = '[disamarkan]';

/** E-mail addresses (pragmatic, not RFC 5322: comments are informal text). */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** "at" written out to dodge filters: `[at]`, `(at)`, `{at}`, `[@]`, ` at `, or an @ with spaces around it. */
const SPELLED_AT = String.raw`(?:\s*(?:@|[\[({]\s*(?:at|@)\s*[\])}])\s*|\s+at\s+)`;
/**
 * "dot" written out the same way (also Indonesian "titik"): `[dot]`, `(.)`, `[.]`, ` dot `; a plain dot, or one with
 * spaces on both sides (not a sentence's full stop).
 */
const SPELLED_DOT = String.raw`(?:\.|\s*[\[({]\s*(?:dot|titik|\.)\s*[\])}]\s*|\s+(?:dot|titik)\s+|\s\.\s)`;
/** E-mail addresses with the @ or the dots spelled out: "budi [at] gmail [.] com", "budi at gmail dot com". */
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\w.%+-])[A-Za-z0-9._%+-]+${SPELLED_AT}[A-Za-z0-9-]+(?:${SPELLED_DOT}[A-Za-z0-9-]+)*${SPELLED_DOT}[A-Za-z]{2,}(?![\w-])`,
  'gi',
);

/** Region codes of Indonesian vehicle plates (tanda nomor kendaraan bermotor), longest first. */
const PLATE_REGIONS = (
  'AA AB AD AE AG BA BB BD BE BG BH BK BL BM BN BP DA DB DC DD DE DG DH DK DL DM DN DP DR DT DW EA EB ED KB KH KT KU ' +
  'PA PB A B D E F G H K L M N P R S T W Z'
).split(' ');
/**
 * Vehicle plates: region code, 1–4 digits, 1–3 letters, in any case, the parts apart by spaces, a dash or a dot or
 * written together ("BP 1234 AB", "bp-1234-ab", "B1234XYZ"); {@link isPlate} judges each candidate.
 */
const PLATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(${PLATE_REGIONS.join('|')})( {1,2}|[-.])?(\d{1,4})( {1,2}|[-.])?(\p{L}{1,3})(?![\p{L}\p{N}])`,
  'giu',
);
/** Short Indonesian words and units that follow "<letter> <number>" in ordinary text ("loket b 2 di", "a 100 kg"). */
const NOT_PLATE_SUFFIX = new Set(
  (
    'ya yg di ke dan dgn dr utk krn tdk gak ga nya an pun lah kah sih deh kok tuh aja ini itu per dll dst dsb jam ' +
    'hr mnt dtk thn bln tgl kg km cm mm gr rb jt lt no org wib wit wita sd smp sma smk rp x'
  ).split(' '),
);

/**
 * Separators tolerated between the digit groups of one number (phone, NIK): space . - / ( ) or an underscore, and at
 * most one line break or tab (a number wrapped by a phone's keyboard, "0812-3456-\n7890"). Not a comma: lists of
 * queue numbers or times are written with commas.
 */
const NUMBER_GAP = /^(?=[^\n\t]*[\n\t]?[^\n\t]*$)[ .\-/()_\n\t]{1,4}$/;
/** A gap of exactly one . - or /: it binds two digit groups into one written number ("12-03-2026", "0812.3456"). */
const TIGHT_GAP = /^[.\-/]$/;

/** Minimum and maximum digits of an Indonesian phone number in national form (leading 0). */
const PHONE_DIGITS = { min: 9, max: 13 } as const;
/** NIK (16 digits) and card-like numbers (15–16 digits, e.g. payment or BPJS cards). */
const LONG_NUMBER_DIGITS = { min: 15, max: 16 } as const;

/**
 * Replaces personal data in `text` with {@link REDACTION_MARKER}: e-mail addresses (also spelled out), NIK and other
 * 15–16-digit numbers, Indonesian phone numbers and vehicle plates, however they are spelled (SPEC §4): fullwidth or
 * Arabic-Indic digits, digit groups apart by spaces (also several), dots, dashes, slashes or parentheses, lower-case
 * plates, `[at]`/`[.]`. Ordinary numbers stay ("loket 3", "antrian 12", "Rp 50.000", "12-03-2026", "08.30").
 *
 * The text is read as it displays first ({@link plainText}: NFKC, no invisible or bidirectional characters); numbers
 * are then matched on a copy with every Unicode digit as its ASCII digit and every dash as `-`, and only the matched
 * spans are replaced: the rest of the text keeps its own characters. It is a best-effort filter for accidental
 * disclosure, not a guarantee: moderators still review comments.
 */
export function redactPersonalData(text: string): string {
  const shown = plainText(text);
  const { folded, origin } = foldForMatching(shown);
  const spans: Span[] = [];
  for (const pattern of [EMAIL, SPELLED_EMAIL]) {
    for (const match of folded.matchAll(pattern)) spans.push([match.index, match.index + match[0].length]);
  }
  for (const match of folded.matchAll(PLATE)) {
    if (isPlate(match)) spans.push([match.index, match.index + match[0].length]);
  }
  spans.push(...numberSpans(folded));
  if (spans.length === 0) return shown;
  let out = '';
  let at = 0;
  for (const [start, end] of merged(spans)) {
    const from = origin[start] ?? shown.length;
    const to = origin[end] ?? shown.length;
    out += shown.slice(at, from) + REDACTION_MARKER;
    at = to;
  }
  return out + shown.slice(at);
}

/** True when a phone candidate has 9–13 digits once an international 62 prefix is read as the national 0. */
export function isPhoneLength(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const national = candidate.trimStart().startsWith('(') || digits.startsWith('0') ? digits : `0${digits.slice(2)}`;
  return national.length >= PHONE_DIGITS.min && national.length <= PHONE_DIGITS.max;
}

/** A half-open range of the folded text. */
type Span = [number, number];

/**
 * `text` with every decimal digit of any script as its ASCII digit, every dash (and the minus sign) as `-` and every
 * space as ' ', one code unit each, with `origin[i]` the index in `text` of the folded text's code unit `i` (and of
 * the end at `origin[folded.length]`).
 */
export function foldForMatching(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    let out = char;
    if (code > 0x7f) {
      if (/\p{Nd}/u.test(char)) out = String(digitValue(code));
      else if (/[\p{Pd}\u2212]/u.test(char)) out = '-';
      else if (/\p{Zs}/u.test(char)) out = ' ';
    }
    for (let unit = 0; unit < out.length; unit += 1) origin.push(index);
    folded += out;
    index += char.length;
  }
  origin.push(index);
  return { folded, origin };
}

/** The value of a decimal digit: Unicode keeps each script's digits 0–9 as one run of ten code points. */
function digitValue(code: number): number {
  // Runs of several scripts back to back (mathematical digits) are whole tens: count from the run's start.
  let start = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
  return (code - start) % 10;
}

/**
 * A plate candidate is a plate when written in capitals as printed; written together it needs 3–4 digits, so degrees
 * and grades such as "S1 UI" or "D3" stay. In lower or mixed case its letters must not be a short everyday word or
 * unit, and a one-letter region needs 3–4 digits ("loket b 2 di", "ruang a 101 ya", "a 100 kg" stay).
 */
function isPlate(match: RegExpMatchArray): boolean {
  const [whole, region = '', before, digits = '', after, suffix = ''] = match;
  if ((before === undefined || after === undefined) && digits.length < 3) return false;
  if (whole === whole.toUpperCase()) return true;
  if (NOT_PLATE_SUFFIX.has(suffix.toLowerCase())) return false;
  return region.length === 2 || digits.length >= 3;
}

/** A written number: digit groups joined by gaps of {@link NUMBER_GAP}, as chunks bound by {@link TIGHT_GAP}s. */
interface Chunk {
  start: number;
  end: number;
  digits: string;
  /** Ordinary on its own (a date, a time, an amount of money): never part of a phone number or NIK. */
  ordinary: boolean;
}

/**
 * The spans of NIK, card-like and phone numbers in `folded`. Digit groups joined by tolerated gaps form a run; a run
 * may hold several numbers ("12-03-2026 0812 3456 7890"), so from each chunk on the longest stretch of whole chunks
 * that reads as a NIK or a phone number is masked, never across an ordinary chunk (a date, a time, "Rp" money).
 */
function numberSpans(folded: string): Span[] {
  const spans: Span[] = [];
  for (const run of runsOf(folded)) {
    // A list of years ("2019 2020 2021 2022") is not a NIK.
    if (run.every((chunk) => /^(?:19|20)\d\d$/.test(chunk.digits) && chunk.end - chunk.start === 4)) continue;
    let first = 0;
    while (first < run.length) {
      let found = -1;
      let digits = '';
      for (let last = first; last < run.length; last += 1) {
        const chunk = run[last] as Chunk;
        if (chunk.ordinary) break;
        digits += chunk.digits;
        if (digits.length > LONG_NUMBER_DIGITS.max + 1) break;
        if (isPersonalNumber(digits)) found = last;
      }
      if (found < 0) {
        first += 1;
        continue;
      }
      spans.push(withBrackets(folded, (run[first] as Chunk).start, (run[found] as Chunk).end));
      first = found + 1;
    }
  }
  return spans;
}

/** NIK or card-like (15–16 digits), or an Indonesian phone number: 0 or 62, an area or mobile prefix 2–9, 9–13 digits. */
function isPersonalNumber(digits: string): boolean {
  if (digits.length >= LONG_NUMBER_DIGITS.min && digits.length <= LONG_NUMBER_DIGITS.max) return true;
  const national = /^0[2-9]/.test(digits) ? digits : /^62[2-9]/.test(digits) ? `0${digits.slice(2)}` : null;
  return national !== null && national.length >= PHONE_DIGITS.min && national.length <= PHONE_DIGITS.max;
}

/** `[start, end)` widened over a `+` or `(` right before it ("(+62) 812…", "(021) 555…") and a `)` it leaves open. */
function withBrackets(folded: string, start: number, end: number): Span {
  const before = /\(? ?\+? ?\(?$/.exec(folded.slice(Math.max(0, start - 5), start))?.[0] ?? '';
  const from = /[+(]/.test(before) ? start - before.length + (before.length - before.trimStart().length) : start;
  const inside = folded.slice(from, end);
  const open = (inside.match(/\(/g)?.length ?? 0) - (inside.match(/\)/g)?.length ?? 0);
  const close = open > 0 ? (/^ ?\)/.exec(folded.slice(end))?.[0].length ?? 0) : 0;
  return [from, end + close];
}

/** Every run of digit groups in `folded`, as chunks. */
function runsOf(folded: string): Chunk[][] {
  const runs: Chunk[][] = [];
  let run: Chunk[] = [];
  let groups: { start: number; end: number; gap: string }[] = [];
  let previousEnd = -1;
  const closeChunk = () => {
    if (groups.length === 0) return;
    run.push(chunkOf(folded, groups));
    groups = [];
  };
  for (const match of folded.matchAll(/\d+/g)) {
    const start = match.index;
    const gap = previousEnd < 0 ? '' : folded.slice(previousEnd, start);
    if (previousEnd >= 0 && !NUMBER_GAP.test(gap)) {
      closeChunk();
      if (run.length > 0) runs.push(run);
      run = [];
    } else if (previousEnd >= 0 && !TIGHT_GAP.test(gap)) closeChunk();
    groups.push({ start, end: start + match[0].length, gap: groups.length === 0 ? '' : gap });
    previousEnd = start + match[0].length;
  }
  closeChunk();
  if (run.length > 0) runs.push(run);
  return runs;
}

function chunkOf(folded: string, groups: { start: number; end: number; gap: string }[]): Chunk {
  const start = groups[0]?.start ?? 0;
  const end = groups[groups.length - 1]?.end ?? start;
  const text = folded.slice(start, end);
  return {
    start,
    end,
    digits: text.replace(/\D/g, ''),
    ordinary: isOrdinaryNumber(text, folded.slice(Math.max(0, start - 6), start)),
  };
}

/** A time of day or opening hours: "08.30", "8.00-15.30". */
const TIME_OR_HOURS = /^(?:[01]?\d|2[0-4])[.:][0-5]\d(?:-(?:[01]?\d|2[0-4])[.:][0-5]\d)?$/;

/**
 * Numbers people write in complaints that must stay: dates ("12-03-2026", "2026-03-12", "12/03"), times and
 * opening hours ("08.30", "08.00-15.30"), amounts of money ("Rp 1.250.000", "150.000").
 */
function isOrdinaryNumber(text: string, before: string): boolean {
  if (/(?:Rp|IDR)\.?\s*$/i.test(before)) return true;
  if (/^[1-9]\d{0,2}(?:\.\d{3})+$/.test(text)) return true;
  const date = /^(\d{1,2})([.\-/])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text);
  if (date && Number(date[1]) <= 31 && Number(date[3]) <= 12) return true;
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) return true;
  if (TIME_OR_HOURS.test(text)) return true;
  return /^\d{1,2}[.\-/]\d{1,2}$/.test(text);
}

/** Overlapping or touching spans as one, in order. */
function merged(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span[0] < last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([span[0], span[1]]);
  }
  return out;
}
