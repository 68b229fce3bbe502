/**
 * Whether a rating counts or is held is judged inside the rating's one D1 batch (worker/db/responses.ts), in SQL,
 * while its definition stays the pure rule of domain/burst.ts (SPEC §5, docs/rating.md). This property test keeps
 * the two equal: for random ratings already at a counter, the batch holds a new rating exactly as `judgeRating` does,
 * and never changes an earlier rating.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerSignature, BURST_WINDOW_MS, HOUR_WINDOW_MS, IDENTICAL_WINDOW_MS, judgeRating } from '../../domain/burst';
import { localDate } from '../../domain/periods';
import { storeRating } from '../../worker/db/responses';
import { createOrganisation } from '../support/fixtures';

const DEVICES = ['device-a', 'device-b', 'device-c', null];
const LIMITS = { device: 2, network: 3 };
const NETWORKS = ['network-a', 'network-b'];
const SCORE_SETS = [
  [3, 3, 3, 3, 3, 3, 3, 3, 3],
  [4, 4, 4, 4, 4, 4, 4, 4, 4],
];

const ratingArb = fc.record({
  // Around the rule's edges (it looks back strictly less than a minute, ten minutes, an hour) and inside them.
  ago: fc.oneof(
    fc.integer({ min: 1, max: IDENTICAL_WINDOW_MS + 60_000 }),
    fc.constantFrom(
      BURST_WINDOW_MS - 1,
      BURST_WINDOW_MS,
      IDENTICAL_WINDOW_MS - 1,
      IDENTICAL_WINDOW_MS,
      HOUR_WINDOW_MS - 1,
      HOUR_WINDOW_MS,
    ),
  ),
  device: fc.constantFrom(...DEVICES),
  network: fc.constantFrom(...NETWORKS),
  scores: fc.constantFrom(...SCORE_SETS),
  withService: fc.boolean(),
  held: fc.boolean(),
});

describe('the burst rule in the rating batch equals domain/burst.ts (SPEC §5)', () => {
  it('holds a new rating exactly as judgeRating does, and leaves every earlier rating as it was', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ratingArb, { maxLength: 8 }), ratingArb, async (recent, candidate) => {
        const org = await createOrganisation();
        const now = Date.now();
        const serviceOf = (r: { withService: boolean }) => (r.withService ? org.serviceId : null);
        if (recent.length > 0) {
          await env.DB.batch(
            recent.map((r) =>
              env.DB.prepare(
                `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, service_id, channel,
                   u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at, local_date, device_hash, network_hash, flagged)
                 VALUES (?, ?, ?, ?, ?, ?, 'qr', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              ).bind(
                crypto.randomUUID(),
                crypto.randomUUID(),
                org.regionId,
                org.unitId,
                org.counterId,
                serviceOf(r),
                ...r.scores,
                now - r.ago,
                localDate(now - r.ago, 'Asia/Jakarta'),
                r.device,
                r.network,
                r.held ? 1 : 0,
              ),
            ),
          );
        }
        const expected = judgeRating(
          {
            submittedAt: now,
            deviceHash: candidate.device,
            networkHash: candidate.network,
            signature: answerSignature(candidate.scores, serviceOf(candidate)),
            kiosk: false,
            held: false,
          },
          recent.map((r) => ({
            submittedAt: now - r.ago,
            deviceHash: r.device,
            networkHash: r.network,
            signature: answerSignature(r.scores, serviceOf(r)),
            kiosk: false,
            held: r.held,
          })),
          LIMITS,
        );
        const id = crypto.randomUUID();
        const outcome = await storeRating(
          env.DB,
          {
            id,
            submissionId: crypto.randomUUID(),
            counterCode: org.counterCode,
            serviceSlug: candidate.withService ? 'ktp-el' : undefined,
            kioskCredentialHash: null,
            kioskToken: null,
            accepted: true,
            scores: candidate.scores,
            respondent: {},
            comment: null,
            submittedAt: now,
            localDates: { 'Asia/Jakarta': localDate(now, 'Asia/Jakarta') },
            deviceHash: candidate.device,
            networkHash: candidate.network,
          },
          {
            deviceMinute: { key: `minute:${id}`, windowStart: now, limit: 1000 },
            networkMinute: { key: `network-minute:${id}`, windowStart: now, limit: 1000 },
            hourly: { since: now - HOUR_WINDOW_MS, ...LIMITS },
          },
        );
        expect(outcome).toEqual({ kind: 'stored', id, held: expected.reason !== null });
        const row = await env.DB.prepare('SELECT flagged, flag_reason FROM responses WHERE id = ?')
          .bind(id)
          .first<{ flagged: number; flag_reason: string | null }>();
        expect(row).toEqual({ flagged: expected.reason ? 1 : 0, flag_reason: expected.reason });

        const earlierHeld = await env.DB.prepare(
          'SELECT count(*) AS n FROM responses WHERE counter_id = ? AND id != ? AND flagged = 1',
        )
          .bind(org.counterId, id)
          .first<{ n: number }>();
        expect(earlierHeld?.n).toBe(recent.filter((r) => r.held).length);
      }),
      { numRuns: 60 },
    );
    // 60 runs of real D1 batches: about 1.5 s alone, several times that on a shared machine.
  }, 30_000);
});
