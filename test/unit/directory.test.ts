import { describe, expect, it } from 'vitest';
import { groupByProvince, matchesQuery, queryWords } from '../../domain/directory';

const entry = (slug: string, name: string, code: string | null) => ({ slug, name, code });

describe('national directory grouping and search (SPEC §6)', () => {
  const entries = [
    entry('gorontalo', 'Kota Gorontalo', '75.71'),
    entry('tanjungpinang', 'Kota Tanjungpinang', '21.72'),
    entry('bintan', 'Kabupaten Bintan', '21.01'),
    entry('lama', 'Kota Lama', null),
    entry('langsa', 'Kota Langsa', '11.74'),
  ];

  it('groups by province in code order, by name within a province, regions without a code last', () => {
    const { groups, emptyProvinces } = groupByProvince(entries);
    expect(groups.map((g) => [g.province?.name ?? null, g.entries.map((e) => e.slug)])).toEqual([
      ['Aceh', ['langsa']],
      ['Kepulauan Riau', ['bintan', 'tanjungpinang']],
      ['Gorontalo', ['gorontalo']],
      [null, ['lama']],
    ]);
    expect(emptyProvinces).toHaveLength(35);
    expect(emptyProvinces[0]).toEqual({ code: '12', name: 'Sumatera Utara' });
  });

  it('finds a region by any words of its name, slug, province or code, ignoring case and accents', () => {
    const find = (q: string) =>
      groupByProvince(entries, queryWords(q)).groups.flatMap((g) => g.entries.map((e) => e.slug));
    expect(find('TANJUNG')).toEqual(['tanjungpinang']);
    expect(find('riau')).toEqual(['bintan', 'tanjungpinang']);
    expect(find('2172')).toEqual(['tanjungpinang']);
    expect(find('21.01')).toEqual(['bintan']);
    expect(find('kota  aceh')).toEqual(['langsa']);
    expect(find('Gorontálo')).toEqual(['gorontalo']);
    expect(find('')).toHaveLength(5);
    expect(find('kota bintan')).toEqual([]);
  });

  it('reads at most 100 characters of a query', () => {
    expect(queryWords(`${'a'.repeat(99)} b`)).toEqual(['a'.repeat(99)]);
    expect(matchesQuery(entry('x', 'Kota X', null), [])).toBe(true);
  });
});
