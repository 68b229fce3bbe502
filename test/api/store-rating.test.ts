import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { preflight, storeRating } from '../../worker/db/responses';
import { createOrganisation } from '../support/fixtures';

async function count(sql: string, ...bindings: unknown[]): Promise<number> {
  return (
    (
      await env.DB.prepare(sql)
        .bind(...bindings)
        .first<{ n: number }>()
    )?.n ?? 0
  );
}

describe('the store batch of a rating (SPEC §5)', () => {
  it('stores nothing for a counter deactivated between the lookup and the batch, and says so', async () => {
    const org = await createOrganisation();
    const now = Date.now();
    const submissionId = crypto.randomUUID();
    const pre = await preflight(env.DB, {
      submissionId,
      counterCode: org.counterCode,
      serviceSlug: undefined,
      since: now - 600_000,
      minute: { key: `minute:test-${submissionId}`, windowStart: now },
      networkMinute: { key: `network-minute:test-${submissionId}`, windowStart: now },
    });
    expect(pre.target?.active).toBe(true);

    // An admin deactivates the counter while the rating is on its way (after the lookup, before the batch).
    await env.DB.prepare('UPDATE counters SET active = 0 WHERE id = ?').bind(org.counterId).run();

    const outcome = await storeRating(
      env.DB,
      {
        id: crypto.randomUUID(),
        submissionId,
        target: pre.target!,
        serviceId: null,
        channel: 'qr',
        kioskToken: null,
        kioskId: null,
        scores: [3, 3, 3, 3, 3, 3, 3, 3, 3],
        respondent: {},
        comment: { id: crypto.randomUUID(), body: 'Cepat' },
        submittedAt: now,
        localDate: '2026-11-24',
        deviceHash: 'device-a',
        networkHash: 'network-a',
        flagReason: null,
        flagOthersSince: null,
      },
      {
        perDeviceCounter: { since: now - 3_600_000, limit: 3 },
        perNetworkCounter: { since: now - 3_600_000, limit: 20 },
        snapshot: null,
      },
    );
    expect(outcome).toEqual({ kind: 'counter-inactive' });
    expect(await count('SELECT count(*) AS n FROM responses WHERE counter_id = ?', org.counterId)).toBe(0);
    expect(await count('SELECT count(*) AS n FROM comments WHERE unit_id = ?', org.unitId)).toBe(0);
    expect(await count('SELECT coalesce(sum(n), 0) AS n FROM daily_rollups WHERE counter_id = ?', org.counterId)).toBe(
      0,
    );
  });
});
