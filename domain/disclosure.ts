/** @module TEMPORARY stub of the disclosure plan (today's partition checks), replaced by the engine's module. */

import { isSuppressed } from './summary';

function revealsSuppressedParts(partCounts: readonly number[]): boolean {
  const hidden = partCounts.filter((n) => n > 0 && isSuppressed(n)).reduce((sum, n) => sum + n, 0);
  return hidden > 0 && isSuppressed(hidden);
}

function withheldParts(
  partCounts: readonly number[],
  options: { alsoWithheld?: readonly boolean[]; totalWithheld?: boolean } = {},
): boolean[] {
  if (options.totalWithheld) return partCounts.map(() => true);
  const withheld = partCounts.map((n, i) => isSuppressed(n) || options.alsoWithheld?.[i] === true);
  const hiddenCount = () => partCounts.reduce((sum, n, i) => sum + (withheld[i] ? n : 0), 0);
  for (let hidden = hiddenCount(); hidden > 0 && isSuppressed(hidden); hidden = hiddenCount()) {
    let smallest = -1;
    partCounts.forEach((n, i) => {
      if (!withheld[i] && n > 0 && (smallest < 0 || n < (partCounts[smallest] ?? 0))) smallest = i;
    });
    if (smallest < 0) break;
    withheld[smallest] = true;
  }
  return withheld;
}

export interface DisclosureCell {
  unit: number;
  service: number;
  month: string;
  n: number;
}

export interface DisclosurePlan {
  unitPublished(unit: number, periodId: string): boolean;
  regionPublished(periodId: string): boolean;
  servicePublished(unit: number, service: number, periodId: string): boolean;
  serviceCellWithheld(unit: number, service: number, month: string): boolean;
}

function monthsOfId(year: string, periodId: string): string[] {
  const all = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  if (periodId === year) return all;
  const q = /^\d{4}-Q([1-4])$/.exec(periodId);
  if (q) return all.slice(3 * (Number(q[1]) - 1), 3 * Number(q[1]));
  const s = /^\d{4}-S([12])$/.exec(periodId);
  if (s) return all.slice(6 * (Number(s[1]) - 1), 6 * Number(s[1]));
  return all.includes(periodId) ? [periodId] : [];
}

export function planDisclosure(year: string, cells: readonly DisclosureCell[]): DisclosurePlan {
  const sum = (filter: (cell: DisclosureCell) => boolean, key: (cell: DisclosureCell) => string) => {
    const map = new Map<string, number>();
    for (const cell of cells) if (filter(cell)) map.set(key(cell), (map.get(key(cell)) ?? 0) + cell.n);
    return [...map.values()];
  };
  const inPeriod = (periodId: string) => {
    const months = new Set(monthsOfId(year, periodId));
    return (cell: DisclosureCell) => months.has(cell.month);
  };
  const unitPublished = (unit: number, periodId: string) => {
    const within = inPeriod(periodId);
    const months = sum(
      (c) => c.unit === unit && within(c),
      (c) => c.month,
    );
    return !isSuppressed(months.reduce((a, b) => a + b, 0)) && !revealsSuppressedParts(months);
  };
  const servicePublished = (unit: number, service: number, periodId: string) => {
    const within = inPeriod(periodId);
    const ids = [...new Set(cells.filter((c) => c.unit === unit && within(c)).map((c) => c.service))];
    const index = ids.indexOf(service);
    if (index < 0) return false;
    const counts = ids.map(
      (id) =>
        sum(
          (c) => c.unit === unit && c.service === id && within(c),
          () => '',
        ).at(0) ?? 0,
    );
    const withheld = withheldParts(counts, {
      totalWithheld: !unitPublished(unit, periodId),
      alsoWithheld: ids.map((id) =>
        revealsSuppressedParts(
          sum(
            (c) => c.unit === unit && c.service === id && within(c),
            (c) => c.month,
          ),
        ),
      ),
    });
    return withheld[index] === false;
  };
  return {
    unitPublished,
    regionPublished(periodId) {
      const within = inPeriod(periodId);
      const units = sum(within, (c) => String(c.unit));
      const months = sum(within, (c) => c.month);
      const total = units.reduce((a, b) => a + b, 0);
      return !isSuppressed(total) && !revealsSuppressedParts(units) && !revealsSuppressedParts(months);
    },
    servicePublished,
    serviceCellWithheld: (unit, service, month) => !servicePublished(unit, service, month),
  };
}
