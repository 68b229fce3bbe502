import { describe, expect, it } from 'vitest';
import { followUpSuggestions } from '../../domain/follow-up';
import { ELEMENT_CODES } from '../../domain/survey';

const elements = (nrrs: number[]) => ELEMENT_CODES.map((code, i) => ({ code, name: code, nrr: nrrs[i] ?? 3.5 }));

describe('followUpSuggestions: the elements a follow-up should start from (PermenPANRB 14/2017)', () => {
  it('lists every element whose converted value grades C or D, weakest first', () => {
    // 2.6 × 25 = 65.00 (C, the floor), 2.599 × 25 = 64.975 → 64.98 (D), 3.064 × 25 = 76.60 (C), 3.0644 → 76.61 (B).
    const suggestions = followUpSuggestions(elements([3.5, 2.6, 3.9, 2.599, 3.064, 3.0644, 3.2, 3.3, 3.4]));
    expect(suggestions.map((s) => [s.code, s.grade])).toEqual([
      ['U4', 'D'],
      ['U2', 'C'],
      ['U5', 'C'],
    ]);
  });

  it('when every element grades A or B, still suggests the three weakest (ties in questionnaire order)', () => {
    const suggestions = followUpSuggestions(elements([3.6, 3.2, 3.9, 3.2, 3.5, 3.1, 3.8, 3.7, 3.6]));
    expect(suggestions.map((s) => s.code)).toEqual(['U6', 'U2', 'U4']);
    expect(suggestions.every((s) => s.grade === 'B')).toBe(true);
  });

  it('suggests nothing without element figures', () => {
    expect(followUpSuggestions([])).toEqual([]);
  });
});
