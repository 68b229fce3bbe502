/** @module Element scores (NRR), the service satisfaction index (IKM) and its grade (SPEC §3, PermenPANRB 14/2017). */

import type { Aggregate } from './aggregate';
import { ELEMENT_COUNT, grandTotal } from './aggregate';
import { roundHalfAwayFromZero, roundRatio } from './rounding';
import type { Locale } from './survey';

/** IKM is the mean element score (1..4) times this factor, giving the 25–100 scale. */
export const IKM_SCALE = 25;
/** Lowest and highest possible IKM. */
export const IKM_MIN = 25;
export const IKM_MAX = 100;
/** Output precision (SPEC §3). */
export const IKM_DECIMALS = 2;
export const NRR_DECIMALS = 3;

/** Mutu pelayanan: service quality grade. */
export type Grade = 'A' | 'B' | 'C' | 'D';

/** Official grade names (Bahasa Indonesia authoritative) with English translations. */
export const GRADE_LABELS: Readonly<Record<Grade, Readonly<Record<Locale, string>>>> = {
  A: { id: 'Sangat Baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang Baik', en: 'Poor' },
  D: { id: 'Tidak Baik', en: 'Very poor' },
};

/** Lower bounds of grades A, B, C on the rounded IKM, in hundredths (so the comparison is between integers). */
const GRADE_FLOORS_HUNDREDTHS: readonly (readonly [Grade, number])[] = [
  ['A', 8831],
  ['B', 7661],
  ['C', 6500],
];

/** Unrounded NRR of element index `e` (0 = U1): sum of its scores ÷ number of responses. Null when n = 0. */
export function nrrOf(agg: Aggregate, e: number): number | null {
  if (agg.n <= 0) return null;
  return (agg.sums[e] ?? 0) / agg.n;
}

/** NRR of element index `e` rounded for output (3 dp), computed exactly from the integer sum. Null when n = 0. */
export function roundedNrr(agg: Aggregate, e: number): number | null {
  if (agg.n <= 0) return null;
  return roundRatio(agg.sums[e] ?? 0, agg.n, NRR_DECIMALS);
}

/**
 * Unrounded IKM = 25 × mean of the nine unrounded NRRs (weight exactly 1/9, not 0.111). Null when n = 0.
 * Since every NRR has denominator n, this equals 25 · Σsums / (9n).
 */
export function ikmOf(agg: Aggregate): number | null {
  if (agg.n <= 0) return null;
  return (IKM_SCALE * grandTotal(agg)) / (ELEMENT_COUNT * agg.n);
}

/**
 * IKM rounded for output (2 dp). Computed as the exact rational 25·Σsums / (9n) with integer arithmetic, so a value
 * that is mathematically on a tie (…5) is rounded away from zero regardless of binary representation.
 */
export function roundedIkm(agg: Aggregate): number | null {
  if (agg.n <= 0) return null;
  return roundRatio(IKM_SCALE * grandTotal(agg), ELEMENT_COUNT * agg.n, IKM_DECIMALS);
}

/**
 * Grade of an IKM. The IKM is rounded to 2 dp first, as SPEC §3 grades the published figure: 88.305 → 88.31 → 'A'.
 * Bands: ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C, otherwise D.
 */
export function gradeOf(ikm: number): Grade {
  const hundredths = Math.round(roundHalfAwayFromZero(ikm, IKM_DECIMALS) * 100);
  for (const [grade, floor] of GRADE_FLOORS_HUNDREDTHS) if (hundredths >= floor) return grade;
  return 'D';
}

/** Localised grade name, e.g. gradeLabel('A', 'id') = 'Sangat Baik'. */
export function gradeLabel(grade: Grade, locale: Locale = 'id'): string {
  return GRADE_LABELS[grade][locale];
}
