import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../domain/periods';
import { trailingMonths } from '../../worker/services/indicators/trends';

describe('trend months of the charts (SPEC §3 periods)', () => {
  it('are the twelve months ending with a past period, across a year boundary', () => {
    expect(trailingMonths(parsePeriod('2026-Q1')!, 'Asia/Jakarta', 12, Date.parse('2026-11-24T03:00:00Z'))).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
  });

  it('stop at the current month in the region’s zone while the period is still running', () => {
    // 16:30 UTC on 31 October is already 1 November in Gorontalo (WITA) but still October in Jakarta (WIB).
    const now = Date.parse('2026-10-31T16:30:00Z');
    expect(trailingMonths(parsePeriod('2026')!, 'Asia/Makassar', 3, now)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(trailingMonths(parsePeriod('2026')!, 'Asia/Jakarta', 3, now)).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  it('never step back before January 2000, the first month a period can name (a 2000 period answers, not 500)', () => {
    const now = Date.parse('2026-11-24T03:00:00Z');
    expect(trailingMonths(parsePeriod('2000-03')!, 'Asia/Jakarta', 12, now)).toEqual(['2000-01', '2000-02', '2000-03']);
    expect(trailingMonths(parsePeriod('2000-Q1')!, 'Asia/Jakarta', 12, now)).toEqual(['2000-01', '2000-02', '2000-03']);
    for (const month of trailingMonths(parsePeriod('2000-11')!, 'Asia/Jakarta', 12, now)) {
      expect(parsePeriod(month)?.kind).toBe('month');
    }
  });
});
