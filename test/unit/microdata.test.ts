import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_K, lastClosedMonthEnd, planCell, profileKey, QUASI_IDENTIFIER_FIELDS } from '../../domain/microdata';

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
  it('lists the quasi-identifiers: region, unit, month, gender, age band, education, occupation; k = 5', () => {
    expect(QUASI_IDENTIFIER_FIELDS).toEqual([
      'region',
      'unit',
      'month',
      'gender',
      'age_band',
      'education',
      'occupation',
    ]);
    expect(DEFAULT_K).toBe(5);
  });

  it('keeps a group of exactly k rows, and with k ≤ 1 blanks nothing', () => {
    const groups = [
      { key: 'a', size: 5 },
      { key: 'b', size: 5 },
    ];
    expect(planCell(groups, 5)).toEqual({ publish: true, blank: new Map() });
    expect(planCell([...groups, { key: 'c', size: 1 }], 1).blank).toEqual(new Map());
  });

  it('judges groups by their original sizes: blanked rows neither rescue nor condemn others', () => {
    // Two singletons would form a blank group of 2 once blanked; both are still blanked (and the blank group is
    // topped up to k from the common group's surplus), never kept because together they reach some size.
    const plan = planCell(
      [
        { key: 'a', size: 1 },
        { key: 'b', size: 1 },
        { key: 'common', size: 10 },
      ],
      5,
    );
    expect(plan.blank).toEqual(
      new Map([
        ['a', 1],
        ['b', 1],
        ['common', 3],
      ]),
    );
  });

  it('profileKey is unambiguous: separators inside values, null vs "null", field order; all empty is null', () => {
    const p = { gender: 'P', age_band: '30-39', education: 'D4-S1', occupation: 'SWASTA' };
    expect(profileKey({ ...p, education: 'a,b', occupation: 'c' })).not.toBe(
      profileKey({ ...p, education: 'a', occupation: 'b,c' }),
    );
    expect(profileKey({ ...p, gender: null })).not.toBe(profileKey({ ...p, gender: 'null' }));
    expect(profileKey({ ...p, gender: 'L', age_band: null })).not.toBe(
      profileKey({ ...p, gender: null, age_band: 'L' }),
    );
    expect(profileKey({ gender: null, age_band: null, education: null, occupation: null })).toBeNull();
  });

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
