/** @module Published summary of a group of responses: output rounding and small-group suppression (SPEC §3, §4). */

import type { Aggregate } from './aggregate';
import { ikmConfidenceInterval } from './confidence';
import type { Grade } from './ikm';
import { gradeOf, IKM_DECIMALS, roundedIkm, roundedNrr } from './ikm';
import { roundHalfAwayFromZero } from './rounding';
import type { ElementCode, Locale } from './survey';
import { ELEMENTS } from './survey';

/** Fewest responses for which figures are published (SPEC §4). */
export const MIN_PUBLIC_RESPONSES = 10;

/** Summary of one group. All nullable fields are null when there are no responses. */
export interface Summary {
  responses: number;
  /** IKM, 2 dp. */
  ikm: number | null;
  /** 95% confidence interval of the IKM, 2 dp. */
  ikmLow: number | null;
  ikmHigh: number | null;
  /** Grade of the rounded IKM. */
  grade: Grade | null;
  /** NRR per element, 3 dp, with the element name in the requested locale. */
  elements: { code: ElementCode; name: string; nrr: number }[] | null;
  /** How many answered 1, 2, 3, 4 on each element. */
  distribution: { code: ElementCode; counts: [number, number, number, number] }[] | null;
}

/** A summary safe to publish: figures are withheld when {@link isSuppressed}. */
export interface PublicSummary extends Summary {
  suppressed: boolean;
}

/** Summarises an aggregate with output rounding applied (IKM and interval 2 dp, NRR 3 dp). */
export function summarize(agg: Aggregate, locale: Locale = 'id'): Summary {
  const ikm = roundedIkm(agg);
  const interval = ikmConfidenceInterval(agg);
  if (ikm === null || interval === null) {
    return { responses: 0, ikm: null, ikmLow: null, ikmHigh: null, grade: null, elements: null, distribution: null };
  }
  return {
    responses: agg.n,
    ikm,
    // The rounded bounds are clamped around the rounded IKM so the published interval always contains the published
    // point, even when the interval has collapsed and the two were rounded by different routes.
    ikmLow: Math.min(ikm, roundHalfAwayFromZero(interval.low, IKM_DECIMALS)),
    ikmHigh: Math.max(ikm, roundHalfAwayFromZero(interval.high, IKM_DECIMALS)),
    grade: gradeOf(ikm),
    elements: ELEMENTS.map((element, e) => ({
      code: element.code,
      name: element.name[locale],
      nrr: roundedNrr(agg, e) ?? 0,
    })),
    distribution: ELEMENTS.map((element, e) => {
      const c = agg.counts[e] ?? [];
      return { code: element.code, counts: [c[0] ?? 0, c[1] ?? 0, c[2] ?? 0, c[3] ?? 0] };
    }),
  };
}

/**
 * True when a group is too small to publish (n < 10, SPEC §4). Note n = 0 is also "suppressed": callers that want
 * to say "no data" rather than "too few responses" check n = 0 themselves.
 */
export function isSuppressed(n: number): boolean {
  return n < MIN_PUBLIC_RESPONSES;
}

/**
 * Why a public figure is missing, to say so in words (SPEC §4): no responses at all, fewer than 10, or enough
 * responses but withheld so that it cannot reveal a smaller figure with others (complementary suppression).
 * Only the published count is consulted, so the reason itself reveals nothing withheld.
 */
export type WithheldReason = 'none' | 'few' | 'protected';

export function withheldReason(responses: number): WithheldReason {
  if (responses === 0) return 'none';
  return isSuppressed(responses) ? 'few' : 'protected';
}

/** Why a series of months (a trend) shows no figure at all: judged by its largest month's published count. */
export function withheldMonthsReason(monthCounts: readonly number[]): WithheldReason {
  return withheldReason(monthCounts.reduce((max, n) => Math.max(max, n), 0));
}

/** A withheld figure: its count and nothing that could reveal its answers (SPEC §4). */
export function suppressedSummary(responses: number): PublicSummary {
  return {
    responses,
    suppressed: true,
    ikm: null,
    ikmLow: null,
    ikmHigh: null,
    grade: null,
    elements: null,
    distribution: null,
  };
}

/**
 * {@link summarize} for public output: when suppressed only `responses` is given, every figure is null. A figure is
 * suppressed when small, or when `withheld` says so: the disclosure plan's complementary suppression (SPEC §4,
 * domain/disclosure.ts), which alone can see every published figure it could be combined with.
 */
export function publicSummary(agg: Aggregate, locale: Locale = 'id', withheld = false): PublicSummary {
  if (isSuppressed(agg.n) || withheld) return suppressedSummary(agg.n);
  return { ...summarize(agg, locale), suppressed: false };
}
