/** @module Link of the IKM to the officials' performance targets, SKP (SPEC §3, PermenPANRB 6/2022). */

import { IKM_DECIMALS } from './ikm';
import { roundHalfAwayFromZero, roundRatio } from './rounding';

/** Suggested rating of the IKM indicator against its target. */
export type SkpRating = 'DI_ATAS' | 'SESUAI' | 'DI_BAWAH';

/** Rounded IKM at least this far above target suggests "di atas ekspektasi". */
export const SKP_ABOVE_MARGIN = 5;

export interface SkpAssessment {
  target: number | null;
  /** IKM ÷ target as a ratio, 4 dp (0.9823 = 98.23%). */
  realization: number | null;
  suggestedRating: SkpRating | null;
}

/**
 * Compares an IKM with its SKP target. The IKM is rounded to 2 dp first (the published figure is what is assessed).
 * DI_ATAS when IKM ≥ target + 5, SESUAI when IKM ≥ target, DI_BAWAH otherwise; comparisons are made in integer
 * hundredths so 85.00 vs 80 + 5 is not spoiled by float error. Without an IKM, or without a usable target (null,
 * non-finite or ≤ 0 — a ratio to it is meaningless), realization and rating are null. The target is also taken at
 * 2 dp, like the IKM.
 */
export function skpAssessment(ikm: number | null, target: number | null): SkpAssessment {
  const targetHundredths = target !== null && Number.isFinite(target) ? toHundredths(target) : 0;
  if (ikm === null || !Number.isFinite(ikm) || targetHundredths <= 0) {
    return { target, realization: null, suggestedRating: null };
  }
  const ikmHundredths = toHundredths(ikm);
  let suggestedRating: SkpRating = 'DI_BAWAH';
  if (ikmHundredths >= targetHundredths + SKP_ABOVE_MARGIN * 100) suggestedRating = 'DI_ATAS';
  else if (ikmHundredths >= targetHundredths) suggestedRating = 'SESUAI';
  return {
    target,
    // Exact ratio of the two integer hundredths counts: no float error can move a 4th-decimal tie.
    realization: roundRatio(ikmHundredths, targetHundredths, 4),
    suggestedRating,
  };
}

/** A value rounded to 2 dp (half away from zero) as an integer count of hundredths. */
function toHundredths(value: number): number {
  return Math.round(roundHalfAwayFromZero(value, IKM_DECIMALS) * 100);
}
