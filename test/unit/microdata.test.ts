import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CellGroup,
  type CellValues,
  cellKey,
  DEFAULT_K,
  generalised,
  lastClosedMonthEnd,
  planCell,
  profileKey,
  QUASI_IDENTIFIER_FIELDS,
  rowLevels,
} from '../../domain/microdata';

/** Rows of `values` (one per size), as a GROUP BY would count them. */
function group(size: number, values: Partial<CellValues> = {}): CellGroup {
  return {
    size,
    values: {
      service: 'ktp',
      channel: 'qr',
      gender: null,
      age_band: null,
      education: null,
      occupation: null,
      ...values,
    },
  };
}
const profile = (gender: string, age_band = '30-39', education = 'SMA', occupation = 'SWASTA') => ({
  gender,
  age_band,
  education,
  occupation,
});

/**
 * Streams a cell's rows through its plan as the exporter does (each group's rows in order, `rowLevels`) and counts
 * the published combinations of every quasi-identifier column; also returns how many rows were published.
 */
function published(groups: readonly CellGroup[], k: number): { sizes: Map<string, number>; rows: number } {
  const plan = planCell(groups, k);
  const sizes = new Map<string, number>();
  let rows = 0;
  if (!plan.publish) return { sizes, rows };
  const levelOf = rowLevels(plan);
  for (const g of groups) {
    for (let i = 0; i < g.size; i += 1) {
      const key = cellKey(generalised(g.values, levelOf(cellKey(g.values))));
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
      rows += 1;
    }
  }
  return { sizes, rows };
}

describe('microdata cell plan (SPEC §4)', () => {
  it('lists every published quasi-identifier: region, unit, month, service, channel and the profile; k = 5', () => {
    expect(QUASI_IDENTIFIER_FIELDS).toEqual([
      'region',
      'unit',
      'month',
      'service',
      'channel',
      'gender',
      'age_band',
      'education',
      'occupation',
    ]);
    expect(DEFAULT_K).toBe(5);
  });

  it('keeps groups of exactly k rows whole, and with k ≤ 1 generalises nothing', () => {
    const groups = [group(5, profile('P')), group(5, profile('L'))];
    expect(planCell(groups, 5)).toEqual({ publish: true, generalise: new Map() });
    expect(planCell([...groups, group(1, profile('L', '60+'))], 1).generalise).toEqual(new Map());
  });

  it('a k = 5 profile split 1/2/1/1 by service and channel is no longer unique on the published columns', () => {
    // The finding: one profile, five rows, but four (service, channel) combinations: each row stood out.
    const same = profile('P', '60+', 'S3', 'PNS');
    const groups = [
      group(1, { ...same, service: 'ktp', channel: 'qr' }),
      group(2, { ...same, service: 'ktp', channel: 'paper' }),
      group(1, { ...same, service: 'kk', channel: 'qr' }),
      group(1, { ...same, service: 'kk', channel: 'kiosk' }),
      group(20, { service: 'ktp', channel: 'qr' }),
      group(20, { service: 'kk', channel: 'qr' }),
    ];
    const { sizes, rows } = published(groups, 5);
    expect(rows).toBe(45);
    for (const [key, size] of sizes) expect(size, key).toBeGreaterThanOrEqual(5);
    // The rare profile is gone; the two paper rows joined 3 QR rows of their service with the channel blanked, the
    // kiosk row 4 of its own: every row keeps its service.
    expect([...sizes.keys()].some((key) => key.includes('PNS'))).toBe(false);
    expect(sizes.get(cellKey(group(0, { service: 'ktp', channel: 'qr' }).values))).toBe(18);
    expect(sizes.get(cellKey(group(0, { service: 'ktp', channel: null }).values))).toBe(5);
    expect(sizes.get(cellKey(group(0, { service: 'kk', channel: null }).values))).toBe(5);
    expect(sizes.get(cellKey(group(0, { service: null, channel: null }).values))).toBeUndefined();
  });

  it('blanks the profile first, then tops a small (service, channel) up from its own surplus before touching the channel', () => {
    const plan = planCell([group(12, profile('P')), group(1, profile('L', '60+'))], 5);
    // The rare row loses its profile; 4 rows of the common profile join it so that the blank (ktp, qr) holds 5.
    expect(plan.generalise).toEqual(
      new Map([
        [cellKey(group(0, profile('L', '60+')).values), { service: 0, channel: 0, profile: 1 }],
        [cellKey(group(0, profile('P')).values), { service: 0, channel: 0, profile: 4 }],
      ]),
    );
  });

  it('blanks the channel of a rare channel when its service has rows to join, and the service only after that', () => {
    const groups = [group(10, { channel: 'qr' }), group(2, { channel: 'paper' }), group(10, { service: 'kk' })];
    const { sizes } = published(groups, 5);
    // The 2 paper rows join 3 QR rows of their service with the channel blanked: (ktp, –) holds 5.
    expect(sizes.get(cellKey(group(0, { channel: null }).values))).toBe(5);
    expect(sizes.get(cellKey(group(0, { channel: 'qr' }).values))).toBe(7);
    expect(sizes.get(cellKey(group(0, { service: 'kk' }).values))).toBe(10);
  });

  it('judges groups by their original sizes: blanked rows neither rescue nor condemn others', () => {
    const plan = planCell([group(1, profile('A')), group(1, profile('B')), group(10, profile('C'))], 5);
    expect(plan.generalise.get(cellKey(group(0, profile('A')).values))?.profile).toBe(1);
    expect(plan.generalise.get(cellKey(group(0, profile('B')).values))?.profile).toBe(1);
    expect(plan.generalise.get(cellKey(group(0, profile('C')).values))?.profile).toBe(3);
  });

  it('profileKey and cellKey are unambiguous: separators inside values, null vs "null", field order', () => {
    const p = { gender: 'P', age_band: '30-39', education: 'D4-S1', occupation: 'SWASTA' };
    expect(profileKey({ ...p, education: 'a,b', occupation: 'c' })).not.toBe(
      profileKey({ ...p, education: 'a', occupation: 'b,c' }),
    );
    expect(profileKey({ ...p, gender: null })).not.toBe(profileKey({ ...p, gender: 'null' }));
    expect(profileKey({ gender: null, age_band: null, education: null, occupation: null })).toBeNull();
    expect(cellKey({ ...p, service: 'a', channel: null })).not.toBe(cellKey({ ...p, service: null, channel: 'a' }));
  });

  it('publishes nothing of a cell below the suppression threshold of 10 responses', () => {
    expect(planCell([group(9)], 5).publish).toBe(false);
    expect(planCell([group(10)], 5).publish).toBe(true);
  });

  it('every combination of all published columns occurs 0 or ≥ k times, no row is dropped (property)', () => {
    const value = (options: string[]) => fc.option(fc.constantFrom(...options), { nil: null, freq: 4 });
    const values = fc.record({
      service: value(['ktp', 'kk', 'akta']),
      channel: fc.oneof(fc.constantFrom('qr', 'kiosk', 'paper'), fc.constant(null)),
      gender: value(['L', 'P']),
      age_band: value(['<20', '20-29', '30-39', '60+']),
      education: value(['SD', 'SMA', 'S3']),
      occupation: value(['PNS', 'SWASTA']),
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ values, size: fc.integer({ min: 1, max: 30 }) }), { maxLength: 25 }),
        fc.integer({ min: 2, max: 10 }),
        (raw, k) => {
          // Keys are unique within a cell (one row per group from the GROUP BY).
          const groups = [...new Map(raw.map((g) => [cellKey(g.values), g])).values()];
          const total = groups.reduce((sum, g) => sum + g.size, 0);
          const { sizes, rows } = published(groups, k);
          expect(rows).toBe(total >= Math.max(k, 10) ? total : 0);
          for (const [key, size] of sizes) expect(size, key).toBeGreaterThanOrEqual(k);
          // The same plan whatever the order of the groups.
          expect(planCell([...groups].reverse(), k)).toEqual(planCell(groups, k));
        },
      ),
      { numRuns: 500 },
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
