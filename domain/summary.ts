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
 * Complementary suppression (SPEC §4). A published total minus its published parts gives the sum of its suppressed
 * parts: a unit's year minus its published months, a region minus its published units. So a total may be
 * published only when its suppressed parts hold no responses, or at least {@link MIN_PUBLIC_RESPONSES} together
 * (a group that could itself be published). `partCounts` are the response counts of one partition of the total.
 */
export function revealsSuppressedParts(partCounts: readonly number[]): boolean {
  const hidden = partCounts.filter((n) => n > 0 && isSuppressed(n)).reduce((sum, n) => sum + n, 0);
  return hidden > 0 && isSuppressed(hidden);
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
 * {@link summarize} for public output: when suppressed only `responses` is given, every figure is null. A total is
 * also suppressed when one of the given partitions into published parts would reveal a suppressed part by
 * subtraction ({@link revealsSuppressedParts}).
 */
export function publicSummary(
  agg: Aggregate,
  locale: Locale = 'id',
  partitions: readonly (readonly number[])[] = [],
): PublicSummary {
  if (isSuppressed(agg.n) || partitions.some(revealsSuppressedParts)) return suppressedSummary(agg.n);
  return { ...summarize(agg, locale), suppressed: false };
}

/**
 * Which parts of a published total to withhold (SPEC §4): a unit's services, whose counts add up to the unit's
 * published figure. A part is withheld when it is small (n < 10), when `alsoWithheld` says so (e.g. its own months
 * would reveal one), or when the total itself is withheld (the parts would give it back). Then, while the withheld
 * parts together hold fewer than {@link MIN_PUBLIC_RESPONSES} (so total − published parts would reveal them), the
 * smallest published non-empty part is withheld too: complementary suppression. Returns one flag per part.
 */
export function withheldParts(
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
    // Every non-empty part is withheld: what is left is the total itself, withheld by the caller when small.
    if (smallest < 0) break;
    withheld[smallest] = true;
  }
  return withheld;
}
