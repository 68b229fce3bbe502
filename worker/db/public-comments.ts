/**
 * @module
 * Published comments of a unit, for its public page: moderated, already redacted (redacted again as a safety net),
 * newest month first, and with the month only, as in the open data.
 */
import { redactPersonalData } from '../../domain/redaction';

export interface PublicComment {
  month: string;
  body: string;
  reply: string | null;
}

export async function publishedComments(
  d1: D1Database,
  unitId: number,
  range: { from: string; to: string },
  limit = 20,
): Promise<{ comments: PublicComment[]; total: number }> {
  const [list, count] = await d1.batch<{ month: string; body: string; reply: string | null } | { n: number }>([
    d1
      .prepare(
        `SELECT substr(local_date, 1, 7) AS month, body, reply FROM comments
         WHERE unit_id = ? AND status = 'published' AND local_date BETWEEN ? AND ?
         ORDER BY local_date DESC, id LIMIT ?`,
      )
      .bind(unitId, range.from, range.to, limit),
    d1
      .prepare(
        `SELECT count(*) AS n FROM comments WHERE unit_id = ? AND status = 'published' AND local_date BETWEEN ? AND ?`,
      )
      .bind(unitId, range.from, range.to),
  ]);
  const rows = (list?.results ?? []) as { month: string; body: string; reply: string | null }[];
  return {
    comments: rows.map((row) => ({
      month: row.month,
      body: redactPersonalData(row.body),
      reply: row.reply === null ? null : redactPersonalData(row.reply),
    })),
    total: Number((count?.results?.[0] as { n: number } | undefined)?.n ?? 0),
  };
}
