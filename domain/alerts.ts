/**
 * @module
 * The operator's alerts (SPEC §3, "Operator alerts"): what on a unit's dashboard needs someone to act. Pure: the caller
 * gives this month's and last month's figures (unsuppressed, as staff see them), the year's sample so far and
 * the moderation queues; the rules decide what is worth an alert and how severe it is.
 */
import { type Grade, gradeOf, IKM_SCALE } from './ikm';
import type { ElementCode } from './survey';

/**
 * Fewest responses in each of two months for a change between them to mean something. At n = 30 the IKM of a
 * typical month has a 95% interval about ±4 points wide, so a 5-point fall is unlikely to be noise alone; with
 * fewer responses, month-to-month noise by itself would keep raising alerts.
 */
export const MIN_ALERT_RESPONSES = 30;
/** An IKM fall of at least this many points from last month is an alert. */
export const IKM_DROP_POINTS = 5;
/** A fall of at least this many points is critical. */
export const IKM_DROP_CRITICAL_POINTS = 10;
/** An element graded D needs a month with at least this many responses (the public threshold, SPEC §4). */
export const MIN_ELEMENT_RESPONSES = 10;
/** A moderation queue whose oldest item has waited this many days is a warning rather than information. */
export const MODERATION_STALE_DAYS = 7;

export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** The figures of one month as the alerts need them. */
export interface MonthFigures {
  responses: number;
  ikm: number | null;
  grade: Grade | null;
  elements: readonly { code: ElementCode; nrr: number }[] | null;
}

export interface AlertInput {
  thisMonth: MonthFigures;
  lastMonth: MonthFigures;
  /** Null when the unit has no yearly population set. */
  sample: { requiredToDate: number; achievedToDate: number; requiredYear: number } | null;
  moderation: {
    pendingComments: number;
    /** Age in whole days of the oldest pending comment (null when none). */
    oldestCommentDays: number | null;
    flaggedRatings: number;
    oldestFlaggedDays: number | null;
  };
}

export type Alert =
  | { kind: 'ikm-drop'; severity: Severity; from: number; to: number; points: number }
  | { kind: 'grade-drop'; severity: Severity; from: Grade; to: Grade }
  | { kind: 'element-grade-d'; severity: Severity; elements: { code: ElementCode; score: number }[] }
  | { kind: 'sample-behind'; severity: Severity; required: number; achieved: number; requiredYear: number }
  | { kind: 'comments-waiting'; severity: Severity; count: number; oldestDays: number }
  | { kind: 'flags-waiting'; severity: Severity; count: number; oldestDays: number };

const GRADE_ORDER: Record<Grade, number> = { A: 4, B: 3, C: 2, D: 1 };

/** True when both months hold enough responses for a change between them to be meaningful. */
export function isComparable(a: MonthFigures, b: MonthFigures): boolean {
  return a.responses >= MIN_ALERT_RESPONSES && b.responses >= MIN_ALERT_RESPONSES;
}

/** An element's score on the IKM scale (NRR × 25, 2 dp), graded with the IKM thresholds. */
export function elementScore(nrr: number): { score: number; grade: Grade } {
  const score = Math.round(nrr * IKM_SCALE * 100) / 100;
  return { score, grade: gradeOf(score) };
}

/** The alerts of one unit, most severe first. */
export function unitAlerts({ thisMonth, lastMonth, sample, moderation }: AlertInput): Alert[] {
  const alerts: Alert[] = [];
  if (isComparable(thisMonth, lastMonth) && thisMonth.ikm !== null && lastMonth.ikm !== null) {
    // Compared in hundredths: the published figures are 2 dp and 5.00 points exactly must count.
    const points = Math.round((lastMonth.ikm - thisMonth.ikm) * 100) / 100;
    if (points >= IKM_DROP_POINTS) {
      alerts.push({
        kind: 'ikm-drop',
        severity: points >= IKM_DROP_CRITICAL_POINTS ? 'critical' : 'warning',
        from: lastMonth.ikm,
        to: thisMonth.ikm,
        points,
      });
    }
    if (thisMonth.grade && lastMonth.grade && GRADE_ORDER[thisMonth.grade] < GRADE_ORDER[lastMonth.grade]) {
      alerts.push({
        kind: 'grade-drop',
        severity: thisMonth.grade === 'D' ? 'critical' : 'warning',
        from: lastMonth.grade,
        to: thisMonth.grade,
      });
    }
  }
  if (thisMonth.responses >= MIN_ELEMENT_RESPONSES && thisMonth.elements) {
    const graded = thisMonth.elements.map((element) => ({ code: element.code, ...elementScore(element.nrr) }));
    const failing = graded.filter((element) => element.grade === 'D');
    if (failing.length > 0) {
      alerts.push({
        kind: 'element-grade-d',
        severity: 'critical',
        elements: failing.map(({ code, score }) => ({ code, score })),
      });
    }
  }
  if (sample && sample.achievedToDate < sample.requiredToDate) {
    alerts.push({
      kind: 'sample-behind',
      // Less than half of what is due by now will hardly be caught up before the year ends.
      severity: sample.achievedToDate * 2 < sample.requiredToDate ? 'critical' : 'warning',
      required: sample.requiredToDate,
      achieved: sample.achievedToDate,
      requiredYear: sample.requiredYear,
    });
  }
  const queue = (count: number, oldestDays: number | null) => ({
    severity: (oldestDays ?? 0) >= MODERATION_STALE_DAYS ? ('warning' as const) : ('info' as const),
    count,
    oldestDays: oldestDays ?? 0,
  });
  if (moderation.pendingComments > 0) {
    alerts.push({ kind: 'comments-waiting', ...queue(moderation.pendingComments, moderation.oldestCommentDays) });
  }
  if (moderation.flaggedRatings > 0) {
    alerts.push({ kind: 'flags-waiting', ...queue(moderation.flaggedRatings, moderation.oldestFlaggedDays) });
  }
  return sortBySeverity(alerts);
}

/** Most severe first; the order of equally severe alerts is kept (stable sort). */
export function sortBySeverity<T extends { severity: Severity }>(alerts: readonly T[]): T[] {
  return [...alerts].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** Whole days between two instants (ms), never negative: how long an item has waited. */
export function ageInDays(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 86_400_000));
}
