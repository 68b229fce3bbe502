/**
 * @module The disclosure plan of one region × year (SPEC §4, docs/method.md "Complementary suppression"): which
 * unit, region and service figures of every month, quarter, semester and the year are published, chosen together so
 * that no sum or difference of published figures gives back a withheld one or any group of fewer than 10 responses.
 */
import { protectSmallCells, type SolverCell, type SolverFigure } from './disclosure-solver';
import { SpanBasis } from './span';
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

/** A unit-month total (`service` 0) or a service cell. */
type Cell = SolverCell & { service: number };

/**
 * A published set of cells, named by its node and the months it counts (`u3:6` is unit 3's January and February):
 * once a month is closed its counts are final, so the name means the same responses in every later release, and the
 * same name means the same responses in both steps.
 */
type SetName = string;
const monthBit = (month: number) => 1 << (month - 1);
const setName = (org: OrgKey, months: number): SetName => `${org}:${months}`;

/** What the releases before this one published: sets named by the unit step, and by the service step. */
interface Released {
  units: ReadonlySet<SetName>;
  services: ReadonlySet<SetName>;
}

/** How a release is bound by earlier ones (docs/method.md, "Releases"). */
interface Binding {
  released: (name: SetName) => boolean;
  /** Released sets that may be no figure of this release (a quarter as it stood before its last month). */
  extra: Iterable<SetName>;
  /** The month this release adds; cells of earlier months are closed. */
  openMonth: number;
}

interface BoundFigure extends SolverFigure {
  released: boolean;
  /** Adds the open month to closed cells that were not released together. */
  addsToUnreleased: boolean;
}

/**
 * Figures of the given organisational nodes over every period of the year, one per distinct set of cells, bound by
 * the earlier releases: a set of closed cells keeps the decision it was released with, and a released set that is no
 * figure any more is kept as a published figure. `names` holds every name of every figure.
 */
function figuresOf(
  year: string,
  cells: readonly Cell[],
  levels: readonly ('region' | 'unit' | 'service')[],
  decided: (org: OrgKey, periodId: string) => boolean | undefined,
  binding: Binding,
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
  const cellMonths = cells.map((cell) => monthBit(cell.month));
  const monthsOf = (set: readonly number[]) => set.reduce((bits, i) => bits | (cellMonths[i] ?? 0), 0);
  const closedMonths = monthBit(binding.openMonth) - 1;
  const figures: BoundFigure[] = [];
  const figureOf = new Map<string, number>();
  const bySet = new Map<string, number>();
  const names = new Map<SetName, number>();
  /** The figure of a set of cells (ascending), made on first sight; each name it is known by may bind it. */
  const figureFor = (org: OrgKey, set: number[]): number => {
    const setKey = set.join(',');
    const known = bySet.get(setKey);
    const index = known ?? figures.length;
    if (known === undefined) {
      const n = set.reduce((sum, i) => sum + (cells[i]?.n ?? 0), 0);
      figures.push({
        cells: set,
        rank: 0,
        published: n >= MIN_PUBLIC_RESPONSES,
        fixed: false,
        released: false,
        addsToUnreleased: true,
      });
      bySet.set(setKey, index);
    }
    const figure = figures[index] as BoundFigure;
    const months = monthsOf(set);
    const name = setName(org, months);
    names.set(name, index);
    if (binding.released(name)) {
      figure.released = true;
      figure.fixed = true;
      figure.published = true;
    } else if ((months & ~closedMonths) === 0 && !figure.released) {
      // Closed cells not released together were withheld together, and stay so.
      figure.fixed = true;
      figure.published = false;
    }
    // Known by any name whose closed part was released, it adds the open month to released cells.
    const closedPart = months & closedMonths;
    if (closedPart === 0 || closedPart === months || binding.released(setName(org, closedPart))) {
      figure.addsToUnreleased = false;
    }
    return index;
  };
  const periods = [...periodsOf(year)].map(([periodId, months]) => ({
    periodId,
    mask: months.reduce((bits, month) => bits | monthBit(month), 0),
    kind: kindOf(periodId),
  }));
  for (const [org, node] of orgCells) {
    for (const { periodId, mask, kind } of periods) {
      const set = node.cells.filter((i) => ((cellMonths[i] ?? 0) & mask) !== 0);
      if (set.length === 0) continue;
      const index = figureFor(org, set);
      const figure = figures[index] as BoundFigure;
      figure.rank = Math.max(figure.rank, RANK[node.level][kind]);
      // A figure decided before (a unit's or the region's, in the first step) keeps its decision; one already
      // released stays published even so, since withholding it now would hide nothing.
      const fixed = decided(org, periodId);
      if (fixed !== undefined && !figure.released) {
        figure.fixed = true;
        figure.published = fixed;
      }
      figureOf.set(`${org}@${periodId}`, index);
    }
  }
  for (const name of binding.extra) {
    if (names.has(name)) continue;
    const [org = '', bits = '0'] = name.split(':');
    const months = Number(bits);
    const set = (orgCells.get(org)?.cells ?? []).filter((i) => ((cellMonths[i] ?? 0) & months) !== 0);
    if (set.length > 0 && monthsOf(set) === months) figureFor(org, set);
  }
  return { figures, figureOf, names };
}

/**
 * Suppresses figures that add the open month to closed cells not released together wherever they would let today's
 * figures give back a sum of closed cells that the releases did not: so the closed months read the same on every day,
 * whatever the open month holds (docs/method.md, "Releases"). Only the withheld cells are unknown; with the open
 * month's columns first, a row whose pivot falls in a closed column is such a sum.
 */
function keepClosedMonthsAsReleased(
  cells: readonly Cell[],
  figures: BoundFigure[],
  withheld: readonly boolean[],
  openMonth: number,
): void {
  const candidates = figures.filter(
    (figure) => figure.published && figure.addsToUnreleased && !figure.fixed && figure.cells.length > 1,
  );
  if (candidates.length === 0) return;
  const isCandidate = new Set(candidates);
  const column = new Map<number, number>();
  cells.forEach((cell, i) => {
    if (withheld[i] && cell.month === openMonth) column.set(i, column.size);
  });
  const firstClosed = column.size;
  cells.forEach((cell, i) => {
    if (withheld[i] && cell.month !== openMonth) column.set(i, column.size);
  });
  const basis = new SpanBasis(column.size);
  const colsOf = (set: readonly number[]) => set.filter((i) => withheld[i]).map((i) => column.get(i) as number);
  for (const figure of figures) {
    if (figure.published && figure.cells.length > 1 && !isCandidate.has(figure)) basis.add(colsOf(figure.cells));
  }
  // The most valuable first (a stable sort keeps ties in figure order, so the plan stays deterministic).
  candidates.sort((a, b) => b.rank - a.rank);
  for (const figure of candidates) {
    const cols = colsOf(figure.cells);
    const pivot = basis.pivotOf(cols);
    if (pivot >= firstClosed) figure.published = false;
    else if (pivot >= 0) basis.add(cols);
  }
}

/** Whether a solved figure is published: a figure of one cell exactly when its cell is not withheld. */
function isShown(figure: SolverFigure, withheld: readonly boolean[]): boolean {
  return figure.cells.length === 1 ? !withheld[figure.cells[0] as number] : figure.published;
}

/** A solved step's decision for a node × period; a node without responses in the period has nothing to withhold. */
function decisionOf(
  { figures, figureOf }: { figures: readonly SolverFigure[]; figureOf: ReadonlyMap<string, number> },
  withheld: readonly boolean[],
) {
  return (org: OrgKey, periodId: string): boolean => {
    const f = figureOf.get(`${org}@${periodId}`);
    return f === undefined || isShown(figures[f] as SolverFigure, withheld);
  };
}

/** The names of the published figures of the given nodes. */
function publishedNames(
  { figures, names }: { figures: readonly SolverFigure[]; names: ReadonlyMap<SetName, number> },
  withheld: readonly boolean[],
  ofNode: (org: OrgKey) => boolean,
  before: ReadonlySet<SetName>,
): Set<SetName> {
  const published = new Set(before);
  for (const [name, index] of names) {
    if (isShown(figures[index] as SolverFigure, withheld) && ofNode(name.slice(0, name.indexOf(':')))) {
      published.add(name);
    }
  }
  return published;
}

/**
 * The releases of a year's closed months, kept by the caller to plan the same year again: while the closed months'
 * counts stay the same, only the latest month's release is planned anew.
 */
export interface DisclosureCheckpoint {
  /** The counts of the closed months the releases were planned from, spelled out. */
  readonly closedCounts: string;
  readonly unitsOnly: boolean;
  readonly released: Released;
}

/**
 * Plans one region × year; with `unitsOnly`, only its unit and region figures (from unit-month totals), and no service
 * figure. Deterministic: the same cells give the same plan in any order. The year is released month by month, as each
 * month closes (docs/method.md, "Releases"): each release is planned bound by the ones before, so a figure published
 * on any day of the year, combined with any published later, gives nothing more away; today's figures are the release
 * of the latest month with responses.
 */
export function planDisclosure(
  year: string,
  cells: readonly DisclosureCell[],
  options: { unitsOnly?: boolean } = {},
): DisclosurePlan {
  return planDisclosureFrom(year, cells, options).plan;
}

/** `planDisclosure`, starting from a checkpoint of an earlier call when it still holds; with the new checkpoint. */
export function planDisclosureFrom(
  year: string,
  cells: readonly DisclosureCell[],
  { unitsOnly = false, checkpoint }: { unitsOnly?: boolean; checkpoint?: DisclosureCheckpoint } = {},
): { plan: DisclosurePlan; checkpoint: DisclosureCheckpoint } {
  const serviceCells: Cell[] = cells
    .filter((cell) => cell.n > 0 && cell.month.startsWith(`${year}-`))
    .map((cell) => ({ unit: cell.unit, service: cell.service, month: Number(cell.month.slice(5, 7)), n: cell.n }))
    .sort((a, b) => a.unit - b.unit || a.service - b.service || a.month - b.month);
  const monthTotals = new Map<string, Cell>();
  for (const cell of serviceCells) {
    const key = `${cell.unit}@${cell.month}`;
    const total = monthTotals.get(key) ?? { unit: cell.unit, service: 0, month: cell.month, n: 0 };
    total.n += cell.n;
    monthTotals.set(key, total);
  }
  // In unit and month order, so the first step is a function of the totals alone, however the services split them.
  const unitCells = [...monthTotals.values()].sort((a, b) => a.unit - b.unit || a.month - b.month);
  const months = [...new Set(unitCells.map((cell) => cell.month))].sort((a, b) => a - b);
  const latest = months.at(-1) ?? 0;
  const closedCounts = serviceCells
    .filter((cell) => cell.month < latest)
    .map((cell) => `${cell.unit}.${cell.service}@${cell.month}=${cell.n}`)
    .join(';');
  const known = (month: number) => (cell: Cell) => cell.month <= month;
  const releaseOf = (month: number, released: Released) =>
    planRelease(
      year,
      { units: unitCells.filter(known(month)), services: serviceCells.filter(known(month)) },
      released,
      month,
      unitsOnly,
    );
  let released: Released = { units: new Set(), services: new Set() };
  if (checkpoint && checkpoint.closedCounts === closedCounts && checkpoint.unitsOnly === unitsOnly) {
    released = checkpoint.released;
  } else {
    for (const month of months.slice(0, -1)) released = releaseOf(month, released).released;
  }
  return { plan: releaseOf(latest, released).plan, checkpoint: { closedCounts, unitsOnly, released } };
}

/**
 * One release: first the unit and region figures, from each unit's monthly totals (so the national directory can plan
 * from those alone); then the services within them, which may withhold service cells and suppress service figures but
 * change no unit or region figure.
 */
function planRelease(
  year: string,
  cells: { units: readonly Cell[]; services: readonly Cell[] },
  released: Released,
  openMonth: number,
  unitsOnly: boolean,
): { plan: DisclosurePlan; released: Released } {
  // A closed cell not released on its own was withheld then, and stays so.
  const wasWithheld = (cell: Cell, name: SetName, sets: ReadonlySet<SetName>) =>
    cell.month < openMonth && !sets.has(name);

  // 1. Units and the region, over unit × month cells.
  const unitCells = cells.units;
  const units = figuresOf(year, unitCells, ['region', 'unit'], () => undefined, {
    released: (name) => released.units.has(name),
    extra: released.units,
    openMonth,
  });
  const unitWithheld = unitCells.map(
    (cell) =>
      cell.n < MIN_PUBLIC_RESPONSES ||
      wasWithheld(cell, setName(unitKey(cell.unit), monthBit(cell.month)), released.units),
  );
  protectSmallCells(unitCells, units.figures, unitWithheld);
  keepClosedMonthsAsReleased(unitCells, units.figures, unitWithheld, openMonth);
  const unitCellIndex = new Map(unitCells.map((cell, i) => [`${cell.unit}@${cell.month}`, i]));
  const unitLevelPublished = decisionOf(units, unitWithheld);
  const unitPlan = {
    unitPublished: (unit: number, periodId: string) => unitLevelPublished(unitKey(unit), periodId),
    regionPublished: (periodId: string) => unitLevelPublished(regionKey, periodId),
  };
  const unitsReleased = publishedNames(units, unitWithheld, () => true, released.units);
  if (unitsOnly) {
    return {
      plan: { ...unitPlan, servicePublished: () => false, serviceCellWithheld: () => true },
      released: { units: unitsReleased, services: new Set() },
    };
  }

  // 2. Services, with every unit and region figure as decided; a withheld unit-month withholds all its services.
  // A name means the same responses in both steps, so the unit step's releases bind this one too.
  const serviceCells = cells.services;
  const services = figuresOf(
    year,
    serviceCells,
    ['region', 'unit', 'service'],
    (org, periodId) => (org.startsWith('s') ? undefined : unitLevelPublished(org, periodId)),
    {
      released: (name) => released.units.has(name) || released.services.has(name),
      extra: [...released.units, ...released.services],
      openMonth,
    },
  );
  const serviceWithheld = serviceCells.map(
    (cell) =>
      cell.n < MIN_PUBLIC_RESPONSES ||
      (unitWithheld[unitCellIndex.get(`${cell.unit}@${cell.month}`) ?? -1] ?? false) ||
      wasWithheld(cell, setName(serviceKey(cell.unit, cell.service), monthBit(cell.month)), released.services),
  );
  protectSmallCells(serviceCells, services.figures, serviceWithheld);
  keepClosedMonthsAsReleased(serviceCells, services.figures, serviceWithheld, openMonth);
  const serviceCellIndex = new Map(serviceCells.map((cell, i) => [`${cell.unit}.${cell.service}@${cell.month}`, i]));

  const servicePublished = decisionOf(services, serviceWithheld);
  return {
    plan: {
      ...unitPlan,
      servicePublished: (unit, service, periodId) => servicePublished(serviceKey(unit, service), periodId),
      serviceCellWithheld: (unit, service, month) =>
        serviceWithheld[serviceCellIndex.get(`${unit}.${service}@${Number(month.slice(5, 7))}`) ?? -1] ?? false,
    },
    released: {
      units: unitsReleased,
      services: publishedNames(services, serviceWithheld, (org) => org.startsWith('s'), released.services),
    },
  };
}
