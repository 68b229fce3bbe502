/**
 * @module
 * The national directory of regions (SPEC §6, home page): regions grouped by province in the official code order,
 * each province's regions by name, and the search that narrows it (`?q=`). Pure: the page and its tests share it.
 */
import { bpsCode, PROVINCES, type Province, provinceOfCode } from './region-codes';

/** What the directory needs to know of a region to place and find it. */
export interface DirectoryEntry {
  slug: string;
  name: string;
  code: string | null;
}

export interface ProvinceGroup<T> {
  /** Null for the regions created before codes existed (no province known). */
  province: Province | null;
  entries: T[];
}

/** Lower case, accents and punctuation folded to spaces: 'Kota Tanjung-Pinang' → 'kota tanjung pinang'. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, ' ')
    .trim();
}

/** The search words of `?q=` (at most 100 characters are read), or none for an empty query. */
export function queryWords(query: string | null | undefined): string[] {
  return fold((query ?? '').slice(0, 100))
    .split(' ')
    .filter((word) => word !== '');
}

/**
 * True when every word of the query occurs in the region's name, slug, code (with or without the dot, as BPS
 * writes it) or province name: 'pinang', 'kepulauan riau', '21.72' and '2172' all find Kota Tanjung Pinang.
 */
export function matchesQuery(entry: DirectoryEntry, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const province = provinceOfCode(entry.code);
  const text = ` ${fold(
    [
      entry.name,
      entry.slug.replaceAll('-', ' '),
      entry.code ?? '',
      entry.code ? bpsCode(entry.code) : '',
      province?.name ?? '',
    ].join(' '),
  )} `;
  const squashed = text.replaceAll(' ', '');
  // A word matches inside the text, or inside its unspaced form ('tanjungpinang' finds 'Tanjung Pinang').
  return words.every((word) => text.includes(word) || squashed.includes(word.replaceAll('.', '')));
}

const byName = new Intl.Collator('id', { sensitivity: 'base', numeric: true });

/**
 * The entries matching `words`, grouped by province in code order (Aceh 11 … Papua Barat Daya 96), each group by
 * name; regions without a code come last in a group whose province is null. `emptyProvinces` are the provinces
 * with no matching region, for the "belum ada" line.
 */
export function groupByProvince<T extends DirectoryEntry>(
  entries: readonly T[],
  words: readonly string[] = [],
): { groups: ProvinceGroup<T>[]; emptyProvinces: Province[] } {
  const byProvince = new Map<string | null, T[]>();
  for (const entry of entries) {
    if (!matchesQuery(entry, words)) continue;
    const key = provinceOfCode(entry.code)?.code ?? null;
    const list = byProvince.get(key);
    if (list) list.push(entry);
    else byProvince.set(key, [entry]);
  }
  const sorted = (list: T[]) => list.sort((a, b) => byName.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
  const groups: ProvinceGroup<T>[] = [];
  const emptyProvinces: Province[] = [];
  for (const province of PROVINCES) {
    const list = byProvince.get(province.code);
    if (list) groups.push({ province, entries: sorted(list) });
    else emptyProvinces.push(province);
  }
  const uncoded = byProvince.get(null);
  if (uncoded) groups.push({ province: null, entries: sorted(uncoded) });
  return { groups, emptyProvinces };
}
