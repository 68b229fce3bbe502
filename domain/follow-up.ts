/**
 * @module
 * Which elements (unsur) a unit's follow-up should address (PermenPANRB 14/2017: the rencana tindak lanjut starts
 * from the weakest elements): those whose converted value (NRR × 25) grades C or D, weakest first, or, when every
 * element grades A or B, the weakest few, so there is always something to start from.
 */
import { type Grade, gradeOf, IKM_SCALE } from './ikm';
import type { ElementCode } from './survey';

/** Where a follow-up action stands; the order is its course. */
export const FOLLOW_UP_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export interface ElementNrr {
  code: ElementCode;
  name: string;
  nrr: number;
}

export interface FollowUpSuggestion extends ElementNrr {
  /** The grade of the element's converted value (NRR × 25), on the IKM's bands. */
  grade: Grade;
}

/** The elements to suggest, weakest (lowest NRR) first; ties keep the questionnaire's order. */
export function followUpSuggestions(elements: readonly ElementNrr[], fallback = 3): FollowUpSuggestion[] {
  const graded = elements
    .map((element, index) => ({ ...element, grade: gradeOf(element.nrr * IKM_SCALE), index }))
    .sort((a, b) => a.nrr - b.nrr || a.index - b.index);
  const weak = graded.filter((element) => element.grade === 'C' || element.grade === 'D');
  return (weak.length > 0 ? weak : graded.slice(0, fallback)).map(({ index: _index, ...element }) => element);
}
