/**
 * @module The disclosure plan of one region × year (SPEC §4, docs/method.md "Complementary suppression"): which
 * unit, region and service figures of every month, quarter, semester and the year are published, chosen together so
 * that no sum or difference of published figures gives back a withheld one or any group of fewer than 10 responses.
 */
import { protectSmallCells, type SolverCell, type SolverFigure } from './disclosure-solver';
import { MIN_PUBLIC_RESPONSES } from './summary';

/** Responses of one unit × service × month (service 0 = rated without one); cells of other years are ignored. */
export interface DisclosureCell {
  unit: number;
  service: number;
  /** `YYYY-MM`. */
  month: string;
  n: number;
}

/** What may be published; a figure with no responses is always "published" (there is nothing to withhold). */
export interface DisclosurePlan {
  /** Unit × period, `periodId` one of `YYYY-MM`, `YYYY-Qn`, `YYYY-Sn`, `YYYY` of the plan's year. */
  unitPublished(unit: number, periodId: string): boolean;
  /** The region's pooled figure × period. */
  regionPublished(periodId: string): boolean;
  servicePublished(unit: number, service: number, periodId: string): boolean;
  /** A withheld service × month cell: its microdata rows, if its unit-month is published, carry no service. */
  serviceCellWithheld(unit: number, service: number, month: string): boolean;
}

/** The periods of a year: the year, its semesters, quarters and months, each with its months (1–12). */
function periodsOf(year: string): Map<string, number[]> {
  const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
  const periods = new Map<string, number[]>();
  for (const month of range(1, 12)) periods.set(`${year}-${String(month).padStart(2, '0')}`, [month]);
  for (const q of range(1, 4)) periods.set(`${year}-Q${q}`, range(3 * q - 2, 3));
  for (const s of range(1, 2)) periods.set(`${year}-S${s}`, range(6 * s - 5, 6));
  periods.set(year, range(1, 12));
  return periods;
}

/** Ranks: when a figure must go, the lowest rank goes first (service before region before unit; short before long). */
const RANK: Record<'service' | 'region' | 'unit', Record<'month' | 'quarter' | 'semester' | 'year', number>> = {
  service: { month: 0, quarter: 1, semester: 2, year: 3 },
  region: { month: 4, quarter: 6, semester: 8, year: 10 },
  unit: { month: 5, quarter: 7, semester: 9, year: 11 },
};

function kindOf(periodId: string): 'month' | 'quarter' | 'semester' | 'year' {
  if (periodId.includes('-Q')) return 'quarter';
  if (periodId.includes('-S')) return 'semester';
  return periodId.length === 4 ? 'year' : 'month';
}

/** An organisational node: the region, a unit, or a unit's service. */
type OrgKey = string;
const regionKey = 'r';
const unitKey = (unit: number) => `u${unit}`;
const serviceKey = (unit: number, service: number) => `s${unit}.${service}`;

/** Figures of the given organisational nodes over every period of the year, one per distinct set of cells. */
function figuresOf(
  year: string,
  cells: readonly (SolverCell & { service: number })[],
  levels: readonly ('region' | 'unit' | 'service')[],
  decided: (org: OrgKey, periodId: string) => boolean | undefined,
) {
  const orgCells = new Map<OrgKey, { level: 'region' | 'unit' | 'service'; cells: number[] }>();
  cells.forEach((cell, i) => {
    const nodes = { region: regionKey, unit: unitKey(cell.unit), service: serviceKey(cell.unit, cell.service) };
    for (const level of levels) {
      const node = orgCells.get(nodes[level]) ?? { level, cells: [] };
      node.cells.push(i);
      orgCells.set(nodes[level], node);
    }
  });
  const figures: (SolverFigure & { n: number })[] = [];
  const figureOf = new Map<string, number>();
  const bySet = new Map<string, number>();
  for (const [org, node] of orgCells) {
    for (const [periodId, months] of periodsOf(year)) {
      const set = node.cells.filter((i) => months.includes(cells[i]?.month ?? 0));
      if (set.length === 0) continue;
      const setKey = set.join(',');
      let index = bySet.get(setKey);
      if (index === undefined) {
        const n = set.reduce((sum, i) => sum + (cells[i]?.n ?? 0), 0);
        index = figures.push({ cells: set, n, rank: 0, published: n >= MIN_PUBLIC_RESPONSES, fixed: false }) - 1;
        bySet.set(setKey, index);
      }
      const figure = figures[index] as SolverFigure;
      figure.rank = Math.max(figure.rank, RANK[node.level][kindOf(periodId)]);
      // A figure decided before (a unit's or the region's, in the first step) keeps its decision.
      const fixed = decided(org, periodId);
      if (fixed !== undefined) {
        figure.fixed = true;
        figure.published = fixed;
      }
      figureOf.set(`${org}@${periodId}`, index);
    }
  }
  return { figures, figureOf };
}

/**
 * Plans one region × year. Deterministic: the same cells give the same plan in any order. First the unit and region
 * figures, from each unit's monthly totals (so the national directory can plan from those alone); then the services
 * within them, which may withhold service cells and suppress service figures but change no unit or region figure.
 */
export function planDisclosure(year: string, cells: readonly DisclosureCell[]): DisclosurePlan {
  const serviceCells = cells
    .filter((cell) => cell.n > 0 && cell.month.startsWith(`${year}-`))
    .map((cell) => ({ unit: cell.unit, service: cell.service, month: Number(cell.month.slice(5, 7)), n: cell.n }))
    .sort((a, b) => a.unit - b.unit || a.service - b.service || a.month - b.month);

  // 1. Units and the region, over unit × month cells.
  const monthTotals = new Map<string, SolverCell & { service: number }>();
  for (const cell of serviceCells) {
    const key = `${cell.unit}@${cell.month}`;
    const total = monthTotals.get(key) ?? { unit: cell.unit, service: 0, month: cell.month, n: 0 };
    total.n += cell.n;
    monthTotals.set(key, total);
  }
  // In unit and month order, so this step is a function of the totals alone, however the services split them.
  const unitCells = [...monthTotals.values()].sort((a, b) => a.unit - b.unit || a.month - b.month);
  const units = figuresOf(year, unitCells, ['region', 'unit'], () => undefined);
  const unitWithheld = unitCells.map((cell) => cell.n < MIN_PUBLIC_RESPONSES);
  protectSmallCells(unitCells, units.figures, unitWithheld);
  const unitCellIndex = new Map(unitCells.map((cell, i) => [`${cell.unit}@${cell.month}`, i]));
  const unitLevelPublished = (org: OrgKey, periodId: string): boolean => {
    const f = units.figureOf.get(`${org}@${periodId}`);
    if (f === undefined) return true;
    const figure = units.figures[f] as SolverFigure;
    return figure.cells.length === 1 ? !unitWithheld[figure.cells[0] as number] : figure.published;
  };

  // 2. Services, with every unit and region figure as decided; a withheld unit-month withholds all its services.
  const services = figuresOf(year, serviceCells, ['region', 'unit', 'service'], (org, periodId) =>
    org.startsWith('s') ? undefined : unitLevelPublished(org, periodId),
  );
  const serviceWithheld = serviceCells.map(
    (cell) =>
      cell.n < MIN_PUBLIC_RESPONSES || (unitWithheld[unitCellIndex.get(`${cell.unit}@${cell.month}`) ?? -1] ?? false),
  );
  protectSmallCells(serviceCells, services.figures, serviceWithheld);
  const serviceCellIndex = new Map(serviceCells.map((cell, i) => [`${cell.unit}.${cell.service}@${cell.month}`, i]));

  const servicePublished = (org: OrgKey, periodId: string): boolean => {
    const f = services.figureOf.get(`${org}@${periodId}`);
    if (f === undefined) return true;
    const figure = services.figures[f] as SolverFigure;
    return figure.cells.length === 1 ? !serviceWithheld[figure.cells[0] as number] : figure.published;
  };
  return {
    unitPublished: (unit, periodId) => unitLevelPublished(unitKey(unit), periodId),
    regionPublished: (periodId) => unitLevelPublished(regionKey, periodId),
    servicePublished: (unit, service, periodId) => servicePublished(serviceKey(unit, service), periodId),
    serviceCellWithheld: (unit, service, month) =>
      serviceWithheld[serviceCellIndex.get(`${unit}.${service}@${Number(month.slice(5, 7))}`) ?? -1] ?? false,
  };
}
