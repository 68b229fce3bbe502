import { describe, expect, it } from 'vitest';
import {
  answerSignature,
  BURST_MIN_RATINGS,
  BURST_WINDOW_MS,
  IDENTICAL_WINDOW_MS,
  judgeRating,
  type RatingFingerprint,
} from '../../domain/burst';

const NOW = Date.UTC(2026, 10, 17, 3, 0, 0);
const sig = answerSignature([3, 3, 3, 3, 3, 3, 3, 3, 3], 7);
const other = answerSignature([4, 3, 3, 3, 3, 3, 3, 3, 2], 7);
const rating = (
  secondsAgo: number,
  deviceHash = `d${secondsAgo}`,
  signature = other,
  networkHash: string | null = 'my-network',
): RatingFingerprint => ({
  submittedAt: NOW - secondsAgo * 1000,
  deviceHash,
  networkHash,
  signature,
});
const candidate: RatingFingerprint = { submittedAt: NOW, deviceHash: 'me', networkHash: 'my-network', signature: sig };

describe('suspicious bursts at one counter (SPEC §5, docs/rating.md)', () => {
  it('lets a rating through when the counter had a normal trickle of ratings', () => {
    expect(judgeRating(candidate, [rating(30), rating(50), rating(70), rating(200)])).toEqual({
      reason: null,
      flagOthersSince: null,
    });
  });

  it(`flags the ${BURST_MIN_RATINGS}th rating within a minute as a burst, together with the ones before it`, () => {
    const verdict = judgeRating(candidate, [rating(5), rating(10), rating(20), rating(59)]);
    expect(verdict).toEqual({ reason: 'burst', flagOthersSince: NOW - BURST_WINDOW_MS });
  });

  it('counts only the ratings of the candidate’s own network: other citizens at the counter make no burst', () => {
    const others = [rating(5, 'a', other, 'n1'), rating(10, 'b', other, 'n2'), rating(20, 'c', other, 'n3')];
    expect(
      judgeRating(candidate, [...others, rating(30, 'd', other, 'n4'), rating(40, 'e', other, 'n5')]).reason,
    ).toBeNull();
    expect(
      judgeRating(candidate, [rating(5), rating(10), rating(20), rating(30, 'x', other, 'elsewhere')]).reason,
    ).toBeNull();
    expect(judgeRating(candidate, [rating(5), rating(10), rating(20), rating(30)]).reason).toBe('burst');
  });

  it('never judges a burst for a rating without a network hash', () => {
    const unknown = { ...candidate, networkHash: null };
    const nulls = [1, 2, 3, 4, 5].map((s) => rating(s, `d${s}`, other, null));
    expect(judgeRating(unknown, nulls).reason).toBeNull();
  });

  it('does not count ratings older than the burst window', () => {
    expect(judgeRating(candidate, [rating(5), rating(10), rating(20), rating(60)]).reason).toBeNull();
  });

  it('flags the same device sending the same answers again within ten minutes, but not the first of the pair', () => {
    const verdict = judgeRating(candidate, [rating(300, 'me', sig)]);
    expect(verdict).toEqual({ reason: 'identical-repeat', flagOthersSince: null });
  });

  it('does not flag the same answers from another device, or from the same device after ten minutes', () => {
    expect(judgeRating(candidate, [rating(30, 'someone-else', sig)]).reason).toBeNull();
    expect(judgeRating(candidate, [rating(IDENTICAL_WINDOW_MS / 1000, 'me', sig)]).reason).toBeNull();
  });

  it('does not flag the same device with different answers (another visit of the family)', () => {
    expect(judgeRating(candidate, [rating(60, 'me', other)]).reason).toBeNull();
  });

  it('tells services apart in the signature', () => {
    expect(answerSignature([1, 2, 3, 4, 1, 2, 3, 4, 1], null)).not.toBe(
      answerSignature([1, 2, 3, 4, 1, 2, 3, 4, 1], 3),
    );
  });
});
