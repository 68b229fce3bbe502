/** @module Reporting periods (month, quarter, semester, year) and local dates in Indonesian time zones (SPEC §3). */

export type PeriodKind = 'month' | 'quarter' | 'semester' | 'year';

/** A reporting period; `start` and `end` are inclusive local dates 'YYYY-MM-DD'. */
export interface Period {
  /** '2026-11' (month), '2026-Q4' (quarter), '2026-S2' (semester) or '2026' (year). */
  id: string;
  kind: PeriodKind;
  start: string;
  end: string;
}

/** Years accepted in period ids. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** The region time zones of Indonesia; any valid IANA zone is accepted elsewhere too. */
export const INDONESIAN_TIME_ZONES = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
} as const;

/** Months per period kind. */
const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, semester: 6, year: 12 };

const PERIOD_ID = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|S([12])))?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a period id; null when malformed ('2026-13', '2026-Q5', '2026-S3', '26', '2026-1') or out of 2000–2100. */
export function parsePeriod(id: string): Period | null {
  const match = PERIOD_ID.exec(id);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (match[2] !== undefined) return periodOf('month', year, Number(match[2]));
  if (match[3] !== undefined) return periodOf('quarter', year, 3 * (Number(match[3]) - 1) + 1);
  if (match[4] !== undefined) return periodOf('semester', year, 6 * (Number(match[4]) - 1) + 1);
  return periodOf('year', year, 1);
}

/** The period of a month 'YYYY-MM'. @throws RangeError when `month` is not a month id of 2000–2100. */
export function monthPeriod(month: string): Period {
  const period = parsePeriod(month);
  if (period?.kind !== 'month') throw new RangeError(`monthPeriod: not a month '${month}'`);
  return period;
}

/** The month `count` months after 'YYYY-MM' (before when negative): addMonths('2026-01', -1) is '2025-12'. */
export function addMonths(month: string, count: number): string {
  const [year, first] = yearMonth(monthPeriod(month).start);
  const index = year * 12 + (first - 1) + count;
  return formatYearMonth(Math.floor(index / 12), (index % 12) + 1);
}

/**
 * The `count` months ending with 'YYYY-MM', oldest first, never before January {@link MIN_YEAR} (the first month a
 * period can name): a chart of 2000-03 has three months, not nine that no period, page or query could name.
 */
export function monthsEndingWith(last: string, count: number): string[] {
  const [year, month] = yearMonth(monthPeriod(last).start);
  const available = (year - MIN_YEAR) * 12 + month;
  const length = Math.max(0, Math.min(count, available));
  return Array.from({ length }, (_, i) => addMonths(last, i - (length - 1)));
}

/**
 * The months of a period's year from January to the period's last month, or to the current month in `timeZone` while
 * the period runs (a year's trend shows no future months as if they had no responses). Empty before the period begins.
 */
export function yearToDateMonths(period: Period, now: Date | number, timeZone: string): string[] {
  const [last = period.end.slice(0, 7)] = [period.end.slice(0, 7), localMonth(now, timeZone)].sort();
  if (last < period.start.slice(0, 7)) return [];
  return monthsEndingWith(last, Number(last.slice(5, 7)));
}

/** The period of `kind` that contains a local date 'YYYY-MM-DD'. @throws RangeError on a malformed date. */
export function periodContaining(kind: PeriodKind, localDate: string): Period {
  const match = LOCAL_DATE.exec(localDate);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) throw new RangeError(`periodContaining: bad local date '${localDate}'`);
  const size = MONTHS_PER[kind];
  return periodOf(kind, year, Math.floor((month - 1) / size) * size + 1);
}

/** The period of `kind` containing the instant `now` as seen in `timeZone`. */
export function currentPeriod(kind: PeriodKind, now: Date | number, timeZone: string): Period {
  return periodContaining(kind, localDate(now, timeZone));
}

/** The months of a period, in order, as 'YYYY-MM'. */
export function monthsOf(period: Period): string[] {
  const [year, first] = yearMonth(period.start);
  return Array.from({ length: MONTHS_PER[period.kind] }, (_, i) => formatYearMonth(year, first + i));
}

/** The period of the same kind just before (e.g. 2026-Q1 → 2025-Q4). */
export function previousPeriod(period: Period): Period {
  const [year, month] = yearMonth(period.start);
  const size = MONTHS_PER[period.kind];
  const index = year * 12 + (month - 1) - size;
  return periodOf(period.kind, Math.floor(index / 12), (index % 12) + 1);
}

/** The period of the same kind just after (e.g. 2026-12 → 2027-01). */
export function nextPeriod(period: Period): Period {
  const [year, month] = yearMonth(period.start);
  const index = year * 12 + (month - 1) + MONTHS_PER[period.kind];
  return periodOf(period.kind, Math.floor(index / 12), (index % 12) + 1);
}

/**
 * Where a period stands on a local date 'YYYY-MM-DD' (today in the region's zone): `future` until its first day,
 * `ongoing` from its first to its last day, `closed` after it.
 */
export function periodStatus(period: Period, today: string): 'future' | 'ongoing' | 'closed' {
  if (today < period.start) return 'future';
  return today > period.end ? 'closed' : 'ongoing';
}

/** True when `date` is a real calendar date written 'YYYY-MM-DD' (so '2026-02-29' and '2026-4-1' are not). */
export function isCalendarDate(date: string): boolean {
  const match = LOCAL_DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  if (tz.length === 0) return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local calendar date 'YYYY-MM-DD' of an instant in an IANA time zone (e.g. 2026-06-30T16:30Z is 2026-06-30 in
 * Asia/Jakarta but 2026-07-01 in Asia/Makassar). @throws RangeError on an unknown zone or invalid instant.
 */
export function localDate(instant: Date | number, timeZone: string): string {
  const time = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(time)) throw new RangeError('localDate: invalid instant');
  if (time < SLOTTED_SINCE) return formatLocalDate(time, timeZone);
  // Every submission asks for the same few zones at nearly the same instant, and formatToParts is costly: the
  // answer is kept per zone for the instant's quarter hour (see SLOT_MS).
  const slot = Math.floor(time / SLOT_MS);
  const last = lastDates.get(timeZone);
  if (last?.slot === slot) return last.date;
  const date = formatLocalDate(time, timeZone);
  lastDates.set(timeZone, { slot, date });
  return date;
}

/**
 * Every UTC offset in use since 1980 is a whole number of quarter hours (+05:45 and +12:45 are the finest), so a
 * local date changes only at a quarter hour of UTC: within one UTC quarter hour every zone has a single date.
 */
const SLOT_MS = 15 * 60 * 1000;
/** 1980-01-01T00:00Z: before it some zones had offsets in seconds (local mean time), which are never slotted. */
const SLOTTED_SINCE = Date.UTC(1980, 0, 1);
const lastDates = new Map<string, { slot: number; date: string }>();

function formatLocalDate(time: number, timeZone: string): string {
  let year = '';
  let month = '';
  let day = '';
  // formatToParts rather than format(): the string layout of a locale is not a stable contract.
  for (const part of formatterFor(timeZone).formatToParts(time)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/** The local month 'YYYY-MM' of an instant in an IANA time zone. */
export function localMonth(instant: Date | number, timeZone: string): string {
  return localDate(instant, timeZone).slice(0, 7);
}

/** Formatters are costly to build (ICU data lookup) and this is on the hot path of every submission: one per zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Pin calendar and digits: a default locale could otherwise give a non-Gregorian year or non-Latin numerals.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function periodOf(kind: PeriodKind, year: number, firstMonth: number): Period {
  const lastMonth = firstMonth + MONTHS_PER[kind] - 1;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    id: periodId(kind, year, firstMonth),
    kind,
    start: `${formatYearMonth(year, firstMonth)}-01`,
    end: `${formatYearMonth(year, lastMonth)}-${String(lastDay).padStart(2, '0')}`,
  };
}

function periodId(kind: PeriodKind, year: number, firstMonth: number): string {
  switch (kind) {
    case 'month':
      return formatYearMonth(year, firstMonth);
    case 'quarter':
      return `${year}-Q${(firstMonth + 2) / 3}`;
    case 'semester':
      return `${year}-S${(firstMonth + 5) / 6}`;
    case 'year':
      return String(year);
  }
}

/** 'YYYY-MM' of a year and month 1..12 (months beyond 12 carry into the next year). */
function formatYearMonth(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

function yearMonth(date: string): [number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
}
