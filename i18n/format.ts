/**
 * @module
 * How figures and periods read in each language: Indonesian writes 91,48 and "Maret 2026", English 91.48 and
 * "March 2026", and a moment "3 Des 2026 14.05 WIB" / "3 Dec 2026 14:05 WIB". Figures are already rounded by
 * the domain; this only writes them.
 */
import { INDONESIAN_TIME_ZONES, type Period } from '../domain/periods';
import type { Locale } from '../domain/survey';

const TAGS: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

export function formatDecimal(value: number, decimals: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: false,
  }).format(value);
}

export const formatIkm = (value: number, locale: Locale) => formatDecimal(value, 2, locale);
export const formatNrr = (value: number, locale: Locale) => formatDecimal(value, 3, locale);

export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale]).format(value);
}

export function formatPercent(part: number, whole: number, locale: Locale): string {
  if (whole === 0) return '–';
  return new Intl.NumberFormat(TAGS[locale], { style: 'percent', maximumFractionDigits: 0 }).format(part / whole);
}

/** A file's size: "35 KB", "1,2 MB" / "1.2 MB" (1 KB = 1,024 bytes; at least 1 KB). */
export function formatBytes(bytes: number, locale: Locale): string {
  if (bytes < 1024 * 1024) return `${formatCount(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${formatDecimal(mb, mb < 10 ? 1 : 0, locale)} MB`;
}

/** 'YYYY-MM' → "Maret 2026" / "March 2026" (short: "Mar 26"). */
export function monthLabel(month: string, locale: Locale, short = false): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15));
  return new Intl.DateTimeFormat(TAGS[locale], {
    month: short ? 'short' : 'long',
    year: short ? '2-digit' : 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** A period in words: "Tahun 2026", "Triwulan IV 2026", "Semester 2 2026", "November 2026". */
export function periodLabel(period: Pick<Period, 'id' | 'kind'>, locale: Locale): string {
  const year = period.id.slice(0, 4);
  switch (period.kind) {
    case 'year':
      return locale === 'id' ? `Tahun ${year}` : `Year ${year}`;
    case 'semester':
      return locale === 'id' ? `Semester ${period.id.slice(6)} ${year}` : `Half-year ${period.id.slice(6)} ${year}`;
    case 'quarter':
      return locale === 'id'
        ? `Triwulan ${['I', 'II', 'III', 'IV'][Number(period.id.slice(6)) - 1]} ${year}`
        : `Q${period.id.slice(6)} ${year}`;
    case 'month':
      return monthLabel(period.id, locale);
  }
}

/** A local calendar date 'YYYY-MM-DD' written out ('15 Desember 2026'), without any time-zone shift. */
export function formatLocalDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** Indonesia's zone names, which both languages use; the IANA zones of Indonesia that share them. */
const ZONE_NAMES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(INDONESIAN_TIME_ZONES).map(([name, zone]) => [zone, name])),
  'Asia/Pontianak': 'WIB',
};

/**
 * A moment (epoch ms) in a region's time zone, to the minute, with the zone named: "3 Des 2026 14.05 WIB",
 * "3 Dec 2026 14:05 WIB". The console's one way of writing a time.
 */
export function formatDateTime(ms: number, locale: Locale, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(TAGS[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const separator = locale === 'id' ? '.' : ':';
  const zone = ZONE_NAMES[timeZone] ?? part('timeZoneName');
  return `${part('day')} ${part('month')} ${part('year')} ${part('hour')}${separator}${part('minute')} ${zone}`;
}

/** A local calendar date 'YYYY-MM-DD' in short form ('3 Des 2026'), for lists. */
export function formatShortDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
