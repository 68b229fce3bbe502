/**
 * @module
 * Gathers what the official SKM report of a unit (or of a whole region) over one period needs, as the
 * unit's own agency sees it (unsuppressed, SPEC §4): rollup aggregates per month and per jenis layanan
 * (or per unit), the previous period, respondents' profile counts, the follow-up actions of this and the
 * previous period, and for a unit the signed SKP evidence link. The texts are then written by the pure
 * `domain/skm-report.ts`, and rendered as HTML or PDF.
 */
import { emptyAggregate, mergeAggregates } from '../../../domain/aggregate';
import { localDate, monthsOf, type Period, previousPeriod, yearToDateMonths } from '../../../domain/periods';
import { buildSkmReport, type ReportFollowUp, type SkmReport } from '../../../domain/skm-report';
import { summarize } from '../../../domain/summary';
import { type FollowUpAction, listFollowUpActions } from '../../db/follow-up';
import type { Region, Unit } from '../../db/regions';
import { respondentProfile } from '../../db/respondent-profile';
import { aggregateRollups } from '../../db/rollups';
import { periodPopulation } from '../indicators/agency';
import { monthlyAggregates, regionScores } from '../indicators/scores';
import { unitServiceScores } from '../indicators/service-scores';
import { type IssuedEvidence, issueEvidence } from './evidence';

export interface ReportRequest {
  region: Region;
  /** Null: the region-wide report over `units`. */
  unit: Unit | null;
  units: readonly Unit[];
  period: Period;
  now: number;
  /** Where evidence links point, and the key that signs them (read only for unit reports with responses). */
  evidence: { origin: string; key: () => string };
}

export interface LoadedReport {
  report: SkmReport;
  evidence: IssuedEvidence | null;
}

/** Responses given without a service are one row of the per-service table. */
const NO_SERVICE = 'Tanpa jenis layanan';

function followUpView(action: FollowUpAction, unitName?: string): ReportFollowUp {
  return {
    elementCode: action.elementCode,
    issue: action.issue,
    action: action.action,
    owner: action.owner,
    dueDate: action.dueDate,
    status: action.status,
    evidence: action.evidence,
    evidenceUrl: action.evidenceUrl,
    ...(unitName === undefined ? {} : { unitName }),
  };
}

/** The follow-up of this and the previous period; a region's is every unit's (one bounded query per unit). */
async function followUps(d1: D1Database, request: ReportRequest, previous: Period) {
  const owners = request.unit ? [request.unit] : request.units;
  const lists = await Promise.all(
    owners.map(async (unit) => {
      const name = request.unit ? undefined : unit.name;
      const [current, before] = await Promise.all([
        listFollowUpActions(d1, { unitId: unit.id, period: request.period.id }),
        listFollowUpActions(d1, { unitId: unit.id, period: previous.id }),
      ]);
      return { current: current.map((a) => followUpView(a, name)), before: before.map((a) => followUpView(a, name)) };
    }),
  );
  return { current: lists.flatMap((l) => l.current), before: lists.flatMap((l) => l.before) };
}

export async function loadSkmReport(d1: D1Database, request: ReportRequest): Promise<LoadedReport> {
  const { region, unit, period } = request;
  const previous = previousPeriod(period);
  const scope = { regionId: region.id, ...(unit ? { unitId: unit.id } : {}) };
  const trendMonths = yearToDateMonths(period, request.now, region.timezone);
  const periodMonths = new Set(monthsOf(period));
  // The period's months come from the same read as the year's trend (months not yet begun: none, as before).
  const [allMonths, previousCells, profile, followUp, breakdown] = await Promise.all([
    monthlyAggregates(d1, scope, [...new Set([...trendMonths, ...periodMonths])].sort()),
    aggregateRollups(d1, { ...scope, from: previous.start, to: previous.end }),
    respondentProfile(d1, { ...scope, from: period.start, to: period.end }),
    followUps(d1, request, previous),
    unit
      ? unitServiceScores(d1, region, unit, period, 'agency').then((scores) =>
          scores.map((score) => ({ ...score, name: score.service?.name ?? NO_SERVICE, other: score.service === null })),
        )
      : regionScores(d1, region, request.units, period, 'agency').then(({ scores }) =>
          scores.map((score) => ({ ...score, name: score.unit.name })),
        ),
  ]);
  const monthly = allMonths.filter(({ month }) => periodMonths.has(month));
  const aggregate = monthly.reduce((sum, month) => mergeAggregates(sum, month.aggregate), emptyAggregate());
  const issuedOn = localDate(request.now, region.timezone);
  const summary = summarize(aggregate);
  const evidence =
    unit && summary.responses > 0
      ? await issueEvidence(request.evidence.key(), request.evidence.origin, region, unit, period, summary, issuedOn)
      : null;
  const populations = (unit ? [unit] : request.units)
    .map((u) => periodPopulation(u.population, period))
    .filter((p): p is number => p !== null);
  const report = buildSkmReport({
    region: { name: region.name },
    unit: unit ? { name: unit.name } : null,
    period,
    issuedOn,
    aggregate,
    // A region's population is its units' where they are set; with none set there is none.
    population: populations.length ? populations.reduce((a, b) => a + b, 0) : null,
    profile,
    breakdown,
    monthly,
    previous: { period: previous, aggregate: previousCells[0]?.aggregate ?? emptyAggregate() },
    followUp: followUp.current,
    previousFollowUp: followUp.before,
    evidence: evidence ? { url: evidence.url } : null,
    yearMonthly: allMonths.filter(({ month }) => trendMonths.includes(month)),
    head: unit ? { name: unit.headName, nip: unit.headNip } : null,
  });
  return { report, evidence };
}
