/** @module Masking of personal data in free-text comments before they are stored or published (SPEC §4). */
import { plainText } from './plain-text';

/** What replaces each piece of personal data. */
export const REDACTION_MARKER = '[disamarkan]';

/** E-mail addresses (pragmatic, not RFC 5322: comments are informal text). */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** "at" written out to dodge filters: `[at]`, `(at)`, `{at}`, ` at `, or an @ with spaces around it. */
const SPELLED_AT = String.raw`(?:\s*(?:@|[\[({]\s*at\s*[\])}])\s*|\s+at\s+)`;
/** "dot" written out the same way; a plain dot, or one with spaces on both sides (not a sentence's full stop). */
const SPELLED_DOT = String.raw`(?:\.|\s*[\[({]\s*dot\s*[\])}]\s*|\s+dot\s+|\s\.\s)`;
/** E-mail addresses with the @ or the dots spelled out: "budi [at] gmail [dot] com", "budi at gmail dot com". */
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
 * Vehicle plates: region code, 1–4 digits, 1–3 letters, in capitals as printed ("BP 1234 AB", "B 1234 XYZ"). Written
 * without spaces a plate needs 3+ digits, so degrees and grades such as "S1 UI" or "D3" stay.
 */
const PLATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:${PLATE_REGIONS.join('|')}) \d{1,4} [A-Z]{1,3}|(?:${PLATE_REGIONS.join('|')})\d{3,4}[A-Z]{1,3})(?![\p{L}\p{N}])`,
  'gu',
);

/**
 * NIK (16 digits) and card-like numbers (15–16 digits, e.g. payment or BPJS cards), digits possibly grouped with single
 * spaces, dots or dashes ("3171 0123 4567 0001", "3171.0123.4567.0001"). The lookarounds stop a match from starting
 * or ending inside a longer digit run, so 17+ digit strings (e.g. order ids) are not half-masked.
 */
const LONG_NUMBER = /(?<![\d])(?<![\d][ .-])\d(?:[ .-]?\d){14,15}(?![ .-]?\d)/g;

/**
 * Indonesian phone numbers: +62 / 62 / 0 followed by an area or mobile prefix (2–9), in groups separated by single
 * spaces, dashes or dots, optionally with the area code in parentheses: "0812-3456-7890", "+62 812 3456 7890",
 * "0812.3456.7890", "(021) 5550123". The first group must have at least 3 digits so dates and times such as
 * "02-12-2026" or "08.30" are not phones; the digit count is checked in {@link isPhoneLength}.
 */
const PHONE = /(?<![\w+])(?:\+62[ -]?|62[ -]?|\(0|0)[2-9]\d{1,3}\)?(?:[ .-]?\d{2,}){1,4}(?![\w]|\.\d)/g;

/** Minimum and maximum digits of an Indonesian phone number in national form (leading 0). */
const PHONE_DIGITS = { min: 9, max: 13 } as const;

/**
 * Replaces personal data in `text` with {@link REDACTION_MARKER}: e-mail addresses (also spelled out), NIK and other
 * 15–16-digit numbers, Indonesian phone numbers and vehicle plates. Ordinary numbers stay ("loket 3", "2 jam",
 * "Rp 50.000", "12/10/2026"). The text is read as it displays first ({@link plainText}: NFKC, no invisible or
 * bidirectional characters), so fullwidth digits or zero-width splits do not hide a number. It is a best-effort
 * filter for accidental disclosure, not a guarantee: moderators still review comments.
 */
export function redactPersonalData(text: string): string {
  return plainText(text)
    .replace(EMAIL, REDACTION_MARKER)
    .replace(SPELLED_EMAIL, REDACTION_MARKER)
    .replace(PLATE, REDACTION_MARKER)
    .replace(LONG_NUMBER, (match, offset: number, whole: string) =>
      isMoneyAmount(whole, offset) ? match : REDACTION_MARKER,
    )
    .replace(PHONE, (match, offset: number, whole: string) =>
      isPhoneLength(match) && !isMoneyAmount(whole, offset) ? REDACTION_MARKER : match,
    );
}

/** True when a phone candidate has 9–13 digits once an international 62 prefix is read as the national 0. */
export function isPhoneLength(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const national = candidate.trimStart().startsWith('(') || digits.startsWith('0') ? digits : `0${digits.slice(2)}`;
  return national.length >= PHONE_DIGITS.min && national.length <= PHONE_DIGITS.max;
}

/** A number right after "Rp" is an amount of money, however long (e.g. "Rp 1.250.000.000.000.000"). */
function isMoneyAmount(text: string, offset: number): boolean {
  return /Rp\.?\s*$/i.test(text.slice(Math.max(0, offset - 5), offset));
}
