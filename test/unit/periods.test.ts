import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  currentPeriod,
  INDONESIAN_TIME_ZONES,
  isCalendarDate,
  isValidTimeZone,
  localDate,
  localMonth,
  monthPeriod,
  monthsEndingWith,
  monthsOf,
  nextPeriod,
  type Period,
  type PeriodKind,
  parsePeriod,
  periodContaining,
  periodStatus,
  previousPeriod,
  yearToDateMonths,
} from '../../domain/periods';

const { WIB, WITA, WIT } = INDONESIAN_TIME_ZONES;

function period(id: string): Period {
  const p = parsePeriod(id);
  if (!p) throw new Error(`test setup: ${id} should parse`);
  return p;
}

describe('parsePeriod (SPEC §3 period ids)', () => {
  it.each([
    ['2026-11', 'month', '2026-11-01', '2026-11-30'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28'],
    ['2028-02', 'month', '2028-02-01', '2028-02-29'],
    ['2000-02', 'month', '2000-02-01', '2000-02-29'],
    ['2100-02', 'month', '2100-02-01', '2100-02-28'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026-Q4', 'quarter', '2026-10-01', '2026-12-31'],
    ['2026-S1', 'semester', '2026-01-01', '2026-06-30'],
    ['2026-S2', 'semester', '2026-07-01', '2026-12-31'],
    ['2026', 'year', '2026-01-01', '2026-12-31'],
  ])('%s is a %s from %s to %s inclusive', (id, kind, start, end) => {
    expect(parsePeriod(id)).toEqual({ id, kind, start, end });
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-Q5',
    '2026-Q0',
    '2026-S3',
    '26',
    '2026-1',
    '1999',
    '2101-01',
    '2026-q4',
    ' 2026',
    '2026-11-01',
    '',
  ])('rejects malformed or out-of-range id %j', (id) => {
    expect(parsePeriod(id)).toBeNull();
  });
});

describe('local dates in Indonesian time zones (SPEC §3)', () => {
  it('2026-06-30T16:30Z is still June 30 in Jakarta (WIB) but July 1 in Makassar (WITA) and Jayapura (WIT)', () => {
    const instant = Date.parse('2026-06-30T16:30:00Z');
    expect(localDate(instant, WIB)).toBe('2026-06-30');
    expect(localDate(instant, WITA)).toBe('2026-07-01');
    expect(localDate(new Date(instant), WIT)).toBe('2026-07-01');
    expect(localMonth(instant, WIB)).toBe('2026-06');
    expect(localMonth(instant, WITA)).toBe('2026-07');
    expect(currentPeriod('semester', instant, WIB).id).toBe('2026-S1');
    expect(currentPeriod('semester', instant, WIT).id).toBe('2026-S2');
    expect(currentPeriod('quarter', instant, WITA).id).toBe('2026-Q3');
  });

  it('2026-12-31T15:30Z is still 2026 in Jakarta and Makassar (23:30 WITA) but 2027 in Jayapura', () => {
    const instant = new Date('2026-12-31T15:30:00Z');
    expect(currentPeriod('year', instant, WIB).id).toBe('2026');
    expect(currentPeriod('year', instant, WITA).id).toBe('2026');
    expect(currentPeriod('year', instant, WIT).id).toBe('2027');
    expect(currentPeriod('month', instant, WIT).id).toBe('2027-01');
  });

  it('2026-12-31T16:30Z is 2026 in Jakarta (23:30 WIB) but 2027 in Makassar and Jayapura', () => {
    const instant = new Date('2026-12-31T16:30:00Z');
    expect(currentPeriod('year', instant, WIB).id).toBe('2026');
    expect(currentPeriod('year', instant, WITA).id).toBe('2027');
    expect(currentPeriod('quarter', instant, WITA).id).toBe('2027-Q1');
    expect(currentPeriod('semester', instant, WIB).id).toBe('2026-S2');
  });

  it('a zone boundary is exact to the minute: 16:59Z vs 17:00Z in Jakarta', () => {
    expect(localDate(Date.parse('2026-03-31T16:59:59Z'), WIB)).toBe('2026-03-31');
    expect(localDate(Date.parse('2026-03-31T17:00:00Z'), WIB)).toBe('2026-04-01');
  });

  it('answers like a fresh formatter for any instant, in zones with quarter-hour offsets and summer time too', () => {
    // localDate keeps each zone's last answer for its UTC quarter hour; instants near one another (the same quarter
    // hour, either side of a midnight or a clock change) must never get a stale date.
    const zones = [
      WIB,
      WITA,
      WIT,
      'Asia/Kathmandu',
      'Pacific/Chatham',
      'Asia/Kolkata',
      'America/New_York',
      'Australia/Lord_Howe',
    ];
    const formats = new Map(
      zones.map((timeZone) => [
        timeZone,
        new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      ]),
    );
    const fresh = (time: number, timeZone: string) => {
      const parts = formats.get(timeZone)?.formatToParts(time) ?? [];
      const part = (type: string) => parts.find((p) => p.type === type)?.value;
      return `${part('year')}-${part('month')}-${part('day')}`;
    };
    const instant = fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(
        instant,
        fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { maxLength: 8 }),
        (base, steps) => {
          for (const step of [0, ...steps]) {
            for (const zone of zones) expect(localDate(base + step, zone)).toBe(fresh(base + step, zone));
          }
        },
      ),
      { numRuns: 300 },
    );
    // Either side of midnight in Kathmandu (+05:45): 18:14:59Z and 18:15Z fall in different quarter hours.
    expect(localDate(Date.parse('2026-03-31T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-03-31');
    expect(localDate(Date.parse('2026-03-31T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-04-01');
  });

  it('accepts any IANA zone, and rejects unknown zones and invalid instants', () => {
    expect(localDate(Date.parse('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31');
    expect(localDate(0, 'UTC')).toBe('1970-01-01');
    expect(() => localDate(0, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localDate(Number.NaN, WIB)).toThrow(RangeError);
  });

  it('isValidTimeZone accepts the three region zones and rejects garbage', () => {
    expect(isValidTimeZone(WIB)).toBe(true);
    expect(isValidTimeZone(WITA)).toBe(true);
    expect(isValidTimeZone(WIT)).toBe(true);
    expect(isValidTimeZone('Europe/Amsterdam')).toBe(true);
    expect(isValidTimeZone('Asia/Bandung')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('property: local date equals the UTC date shifted by the fixed offset of WIB/WITA/WIT (no DST)', () => {
    const offsets: [string, number][] = [
      [WIB, 7],
      [WITA, 8],
      [WIT, 9],
    ];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 11, 31) }), (t) => {
        for (const [zone, hours] of offsets) {
          expect(localDate(t, zone)).toBe(new Date(t + hours * 3_600_000).toISOString().slice(0, 10));
        }
      }),
    );
  });
});

describe('period arithmetic (SPEC §3)', () => {
  it('periodContaining maps a local date to its month, quarter, semester and year', () => {
    expect(periodContaining('month', '2026-11-15').id).toBe('2026-11');
    expect(periodContaining('quarter', '2026-11-15').id).toBe('2026-Q4');
    expect(periodContaining('quarter', '2026-04-01').id).toBe('2026-Q2');
    expect(periodContaining('semester', '2026-06-30').id).toBe('2026-S1');
    expect(periodContaining('semester', '2026-07-01').id).toBe('2026-S2');
    expect(periodContaining('year', '2026-07-01')).toEqual(period('2026'));
    expect(() => periodContaining('month', '2026-13-01')).toThrow(RangeError);
    expect(() => periodContaining('month', 'yesterday')).toThrow(RangeError);
  });

  it('monthsOf lists the months of a period in order', () => {
    expect(monthsOf(period('2026-11'))).toEqual(['2026-11']);
    expect(monthsOf(period('2026-Q4'))).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(monthsOf(period('2026-S1'))).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(monthsOf(period('2026'))).toHaveLength(12);
    expect(monthsOf(period('2026')).at(-1)).toBe('2026-12');
  });

  it('previousPeriod and nextPeriod cross year boundaries', () => {
    expect(previousPeriod(period('2026-01')).id).toBe('2025-12');
    expect(previousPeriod(period('2026-Q1'))).toEqual(period('2025-Q4'));
    expect(previousPeriod(period('2026-S1')).id).toBe('2025-S2');
    expect(previousPeriod(period('2026-S2')).id).toBe('2026-S1');
    expect(previousPeriod(period('2026')).id).toBe('2025');
    expect(nextPeriod(period('2026-12')).id).toBe('2027-01');
    expect(nextPeriod(period('2026-Q4')).id).toBe('2027-Q1');
  });

  it('periodStatus: future before the first day, ongoing through the last, closed after', () => {
    expect(periodStatus(period('2026-Q4'), '2026-09-30')).toBe('future');
    expect(periodStatus(period('2026-Q4'), '2026-10-01')).toBe('ongoing');
    expect(periodStatus(period('2026-Q4'), '2026-12-31')).toBe('ongoing');
    expect(periodStatus(period('2026-Q4'), '2027-01-01')).toBe('closed');
    expect(periodStatus(period('2026'), '2026-12-03')).toBe('ongoing');
    expect(periodStatus(period('2026-11'), '2026-12-03')).toBe('closed');
  });

  it('property: periods of a kind tile the calendar (next starts the day after end, previous ∘ next = id)', () => {
    const kinds: PeriodKind[] = ['month', 'quarter', 'semester', 'year'];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        (kind, year, month) => {
          const p = periodContaining(kind, `${year}-${String(month).padStart(2, '0')}-15`);
          const next = nextPeriod(p);
          const dayAfterEnd = new Date(Date.parse(`${p.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          expect(next.start).toBe(dayAfterEnd);
          expect(previousPeriod(next)).toEqual(p);
          expect(parsePeriod(p.id)).toEqual(p);
          expect(monthsOf(p)[0]).toBe(p.start.slice(0, 7));
          expect(monthsOf(p).at(-1)).toBe(p.end.slice(0, 7));
        },
      ),
    );
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates written YYYY-MM-DD and refuses impossible or differently written ones', () => {
    for (const date of ['2026-01-31', '2024-02-29', '2026-12-31']) expect(isCalendarDate(date), date).toBe(true);
    for (const date of [
      '2026-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-4-1',
      '01-04-2026',
      '2026/04/01',
      '',
    ])
      expect(isCalendarDate(date), date).toBe(false);
  });
});

describe('month arithmetic (one helper for every month range)', () => {
  it('monthPeriod gives a month’s first and last local day, and refuses anything but a month', () => {
    expect(monthPeriod('2026-02')).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
    expect(monthPeriod('2024-02').end).toBe('2024-02-29');
    expect(monthPeriod('2026-12').end).toBe('2026-12-31');
    for (const bad of ['2026-13', '2026-Q1', '2026', '1999-12', '26-01'])
      expect(() => monthPeriod(bad)).toThrow(RangeError);
  });

  it('addMonths steps across year ends in both directions', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
    expect(addMonths('2026-03', -27)).toBe('2023-12');
  });

  it('monthsEndingWith gives the trailing months, oldest first, clamped at January 2000 (every one a valid month)', () => {
    expect(monthsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthsEndingWith('2000-02', 12)).toEqual(['2000-01', '2000-02']);
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.nat(40), (y, m, count) => {
        const last = `${y}-${String(m).padStart(2, '0')}`;
        const months = monthsEndingWith(last, count);
        expect(months.at(-1) ?? last).toBe(last);
        expect(months.length).toBe(Math.min(count, (y - 2000) * 12 + m));
        for (const month of months) expect(monthPeriod(month).kind).toBe('month');
      }),
    );
  });

  it('yearToDateMonths runs from January of the period’s year to its end, or to this month while it runs', () => {
    const now = Date.UTC(2026, 10, 15); // 15 November 2026
    expect(yearToDateMonths(period('2026-Q3'), now, WIB)).toEqual(monthsEndingWith('2026-09', 9));
    expect(yearToDateMonths(period('2026'), now, WIB).at(-1)).toBe('2026-11');
    expect(yearToDateMonths(period('2025-S2'), now, WIB)).toHaveLength(12);
    expect(yearToDateMonths(period('2027-01'), now, WIB)).toEqual([]);
    // 31 December 17:30 UTC is already 1 January in Jayapura.
    expect(yearToDateMonths(period('2027'), Date.UTC(2026, 11, 31, 17, 30), WIT)).toEqual(['2027-01']);
  });
});
