/**
 * @module
 * Raw responses written straight to D1 and folded into rollups with the production statement
 * (`rollupUpsertSql`), for tests of what is computed from them.
 */
import { env } from 'cloudflare:workers';
import { rollupUpsertSql } from '../../worker/db/rollup-sql';

export interface RatingRow {
  /** Local date 'YYYY-MM-DD'. */
  date: string;
  scores: readonly number[];
  flagged?: boolean;
  counterId?: number | null;
  serviceId?: number | null;
}

let sequence = 0;

/** Inserts the rows for one unit and adds the unflagged ones to the rollups, in one batch. Returns their ids. */
export async function insertRatings(
  org: { regionId: number; unitId: number; counterId: number },
  rows: readonly RatingRow[],
): Promise<string[]> {
  const ids = rows.map(() => {
    sequence += 1;
    return `test-${org.unitId}-${sequence}`;
  });
  const statements = rows.map((row, i) =>
    env.DB.prepare(
      `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, service_id, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, submitted_at, local_date, flagged, flag_reason)
       VALUES (?, ?, ?, ?, ?, ?, 'qr', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      ids[i],
      `sub-${ids[i]}`,
      org.regionId,
      org.unitId,
      row.counterId === undefined ? org.counterId : row.counterId,
      row.serviceId ?? null,
      ...row.scores,
      Date.parse(`${row.date}T03:00:00Z`),
      row.date,
      row.flagged ? 1 : 0,
      row.flagged ? 'test' : null,
    ),
  );
  // One bound parameter for all ids (a JSON array): no chunking for D1's 100-parameter limit.
  statements.push(env.DB.prepare(rollupUpsertSql('id IN (SELECT value FROM json_each(?))')).bind(JSON.stringify(ids)));
  await env.DB.batch(statements);
  return ids;
}

/** `count` copies of the same nine scores on one date. */
export function same(count: number, scores: readonly number[], date: string): RatingRow[] {
  return Array.from({ length: count }, () => ({ date, scores }));
}
