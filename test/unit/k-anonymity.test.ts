import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  groupSizes,
  kAnonymize,
  needsBlanking,
  QUASI_IDENTIFIER_FIELDS,
  type QuasiIdentifiers,
  quasiKeyOf,
} from '../../domain/k-anonymity';

interface Row extends QuasiIdentifiers {
  id: number;
  ikm: number;
}

function row(id: number, over: Partial<Row> = {}): Row {
  return {
    id,
    ikm: 80,
    region: '3171',
    unit: 'dukcapil-jaksel',
    month: '2026-11',
    gender: 'P',
    ageBand: '30-39',
    education: 'D4-S1',
    occupation: 'SWASTA',
    ...over,
  };
}

/** Blanks the profile fields only; region, unit and month stay so the row still counts in its unit's figures. */
const blankProfile = (r: Row): Row => ({ ...r, gender: null, ageBand: null, education: null, occupation: null });

describe('k-anonymity of microdata (SPEC §4)', () => {
  it('lists the quasi-identifiers: region, unit, month, gender, age band, education, occupation', () => {
    expect(QUASI_IDENTIFIER_FIELDS).toEqual([
      'region',
      'unit',
      'month',
      'gender',
      'ageBand',
      'education',
      'occupation',
    ]);
  });

  it('blanks rows in groups smaller than k and keeps the others unchanged', () => {
    const common = [1, 2, 3].map((id) => row(id));
    const rare = row(4, { gender: 'L', ageBand: '60+', education: 'S3' });
    const out = kAnonymize([...common, rare], 3, quasiKeyOf, blankProfile);
    expect(out.slice(0, 3)).toEqual(common);
    expect(out[3]).toEqual({ ...rare, gender: null, ageBand: null, education: null, occupation: null });
    expect(out[0]).toBe(common[0]);
  });

  it('computes group sizes on the original rows: blanked rows do not rescue or condemn others', () => {
    // Two singletons that would form a group of 2 once blanked; with k = 2 both must still be blanked.
    const a = row(1, { gender: 'L' });
    const b = row(2, { education: 'S3' });
    const out = kAnonymize([a, b], 2, quasiKeyOf, blankProfile);
    expect(out).toEqual([blankProfile(a), blankProfile(b)]);
  });

  it('a group of exactly k rows is kept; k ≤ 1 keeps everything', () => {
    const rows = [row(1), row(2)];
    expect(kAnonymize(rows, 2, quasiKeyOf, blankProfile)).toEqual(rows);
    expect(kAnonymize([row(9, { gender: 'L' })], 1, quasiKeyOf, blankProfile)).toEqual([row(9, { gender: 'L' })]);
    expect(needsBlanking(4, 5)).toBe(true);
    expect(needsBlanking(5, 5)).toBe(false);
  });

  it('quasiKeyOf is unambiguous: separators inside values, null vs "null", and field order matter', () => {
    expect(quasiKeyOf(row(1, { unit: 'a|b', month: 'c' }))).not.toBe(quasiKeyOf(row(1, { unit: 'a', month: 'b|c' })));
    expect(quasiKeyOf(row(1, { gender: null }))).not.toBe(quasiKeyOf(row(1, { gender: 'null' })));
    expect(quasiKeyOf(row(1, { gender: undefined }))).toBe(quasiKeyOf(row(1, { gender: null })));
    expect(quasiKeyOf(row(1))).toBe(quasiKeyOf(row(2, { ikm: 99 })));
  });

  it('groupSizes supports a streaming exporter: sizes first, then a per-row decision', () => {
    const rows = [row(1), row(2), row(3, { gender: 'L' })];
    const sizes = groupSizes(rows, quasiKeyOf);
    expect([...sizes.values()].sort()).toEqual([1, 2]);
    const streamed = rows.map((r) => (needsBlanking(sizes.get(quasiKeyOf(r)) ?? 0, 2) ? blankProfile(r) : r));
    expect(streamed).toEqual(kAnonymize(rows, 2, quasiKeyOf, blankProfile));
  });

  it('property: every unblanked row shares its quasi-identifiers with at least k − 1 other original rows', () => {
    const rowArb = fc.record({
      gender: fc.constantFrom('L', 'P', null),
      ageBand: fc.constantFrom('<20', '20-29', '60+'),
      education: fc.constantFrom('SMA', 'S3'),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (partials, k) => {
        const rows = partials.map((p, i) => row(i, p));
        const out = kAnonymize(rows, k, quasiKeyOf, blankProfile);
        expect(out).toHaveLength(rows.length);
        out.forEach((r, i) => {
          const original = rows[i] as Row;
          const peers = rows.filter((o) => quasiKeyOf(o) === quasiKeyOf(original)).length;
          expect(r).toEqual(peers >= k ? original : blankProfile(original));
        });
      }),
    );
  });
});
