import { describe, expect, it } from 'vitest';
import {
  type AlertInput,
  ageInDays,
  elementScore,
  IKM_DROP_POINTS,
  MIN_ALERT_RESPONSES,
  type MonthFigures,
  unitAlerts,
} from '../../domain/alerts';
import { gradeOf } from '../../domain/ikm';
import { proratedSampleSize, sampleSize } from '../../domain/sample-size';
import { ELEMENT_CODES } from '../../domain/survey';

const month = (responses: number, ikm: number | null, nrr = 3.5): MonthFigures => ({
  responses,
  ikm,
  grade: ikm === null ? null : gradeOf(ikm),
  elements: ikm === null ? null : ELEMENT_CODES.map((code) => ({ code, nrr })),
});

const quiet: AlertInput['moderation'] = {
  pendingComments: 0,
  oldestCommentDays: null,
  flaggedRatings: 0,
  oldestFlaggedDays: null,
};

const input = (overrides: Partial<AlertInput>): AlertInput => ({
  thisMonth: month(40, 85),
  lastMonth: month(40, 86),
  sample: null,
  moderation: quiet,
  ...overrides,
});

describe('operator alerts (SPEC §3, Operator alerts)', () => {
  it('raises nothing for a steady unit with an empty moderation queue', () => {
    expect(unitAlerts(input({}))).toEqual([]);
  });

  it('flags an IKM fall of 5 points or more month over month; 4.99 is not one', () => {
    expect(unitAlerts(input({ thisMonth: month(40, 80), lastMonth: month(40, 85) }))).toContainEqual({
      kind: 'ikm-drop',
      severity: 'warning',
      from: 85,
      to: 80,
      points: IKM_DROP_POINTS,
    });
    expect(unitAlerts(input({ thisMonth: month(40, 80.01), lastMonth: month(40, 85) }))).toEqual([]);
    expect(unitAlerts(input({ thisMonth: month(40, 70), lastMonth: month(40, 81) }))[0]).toMatchObject({
      kind: 'ikm-drop',
      severity: 'critical',
      points: 11,
    });
  });

  it('compares months only when both hold enough responses to be meaningful', () => {
    const few = MIN_ALERT_RESPONSES - 1;
    expect(unitAlerts(input({ thisMonth: month(few, 70), lastMonth: month(40, 90) }))).toEqual([]);
    expect(unitAlerts(input({ thisMonth: month(40, 70), lastMonth: month(few, 90) }))).toEqual([]);
  });

  it('flags a grade drop, critical when it lands on D, even when the fall is under 5 points', () => {
    expect(unitAlerts(input({ thisMonth: month(40, 88.3), lastMonth: month(40, 88.31) }))).toEqual([
      { kind: 'grade-drop', severity: 'warning', from: 'A', to: 'B' },
    ]);
    expect(unitAlerts(input({ thisMonth: month(40, 64.99), lastMonth: month(40, 66) }))).toContainEqual({
      kind: 'grade-drop',
      severity: 'critical',
      from: 'C',
      to: 'D',
    });
  });

  it('flags every unsur whose NRR × 25 is graded D, with at least 10 responses this month', () => {
    const thisMonth: MonthFigures = {
      ...month(12, 80),
      elements: ELEMENT_CODES.map((code) => ({ code, nrr: code === 'U3' ? 2.599 : code === 'U8' ? 2.4 : 3.4 })),
    };
    expect(unitAlerts(input({ thisMonth }))).toEqual([
      {
        kind: 'element-grade-d',
        severity: 'critical',
        elements: [
          { code: 'U3', score: 64.98 },
          { code: 'U8', score: 60 },
        ],
      },
    ]);
    expect(unitAlerts(input({ thisMonth: { ...thisMonth, responses: 9 } }))).toEqual([]);
    expect(elementScore(2.6)).toEqual({ score: 65, grade: 'C' });
  });

  it('flags a sample behind the share of the year due so far, critical below half of it', () => {
    const sample = { requiredToDate: 100, achievedToDate: 99, requiredYear: 278 };
    expect(unitAlerts(input({ sample }))).toEqual([
      { kind: 'sample-behind', severity: 'warning', required: 100, achieved: 99, requiredYear: 278 },
    ]);
    expect(unitAlerts(input({ sample: { ...sample, achievedToDate: 49 } }))[0]?.severity).toBe('critical');
    expect(unitAlerts(input({ sample: { ...sample, achievedToDate: 100 } }))).toEqual([]);
  });

  it('counts comments and flagged ratings waiting for moderation, a warning once the oldest waited a week', () => {
    const alerts = unitAlerts(
      input({ moderation: { pendingComments: 3, oldestCommentDays: 2, flaggedRatings: 2, oldestFlaggedDays: 8 } }),
    );
    expect(alerts).toEqual([
      { kind: 'flags-waiting', severity: 'warning', count: 2, oldestDays: 8 },
      { kind: 'comments-waiting', severity: 'info', count: 3, oldestDays: 2 },
    ]);
  });

  it('orders alerts most severe first', () => {
    const alerts = unitAlerts(
      input({
        thisMonth: month(40, 70, 2.5),
        lastMonth: month(40, 86),
        moderation: { ...quiet, pendingComments: 1, oldestCommentDays: 0 },
        sample: { requiredToDate: 10, achievedToDate: 8, requiredYear: 80 },
      }),
    );
    expect(alerts.map((a) => a.severity)).toEqual(['critical', 'critical', 'warning', 'warning', 'info']);
    expect(alerts.map((a) => a.kind)).toEqual([
      'ikm-drop',
      'element-grade-d',
      'grade-drop',
      'sample-behind',
      'comments-waiting',
    ]);
  });

  it('ages in whole days, never negative', () => {
    expect(ageInDays(0, 86_400_000 * 2.5)).toBe(2);
    expect(ageInDays(1000, 0)).toBe(0);
  });
});

describe('proratedSampleSize: the year’s Krejcie & Morgan sample due by a date (SPEC §3)', () => {
  it('prorates the yearly sample to the elapsed days, rounding up', () => {
    expect(proratedSampleSize(1000, '2026-03-31')).toBe(Math.ceil((278 * 90) / 365));
    expect(proratedSampleSize(1000, '2026-01-01')).toBe(1);
    expect(proratedSampleSize(1000, '2026-12-31')).toBe(sampleSize(1000));
    expect(proratedSampleSize(1000, '2028-12-31')).toBe(278);
    expect(proratedSampleSize(0, '2026-06-30')).toBe(0);
  });
});
