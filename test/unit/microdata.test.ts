import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastClosedMonthEnd, planCell } from '../../domain/microdata';

/** Applies a plan to group sizes and returns the published group sizes (null key = blank profile). */
function published(groups: { key: string | null; size: number }[], k: number): Map<string | null, number> {
  const plan = planCell(groups, k);
  const out = new Map<string | null, number>();
  if (!plan.publish) return out;
  for (const g of groups) {
    const blanked = g.key === null ? 0 : (plan.blank.get(g.key) ?? 0);
    if (g.size - blanked > 0) out.set(g.key, (out.get(g.key) ?? 0) + g.size - blanked);
    if (blanked + (g.key === null ? g.size : 0) > 0)
      out.set(null, (out.get(null) ?? 0) + blanked + (g.key === null ? g.size : 0));
  }
  return out;
}

describe('microdata cell plan (SPEC §4)', () => {
  it('publishes nothing of a cell below the suppression threshold of 10 responses', () => {
    expect(planCell([{ key: 'a', size: 9 }], 5).publish).toBe(false);
    expect(planCell([{ key: 'a', size: 10 }], 5).publish).toBe(true);
  });

  it('blanks groups smaller than k, and tops the blank group up to k from a large group’s surplus', () => {
    const plan = planCell(
      [
        { key: 'common', size: 12 },
        { key: 'rare', size: 1 },
      ],
      5,
    );
    expect(plan.blank).toEqual(
      new Map([
        ['rare', 1],
        ['common', 4],
      ]),
    );
  });

  it('blanks a whole group when no group has a surplus over k', () => {
    const plan = planCell(
      [
        { key: 'a', size: 5 },
        { key: 'b', size: 6 },
        { key: 'c', size: 1 },
      ],
      5,
    );
    expect(plan.blank.get('c')).toBe(1);
    // 'b' can spare 1, not enough for the 4 missing rows: the smallest whole group ('a') goes blank.
    expect(plan.blank.get('a')).toBe(5);
  });

  it('leaves every published combination, blank included, at 0 or ≥ k rows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.option(fc.string({ maxLength: 3 }), { nil: null }),
            size: fc.integer({ min: 1, max: 30 }),
          }),
          {
            maxLength: 12,
          },
        ),
        fc.integer({ min: 2, max: 10 }),
        (raw, k) => {
          // Keys are unique within a cell (one row per group from the GROUP BY).
          const groups = [...new Map(raw.map((g) => [g.key, g])).values()];
          for (const size of published(groups, k).values()) expect(size).toBeGreaterThanOrEqual(k);
        },
      ),
    );
  });
});

describe('months published as microdata (SPEC §4)', () => {
  it('ends at the last day of the month before the current one in the region’s zone', () => {
    // 16:30 UTC on 30 June 2026: 23:30 on 30 June in Jakarta, 01:30 on 1 July in Jayapura.
    const at = Date.parse('2026-06-30T16:30:00Z');
    expect(lastClosedMonthEnd(at, 'Asia/Jakarta')).toBe('2026-05-31');
    expect(lastClosedMonthEnd(at, 'Asia/Jayapura')).toBe('2026-06-30');
    expect(lastClosedMonthEnd(Date.parse('2026-01-15T00:00:00Z'), 'Asia/Makassar')).toBe('2025-12-31');
  });
});
