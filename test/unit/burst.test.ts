import { describe, expect, it } from 'vitest';
import {
  answerSignature,
  BURST_MIN_RATINGS,
  HOUR_WINDOW_MS,
  IDENTICAL_WINDOW_MS,
  judgeRating,
  type RatingFingerprint,
} from '../../domain/burst';

const NOW = Date.UTC(2026, 10, 17, 3, 0, 0);
const LIMITS = { device: 3, network: 20 };
const sig = answerSignature([3, 3, 3, 3, 3, 3, 3, 3, 3], 7);
const other = answerSignature([4, 3, 3, 3, 3, 3, 3, 3, 2], 7);
const rating = (
  secondsAgo: number,
  deviceHash: string | null = `d${secondsAgo}`,
  signature = other,
  networkHash: string | null = 'my-network',
  extra: Partial<RatingFingerprint> = {},
): RatingFingerprint => ({
  submittedAt: NOW - secondsAgo * 1000,
  deviceHash,
  networkHash,
  signature,
  kiosk: false,
  held: false,
  ...extra,
});
const candidate: RatingFingerprint = {
  submittedAt: NOW,
  deviceHash: 'me',
  networkHash: 'my-network',
  signature: sig,
  kiosk: false,
  held: false,
};
const judge = (c: RatingFingerprint, recent: RatingFingerprint[], limits = LIMITS) =>
  judgeRating(c, recent, limits).reason;

describe('suspicious bursts at one counter (SPEC §5, docs/rating.md)', () => {
  it('lets a rating through when the counter had a normal trickle of ratings', () => {
    expect(judgeRating(candidate, [rating(30), rating(50), rating(70), rating(200)], LIMITS)).toEqual({
      reason: null,
    });
  });

  const deviceless: RatingFingerprint = { ...candidate, deviceHash: null };

  it(`holds the ${BURST_MIN_RATINGS}th rating within a minute from one source as a burst`, () => {
    // Ratings that name no device are one source per network; a device is its own source.
    expect(judge(deviceless, [rating(5, null), rating(10, null), rating(20, null), rating(59, null)])).toBe('burst');
    const mine = [5, 10, 20, 59].map((s) => rating(s, 'me', `${s}`));
    expect(judge(candidate, mine, { device: 10, network: 20 })).toBe('burst');
  });

  it('counts only the counted ratings of the candidate’s own source: nobody else’s ratings hold a citizen’s', () => {
    const others = [rating(5, 'a', other, 'n1'), rating(10, 'b', other, 'n2'), rating(20, 'c', other, 'n3')];
    expect(judge(candidate, [...others, rating(30, 'd', other, 'n4'), rating(40, 'e', other, 'n5')])).toBeNull();
    // Four other devices, or four device-less ratings, on the very same network: no burst for this device.
    expect(judge(candidate, [rating(5), rating(10), rating(20), rating(30)])).toBeNull();
    expect(judge(candidate, [rating(5, null), rating(10, null), rating(20, null), rating(30, null)])).toBeNull();
    // Device-less ratings of another network, and held ones, make no burst either.
    expect(
      judge(
        deviceless,
        [1, 2, 3, 4].map((s) => rating(s, null, other, 'elsewhere')),
      ),
    ).toBeNull();
    const held = [1, 2, 3, 4].map((s) => rating(s, null, other, 'my-network', { held: true }));
    expect(judge(deviceless, held)).toBeNull();
  });

  it('never judges a burst for a rating without a network hash', () => {
    const unknown = { ...candidate, deviceHash: null, networkHash: null };
    const nulls = [1, 2, 3, 4, 5].map((s) => rating(s, null, other, null));
    expect(judge(unknown, nulls)).toBeNull();
  });

  it('does not count ratings older than the burst window', () => {
    expect(judge(deviceless, [rating(5, null), rating(10, null), rating(20, null), rating(60, null)])).toBeNull();
  });

  it('holds the same device sending the same answers again within ten minutes, but not the first of the pair', () => {
    expect(judgeRating(candidate, [rating(300, 'me', sig)], LIMITS)).toEqual({ reason: 'identical-repeat' });
  });

  it('does not hold the same answers from another device, or from the same device after ten minutes', () => {
    expect(judge(candidate, [rating(30, 'someone-else', sig)])).toBeNull();
    expect(judge(candidate, [rating(IDENTICAL_WINDOW_MS / 1000, 'me', sig)])).toBeNull();
  });

  it('applies no device rule to a rating that names no device (a reduced user agent without a client id)', () => {
    const anonymous = { ...candidate, deviceHash: null };
    const earlier = [
      rating(30, null, sig),
      rating(90, null, other),
      rating(200, null, other),
      rating(400, null, other),
    ];
    expect(judge(anonymous, earlier)).toBeNull();
  });

  it('does not hold the same device with different answers (another visit of the family)', () => {
    expect(judge(candidate, [rating(60, 'me', other)])).toBeNull();
  });

  it('tells services apart in the signature', () => {
    expect(answerSignature([1, 2, 3, 4, 1, 2, 3, 4, 1], null)).not.toBe(
      answerSignature([1, 2, 3, 4, 1, 2, 3, 4, 1], 3),
    );
  });
});

describe('the hourly share of a device and a network: beyond it a rating is held, never refused (SPEC §5)', () => {
  const spaced = (n: number, device: (i: number) => string | null, network = 'my-network') =>
    Array.from({ length: n }, (_, i) => rating(120 + i * 300, device(i), other, network));

  it('holds a device’s rating once the device has the hourly limit counted at the counter', () => {
    expect(
      judge(
        candidate,
        spaced(2, () => 'me'),
      ),
    ).toBeNull();
    expect(
      judge(
        candidate,
        spaced(3, () => 'me'),
      ),
    ).toBe('device-limit');
  });

  it('counts only the last hour and only ratings that count (held ones do not use up the share)', () => {
    const old = [rating(HOUR_WINDOW_MS / 1000, 'me'), rating(HOUR_WINDOW_MS / 1000 + 60, 'me')];
    expect(judge(candidate, [...spaced(2, () => 'me'), ...old])).toBeNull();
    const held = spaced(3, () => 'me').map((r) => ({ ...r, held: true }));
    expect(judge(candidate, held)).toBeNull();
  });

  it('holds a network’s rating once the network has its hourly limit counted at the counter, whatever device', () => {
    const limits = { device: 3, network: 4 };
    expect(
      judge(
        candidate,
        spaced(3, (i) => `phone-${i}`),
        limits,
      ),
    ).toBeNull();
    expect(
      judge(
        candidate,
        spaced(4, (i) => `phone-${i}`),
        limits,
      ),
    ).toBe('network-limit');
    expect(
      judge(
        candidate,
        spaced(4, () => null),
        limits,
      ),
    ).toBe('network-limit');
    expect(
      judge(
        candidate,
        spaced(4, (i) => `phone-${i}`, 'elsewhere'),
        limits,
      ),
    ).toBeNull();
  });

  it('exempts an enrolled kiosk, whose ratings do not use up its network’s share either', () => {
    const limits = { device: 3, network: 4 };
    const kiosk = { ...candidate, kiosk: true };
    expect(
      judge(
        kiosk,
        spaced(6, () => 'me'),
        limits,
      ),
    ).toBeNull();
    const kioskRatings = spaced(6, () => 'tablet').map((r) => ({ ...r, kiosk: true }));
    expect(judge(candidate, kioskRatings, limits)).toBeNull();
  });
});
