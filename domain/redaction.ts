/** @module Masking of personal data in free-text comments before they are stored or published (SPEC §4). */

/** What replaces each piece of personal data. */
export const REDACTION_MARKER = '[disamarkan]';

/** E-mail addresses (pragmatic, not RFC 5322: comments are informal text). */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

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
 * Replaces personal data in `text` with {@link REDACTION_MARKER}: e-mail addresses, NIK and other 15–16-digit numbers,
 * and Indonesian phone numbers. Ordinary numbers stay ("loket 3", "2 jam", "Rp 50.000", "12/10/2026"). It is a
 * best-effort filter for accidental disclosure, not a guarantee: moderators still review comments.
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(EMAIL, REDACTION_MARKER)
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
