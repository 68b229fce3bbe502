/**
 * @module The solver behind the disclosure plan (docs/method.md, "Complementary suppression"): withholds cells and
 * suppresses figures until every withheld cell is in no published figure or shares its exact set of published figures
 * with withheld cells holding at least 10 responses together, and no lone withheld cell can be computed.
 */
import { SpanBasis } from './span';
import { MIN_PUBLIC_RESPONSES } from './summary';

/** A cell (the finest figure): where it sits, for finding partners nearby, and its responses. */
export interface SolverCell {
  unit: number;
  month: number;
  n: number;
}

/** A published-or-not sum of cells. `fixed` figures were decided before and may not change. */
export interface SolverFigure {
  cells: number[];
  rank: number;
  published: boolean;
  fixed: boolean;
}

/**
 * Why this is enough: a sum of published figures counts each cell as often as the figures containing it, so cells
 * with the same set of published figures (a class) are counted alike, and any sum gives back whole classes only.
 * A class of 10 or more responses in two or more cells gives back no small group and no single cell; a class that no
 * published figure counts gives back nothing. Mutates
 * `figures[].published` and `withheld`; a figure of one cell is published exactly when its cell is not withheld.
 */
export function protectSmallCells(cells: readonly SolverCell[], figures: SolverFigure[], withheld: boolean[]): void {
  const single = figures.map((figure) => (figure.cells.length === 1 ? (figure.cells[0] as number) : -1));
  const memberOf = cells.map(() => [] as number[]);
  figures.forEach((figure, f) => {
    if (single[f] === -1) for (const i of figure.cells) memberOf[i]?.push(f);
  });
  /** The rank of the figure that is the cell itself, and whether it is fixed (a cell that may not be withheld). */
  const cellRank = cells.map(() => 0);
  const cellFixed = cells.map(() => false);
  figures.forEach((figure, f) => {
    const i = single[f] ?? -1;
    if (i < 0) return;
    cellRank[i] = Math.max(cellRank[i] ?? 0, figure.rank);
    if (figure.fixed) cellFixed[i] = true;
  });
  const cellsOfUnit = groupIndices(cells, (cell) => cell.unit);
  const cellsOfMonth = groupIndices(cells, (cell) => cell.month);
  const removed = new Set<number>();

  /** The published figures (of two or more cells) that count cell `i`, ascending; cached until one is suppressed. */
  const signatures: (number[] | null)[] = cells.map(() => null);
  const signature = (i: number): number[] => {
    const cached = signatures[i];
    if (cached) return cached;
    const fresh = (memberOf[i] ?? []).filter((f) => figures[f]?.published);
    signatures[i] = fresh;
    return fresh;
  };
  const nOf = (list: readonly number[]) => list.reduce((sum, i) => sum + (cells[i]?.n ?? 0), 0);

  /** The span of the published figures over the withheld cells (published cells are known: they drop out). */
  function publishedSpan() {
    const columns = new Map<number, number>();
    cells.forEach((_, i) => {
      if (withheld[i]) columns.set(i, columns.size);
    });
    const basis = new SpanBasis(columns.size);
    const colsOf = (list: readonly number[]) => list.filter((i) => withheld[i]).map((i) => columns.get(i) as number);
    figures.forEach((figure, f) => {
      const cols = colsOf(figure.cells);
      if (single[f] === -1 && figure.published && cols.length > 0) basis.add(cols);
    });
    return { basis, colsOf };
  }

  /** Classes that need joining: too small, or a lone cell (withheld to protect another) anybody can compute. */
  function weakClasses(): number[][] {
    const classes = new Map<string, number[]>();
    cells.forEach((_, i) => {
      if (!withheld[i]) return;
      const key = signature(i).join(',');
      classes.set(key, [...(classes.get(key) ?? []), i]);
    });
    // A class no published figure counts cannot be computed at all, however small: only counted classes need 10.
    classes.delete('');
    const small = [...classes.values()].filter((members) => nOf(members) < MIN_PUBLIC_RESPONSES);
    if (small.length > 0) return small;
    const lone = [...classes.values()].filter((members) => members.length === 1);
    if (lone.length === 0) return [];
    const { basis, colsOf } = publishedSpan();
    return lone.filter((members) => basis.contains(colsOf(members)));
  }

  /**
   * Joins a class with the cell whose published figures differ least from its own, by rank (the figures that tell
   * them apart are suppressed, the cell withheld), looking in the same unit and month first. Fixed figures and fixed
   * cells are never given up. Adds the cells whose signatures changed to `changed`.
   */
  function joinClass(members: readonly number[], changed: Set<number>): void {
    const own = signature(members[0] as number);
    const inClass = new Set(members);
    const near = new Set<number>();
    for (const unit of new Set(members.map((i) => cells[i]?.unit ?? 0))) {
      for (const i of cellsOfUnit.get(unit) ?? []) near.add(i);
    }
    for (const month of new Set(members.map((i) => cells[i]?.month ?? 0))) {
      for (const i of cellsOfMonth.get(month) ?? []) near.add(i);
    }
    const nearby = [...near].filter((i) => !inClass.has(i));
    const pool = nearby.length > 0 ? nearby : cells.map((_, k) => k).filter((k) => !inClass.has(k));
    // Or no partner at all: suppressing every figure that counts the class hides it (the region's month and year for
    // a unit too small to publish, say, rather than a big unit's own figures).
    let best: { partner: number; cost: number[]; differing: number[] } | null = own.some((f) => figures[f]?.fixed)
      ? null
      : { partner: -1, cost: own.map((f) => figures[f]?.rank ?? 0).sort((a, b) => b - a), differing: own };
    for (const i of pool) {
      if (!withheld[i] && cellFixed[i]) continue;
      const differing = symmetricDifference(own, signature(i));
      if (differing.some((f) => figures[f]?.fixed)) continue;
      const ranks = differing.map((f) => figures[f]?.rank ?? 0);
      // Withholding a published cell also costs its own figure.
      if (!withheld[i]) ranks.push(cellRank[i] ?? 0);
      // The highest rank decides first: most candidates lose on it without sorting.
      if (best && Math.max(-1, ...ranks) > (best.cost[0] ?? -1)) continue;
      const cost = ranks.sort((a, b) => b - a);
      const order = best ? compareCosts(cost, best.cost) : -1;
      if (!best || order < 0 || (order === 0 && best.partner >= 0 && i < best.partner)) {
        best = { partner: i, cost, differing };
      }
    }
    // With nothing admissible, every figure that may go and counts this class goes.
    const differing = best ? best.differing : own.filter((f) => !figures[f]?.fixed);
    for (const f of differing) suppress(f);
    const partner = best?.partner ?? -1;
    if (partner >= 0) {
      withheld[partner] = true;
      changed.add(partner);
    }
    for (const i of members) changed.add(i);
    for (const f of differing) for (const i of figures[f]?.cells ?? []) changed.add(i);
  }

  function suppress(f: number): void {
    const figure = figures[f] as SolverFigure;
    figure.published = false;
    removed.add(f);
    for (const i of figure.cells) signatures[i] = null;
  }

  // Each round withholds cells or suppresses figures, so this ends; the bound only guards against a bug. Classes
  // whose signature a join in this round changed wait for the next round.
  for (let round = 0; round <= cells.length + figures.length; round++) {
    const weak = weakClasses();
    if (weak.length === 0) break;
    const changed = new Set<number>();
    for (const members of weak) {
      if (members.some((i) => changed.has(i))) continue;
      joinClass(members, changed);
    }
  }

  // A figure suppressed along the way that published ones compute anyway is published again: it adds nothing to what
  // can be computed, and a suppressed figure should never be one anybody can recompute.
  const { basis, colsOf } = publishedSpan();
  for (const f of removed) {
    const figure = figures[f] as SolverFigure;
    const cols = colsOf(figure.cells);
    if (cols.length === 0 || basis.contains(cols)) figure.published = true;
  }
}

/** The elements in exactly one of two ascending lists. */
function symmetricDifference(a: readonly number[], b: readonly number[]): number[] {
  const result: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i] ?? Number.POSITIVE_INFINITY;
    const y = b[j] ?? Number.POSITIVE_INFINITY;
    if (x === y) {
      i++;
      j++;
    } else if (x < y) {
      result.push(x);
      i++;
    } else {
      result.push(y);
      j++;
    }
  }
  return result;
}

function groupIndices<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return groups;
}

/** Lexicographic comparison of costs (ranks, highest first): the lower highest rank wins, then fewer figures. */
function compareCosts(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const x = a[k] ?? -1;
    const y = b[k] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}
