import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DisclosureCell, type DisclosurePlan, planDisclosure, planDisclosureFrom } from '../../domain/disclosure';
import { audit, auditReleases, month, PERIODS, type Release, YEAR } from './disclosure-audit';

/** Every publish decision of a plan over the units and services of `cells`. */
const decisions = (plan: DisclosurePlan, cells: readonly DisclosureCell[]) =>
  PERIODS.flatMap((period) => [
    plan.regionPublished(period.id),
    ...cells.flatMap((cell) => [
      plan.unitPublished(cell.unit, period.id),
      plan.servicePublished(cell.unit, cell.service, period.id),
      plan.serviceCellWithheld(cell.unit, cell.service, cell.month),
    ]),
  ]);

const monthsOf = (counts: Record<number, number>, unit = 1, service = 1): DisclosureCell[] =>
  Object.entries(counts).map(([m, n]) => ({ unit, service, month: month(Number(m)), n }));

describe('disclosure plan (SPEC §4 complementary suppression)', () => {
  it('stops a semester minus its quarter minus two months from giving back a month of 4 responses', () => {
    // On the old rule Q3 was suppressed (its only small month holds 4), Q4 published (small months hold 11), S2
    // published (15): S2 − Q4 − Aug − Sep gave July exactly.
    const cells = monthsOf({ 7: 4, 8: 20, 9: 20, 10: 6, 11: 5, 12: 30 });
    const plan = planDisclosure(YEAR, cells);
    expect(plan.unitPublished(1, month(7))).toBe(false);
    const result = audit(cells, plan);
    expect(result.recoverableFigures).toEqual([]);
    expect(result.recoverableSmallGroups).toEqual([]);
    // It still publishes the unit's year and semester.
    expect(plan.unitPublished(1, YEAR)).toBe(true);
    expect(plan.unitPublished(1, `${YEAR}-S2`)).toBe(true);
  });

  it('stops a month published while it was the latest, minus a later quarter, from giving back a month of 4', () => {
    // January's 20 were published all through February. Planned afresh once March brought 4, January was suppressed
    // and the quarter (24) published: the quarter minus January as published in February gave March exactly.
    const cells = monthsOf({ 1: 20, 3: 4 });
    const releases = [1, 3].map((last) => {
      const known = cells.filter((cell) => Number(cell.month.slice(5)) <= last);
      return { cells: known, plan: planDisclosure(YEAR, known) };
    });
    expect(releases[0]?.plan.unitPublished(1, month(1))).toBe(true);
    expect(releases[1]?.plan.unitPublished(1, month(1))).toBe(true);
    expect(auditReleases(releases).recoverableSmallGroups).toEqual([]);
  });

  it('publishes every figure when every cell holds at least 10 responses', () => {
    const cells = [...monthsOf({ 1: 10, 2: 12, 5: 40 }), ...monthsOf({ 1: 11, 5: 10 }, 2, 0)];
    const plan = planDisclosure(YEAR, cells);
    for (const period of PERIODS) {
      expect(plan.regionPublished(period.id)).toBe(true);
      expect(plan.unitPublished(1, period.id)).toBe(true);
      expect(plan.servicePublished(1, 1, period.id)).toBe(true);
      expect(plan.servicePublished(2, 0, period.id)).toBe(true);
    }
  });

  it("publishes a quiet unit's year when its months are each under 10 but not the months", () => {
    const cells = monthsOf({ 1: 6, 2: 6, 3: 6, 4: 6, 5: 6, 6: 6, 7: 6, 8: 6, 9: 6, 10: 6, 11: 6, 12: 6 });
    const plan = planDisclosure(YEAR, cells);
    expect(plan.unitPublished(1, YEAR)).toBe(true);
    expect(plan.unitPublished(1, month(3))).toBe(false);
    expect(audit(cells, plan).recoverableSmallGroups).toEqual([]);
  });

  it('withholds a small service inside a published unit-month together with another service of that month', () => {
    const cells = [...monthsOf({ 3: 30 }, 1, 1), ...monthsOf({ 3: 4 }, 1, 2)];
    const plan = planDisclosure(YEAR, cells);
    expect(plan.unitPublished(1, month(3))).toBe(true);
    expect(plan.serviceCellWithheld(1, 2, month(3))).toBe(true);
    expect(plan.serviceCellWithheld(1, 1, month(3))).toBe(true);
    expect(audit(cells, plan).recoverableSmallGroups).toEqual([]);
  });

  it("suppresses the region's figures, not a big unit's, to hide a unit too small to publish", () => {
    const cells = [...monthsOf({ 1: 20, 2: 20, 3: 20, 4: 20 }), ...monthsOf({ 1: 5 }, 2, 1)];
    const plan = planDisclosure(YEAR, cells);
    for (const period of PERIODS) expect(plan.unitPublished(1, period.id)).toBe(true);
    expect(plan.unitPublished(2, YEAR)).toBe(false);
    expect(plan.regionPublished(YEAR)).toBe(false);
    expect(audit(cells, plan).recoverableSmallGroups).toEqual([]);
  });

  it('gives the same plan for the same cells in any order', () => {
    const cells = [...monthsOf({ 1: 4, 2: 15, 4: 8 }), ...monthsOf({ 1: 12, 2: 3 }, 2, 0), ...monthsOf({ 4: 9 }, 1, 2)];
    const a = planDisclosure(YEAR, cells);
    const b = planDisclosure(YEAR, [...cells].reverse());
    for (const period of PERIODS) {
      expect([a.regionPublished(period.id), a.unitPublished(1, period.id), a.unitPublished(2, period.id)]).toEqual([
        b.regionPublished(period.id),
        b.unitPublished(1, period.id),
        b.unitPublished(2, period.id),
      ]);
    }
  });

  it('property: no combination of published figures, files and microdata recovers a suppressed figure or a group of fewer than 10', () => {
    const count = fc.oneof(
      { weight: 4, arbitrary: fc.constant(0) },
      { weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }) },
      { weight: 3, arbitrary: fc.integer({ min: 10, max: 40 }) },
    );
    const cellsArbitrary = fc
      .record({
        units: fc.integer({ min: 1, max: 3 }),
        services: fc.integer({ min: 1, max: 2 }),
        counts: fc.array(count, { minLength: 36, maxLength: 36 }),
        offset: fc.integer({ min: 0, max: 6 }),
      })
      .map(({ units, services, counts, offset }) => {
        const cells: DisclosureCell[] = [];
        let k = 0;
        for (let unit = 1; unit <= units; unit++) {
          for (let service = 0; service < services; service++) {
            // Six consecutive months, somewhere in the year, so quarters and semesters are crossed.
            for (let m = 1 + offset; m <= 6 + offset; m++) {
              const n = counts[k++ % counts.length] ?? 0;
              if (n > 0) cells.push({ unit, service, month: month(m), n });
            }
          }
        }
        return cells;
      });
    fc.assert(
      fc.property(cellsArbitrary, (cells) => {
        const plan = planDisclosure(YEAR, cells);
        const result = audit(cells, plan);
        expect(result.recoverableFigures).toEqual([]);
        expect(result.recoverableSmallGroups).toEqual([]);
        // The national directory plans from unit-month totals alone: its unit and region figures must be the same.
        const totals = new Map<string, DisclosureCell>();
        for (const cell of cells) {
          const key = `${cell.unit}@${cell.month}`;
          const total = totals.get(key) ?? { ...cell, service: 0, n: 0 };
          total.n += cell.n;
          totals.set(key, total);
        }
        const fromTotals = planDisclosure(YEAR, [...totals.values()], { unitsOnly: true });
        for (const period of PERIODS) {
          expect(fromTotals.regionPublished(period.id)).toBe(plan.regionPublished(period.id));
          for (const unit of [1, 2, 3])
            expect(fromTotals.unitPublished(unit, period.id)).toBe(plan.unitPublished(unit, period.id));
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('property: every month as it closed and a day within each month, read together, give back no group under 10', () => {
    const count = fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 9 }) },
      { weight: 3, arbitrary: fc.integer({ min: 10, max: 30 }) },
    );
    const arbitrary = fc.record({
      units: fc.integer({ min: 1, max: 3 }),
      services: fc.integer({ min: 1, max: 3 }),
      counts: fc.array(count, { minLength: 45, maxLength: 45 }),
      // What share of each month's responses had arrived on the day within it.
      arrived: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 45, maxLength: 45 }),
      offset: fc.integer({ min: 0, max: 7 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ units, services, counts, arrived, offset }) => {
        const cells: DisclosureCell[] = [];
        const partial: (DisclosureCell & { atom: string })[] = [];
        let k = 0;
        for (let unit = 1; unit <= units; unit++) {
          for (let service = 0; service < services; service++) {
            for (let m = 1 + offset; m <= 5 + offset; m++) {
              const n = counts[k] ?? 0;
              const sofar = Math.floor((n * (arrived[k] ?? 0)) / 100);
              k++;
              if (n > 0) cells.push({ unit, service, month: month(m), n });
              // A count that has not reached its final value is another unknown (its own atom).
              if (sofar > 0)
                partial.push({ unit, service, month: month(m), n: sofar, atom: `${unit}.${service}@${m}~` });
            }
          }
        }
        const releases: Release[] = [];
        for (let m = 1 + offset; m <= 5 + offset; m++) {
          const closed = cells.filter((cell) => Number(cell.month.slice(5)) < m);
          const complete = [...closed, ...cells.filter((cell) => Number(cell.month.slice(5)) === m)];
          const midMonth = [...closed, ...partial.filter((cell) => Number(cell.month.slice(5)) === m)];
          const day = planDisclosureFrom(YEAR, midMonth);
          const plan = planDisclosure(YEAR, complete);
          releases.push({ cells: complete, plan }, { cells: midMonth, plan: day.plan });
          // Planned again from the day's checkpoint (same closed months), or a stale one, the month is the same.
          const resumed = planDisclosureFrom(YEAR, complete, { checkpoint: day.checkpoint }).plan;
          expect(decisions(resumed, complete)).toEqual(decisions(plan, complete));
          const stale = planDisclosureFrom(YEAR, closed).checkpoint;
          const restarted = planDisclosureFrom(YEAR, complete, { checkpoint: stale }).plan;
          expect(decisions(restarted, complete)).toEqual(decisions(plan, complete));
        }
        const result = auditReleases(releases);
        expect(result.recoverableSmallGroups).toEqual([]);
        expect(result.recoverableFigures).toEqual([]);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
