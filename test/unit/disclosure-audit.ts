/**
 * An attacker's audit of a disclosure plan (docs/method.md, "Complementary suppression"): every published figure as a
 * sum of cells, exact rational linear algebra, and a search for what those sums give back.
 */
import type { DisclosureCell, DisclosurePlan } from '../../domain/disclosure';

export const YEAR = '2026';
export const month = (m: number) => `${YEAR}-${String(m).padStart(2, '0')}`;
export const PERIODS: { id: string; months: number[] }[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ id: month(i + 1), months: [i + 1] })),
  ...[1, 2, 3, 4].map((q) => ({ id: `${YEAR}-Q${q}`, months: [3 * q - 2, 3 * q - 1, 3 * q] })),
  ...[1, 2].map((s) => ({ id: `${YEAR}-S${s}`, months: Array.from({ length: 6 }, (_, i) => 6 * s - 5 + i) })),
  { id: YEAR, months: Array.from({ length: 12 }, (_, i) => i + 1) },
];

/**
 * Exact linear algebra over the rationals (bigint, fraction-free), independent of the plan's own modular arithmetic:
 * an attacker who adds and subtracts published figures can compute exactly the vectors in their span.
 */
export class ExactSpan {
  private readonly rows: { pivot: number; values: bigint[] }[] = [];
  constructor(private readonly width: number) {}

  private reduce(vector: readonly number[]): bigint[] {
    let v = Array.from({ length: this.width }, (_, i) => BigInt(vector[i] ?? 0));
    for (const row of this.rows) {
      const a = v[row.pivot] ?? 0n;
      if (a === 0n) continue;
      const p = row.values[row.pivot] ?? 1n;
      v = v.map((x, i) => x * p - (row.values[i] ?? 0n) * a);
      const divisor = v.reduce((g, x) => gcd(g, x < 0n ? -x : x), 0n);
      if (divisor > 1n) v = v.map((x) => x / divisor);
    }
    return v;
  }

  add(vector: readonly number[]): void {
    const v = this.reduce(vector);
    const pivot = v.findIndex((x) => x !== 0n);
    if (pivot >= 0) this.rows.push({ pivot, values: v });
  }

  contains(vector: readonly number[]): boolean {
    return this.reduce(vector).every((x) => x === 0n);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

interface Audit {
  /** Suppressed figures (n > 0) that published figures compute exactly. */
  recoverableFigures: string[];
  /** Groups of 1–9 withheld responses (as sets of cells) that published figures compute exactly. */
  recoverableSmallGroups: string[];
  subsetsChecked: number;
}

/** A published state of the data: the cells as they stood, each named by the atom (a variable) its count is. */
export interface Release {
  cells: readonly (DisclosureCell & { atom?: string })[];
  plan: DisclosurePlan;
}

const atomOf = (cell: DisclosureCell & { atom?: string }) => cell.atom ?? `${cell.unit}.${cell.service}@${cell.month}`;

/**
 * Everything a reader of every published output learns, as sums of cells: the API and pages (unit, region and service
 * figures of every month, quarter, semester and the year), scores.csv and service-scores.csv (their months), and the
 * microdata (each published unit-month's rows carry the service of every cell that is not withheld).
 */
export function audit(cells: readonly DisclosureCell[], plan: DisclosurePlan, maxSubsets = 50_000): Audit {
  return auditReleases([{ cells, plan }], maxSubsets);
}

/**
 * The same over several releases read together, say every month's as it closed and a day's within a month: a cell
 * that kept its count is one atom in all of them, a count that changed is another atom. A figure suppressed in one
 * release counts as recoverable only from that release's own published figures.
 */
export function auditReleases(releases: readonly Release[], maxSubsets = 50_000): Audit {
  const atomIndex = new Map<string, number>();
  const atoms: DisclosureCell[] = [];
  for (const { cells } of releases) {
    for (const cell of cells) {
      if (cell.n <= 0 || atomIndex.has(atomOf(cell))) continue;
      atomIndex.set(atomOf(cell), atoms.length);
      atoms.push(cell);
    }
  }
  const all = new ExactSpan(atoms.length);
  const recoverableFigures: string[] = [];
  releases.forEach(({ cells, plan }, r) => {
    const figures = releaseFigures(cells, plan, atomIndex, atoms.length);
    const own = new ExactSpan(atoms.length);
    for (const figure of figures) {
      if (!figure.published) continue;
      own.add(figure.vector);
      all.add(figure.vector);
    }
    const label = releases.length > 1 ? `release ${r + 1}: ` : '';
    for (const figure of figures) {
      if (!figure.published && own.contains(figure.vector)) recoverableFigures.push(`${label}${figure.name}`);
    }
  });
  // Every set of atoms holding 1–9 responses in all (atoms a reader can compute alone are among them).
  const recoverableSmallGroups: string[] = [];
  let subsetsChecked = 0;
  const order = atoms.map((_, i) => i).sort((a, b) => (atoms[a]?.n ?? 0) - (atoms[b]?.n ?? 0));
  const chosen: number[] = [];
  const visit = (from: number, total: number) => {
    for (let k = from; k < order.length && subsetsChecked < maxSubsets; k++) {
      const i = order[k] as number;
      const next = total + (atoms[i]?.n ?? 0);
      if (next >= 10) break;
      chosen.push(i);
      subsetsChecked++;
      if (all.contains(atoms.map((_, j) => (chosen.includes(j) ? 1 : 0)))) {
        recoverableSmallGroups.push(chosen.map((j) => atomOf(atoms[j] as DisclosureCell)).join('+'));
      }
      visit(k + 1, next);
      chosen.pop();
    }
  };
  visit(0, 0);
  return { recoverableFigures, recoverableSmallGroups, subsetsChecked };
}

/** One release's figures and microdata labels as vectors over the atoms. */
function releaseFigures(
  cells: readonly (DisclosureCell & { atom?: string })[],
  plan: DisclosurePlan,
  atomIndex: ReadonlyMap<string, number>,
  width: number,
): { name: string; vector: number[]; published: boolean }[] {
  const present = cells.filter((cell) => cell.n > 0);
  const vectorOf = (pick: (cell: DisclosureCell) => boolean) => {
    const vector = new Array<number>(width).fill(0);
    for (const cell of present) if (pick(cell)) vector[atomIndex.get(atomOf(cell)) as number] = 1;
    return vector;
  };
  const figures: { name: string; vector: number[]; published: boolean }[] = [];
  const units = [...new Set(present.map((cell) => cell.unit))];
  for (const period of PERIODS) {
    const inPeriod = (cell: DisclosureCell) => period.months.includes(Number(cell.month.slice(5)));
    const add = (name: string, pick: (cell: DisclosureCell) => boolean, published: boolean) => {
      if (present.some((cell) => inPeriod(cell) && pick(cell))) {
        figures.push({ name: `${name} ${period.id}`, vector: vectorOf((c) => inPeriod(c) && pick(c)), published });
      }
    };
    add('region', () => true, plan.regionPublished(period.id));
    for (const unit of units) {
      add(`unit ${unit}`, (cell) => cell.unit === unit, plan.unitPublished(unit, period.id));
      for (const service of new Set(present.filter((c) => c.unit === unit).map((c) => c.service))) {
        add(
          `service ${unit}.${service}`,
          (cell) => cell.unit === unit && cell.service === service,
          plan.servicePublished(unit, service, period.id),
        );
      }
    }
  }
  // Microdata: a published unit-month's rows name the service of each cell not withheld.
  for (const cell of present) {
    const published = plan.unitPublished(cell.unit, cell.month);
    if (published && !plan.serviceCellWithheld(cell.unit, cell.service, cell.month)) {
      figures.push({ name: 'microdata', vector: vectorOf((c) => c === cell), published: true });
    }
  }
  return figures;
}
