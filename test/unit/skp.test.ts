import { describe, expect, it } from 'vitest';
import { skpAssessment } from '../../domain/skp';

describe('SKP assessment of the IKM (SPEC §3, PermenPANRB 6/2022)', () => {
  it('realization is IKM ÷ target as a 4-dp ratio', () => {
    expect(skpAssessment(88.4, 90).realization).toBe(0.9822); // 0.98222…
    expect(skpAssessment(91.48, 80).realization).toBe(1.1435);
    expect(skpAssessment(80, 80).realization).toBe(1);
  });

  it('rounds the realization ratio half away from zero on an exact tie', () => {
    expect(skpAssessment(70.02, 80).realization).toBe(0.8753); // 0.87525 exactly
    expect(skpAssessment(80.01, 80).realization).toBe(1.0001); // 1.000125: not a tie
  });

  it.each([
    [85, 80, 'DI_ATAS'],
    [84.99, 80, 'SESUAI'],
    [80, 80, 'SESUAI'],
    [79.99, 80, 'DI_BAWAH'],
    [84.995, 80, 'DI_ATAS'],
    [79.995, 80, 'SESUAI'],
    [79.9949, 80, 'DI_BAWAH'],
  ] as const)('IKM %d against target %d is %s (boundaries use the rounded IKM)', (ikm, target, rating) => {
    expect(skpAssessment(ikm, target).suggestedRating).toBe(rating);
  });

  it('handles fractional targets exactly: 90.6 + 5 reached by 95.6', () => {
    expect(skpAssessment(95.6, 90.6).suggestedRating).toBe('DI_ATAS');
    expect(skpAssessment(95.59, 90.6).suggestedRating).toBe('SESUAI');
  });

  it('gives no realization or rating without an IKM or a usable target, but echoes the target', () => {
    expect(skpAssessment(null, 80)).toEqual({ target: 80, realization: null, suggestedRating: null });
    expect(skpAssessment(85, null)).toEqual({ target: null, realization: null, suggestedRating: null });
    expect(skpAssessment(85, 0)).toEqual({ target: 0, realization: null, suggestedRating: null });
    expect(skpAssessment(85, Number.NaN).suggestedRating).toBeNull();
  });
});
