/**
 * @module
 * Published comments, moderated and already redacted (redacted again by the callers as a safety net), with the
 * month only: a unit's newest for its public page, keyset pages for comments.csv|json (docs/open-data.md).
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

export interface PublishedCommentRow {
  id: string;
  unit_slug: string;
  month: string;
  body: string;
  reply: string | null;
}

/**
 * One keyset page of a region's (or one unit's) published comments for `comments.csv|json`, after the (unit slug,
 * month, id) `after`: ordered by unit, month, then the random id, never by day or time, which the file does not
 * disclose. Bodies and replies as stored (the caller redacts them again).
 */
export async function publishedCommentsPage(
  d1: D1Database,
  page: {
    regionId: number;
    unitId?: number;
    from: string;
    to: string;
    after: readonly [string, string, string];
    limit: number;
  },
): Promise<PublishedCommentRow[]> {
  const unitFilter = page.unitId === undefined ? '' : ' AND c.unit_id = ?';
  const { results } = await d1
    .prepare(
      `SELECT c.id AS id, u.slug AS unit_slug, substr(c.local_date, 1, 7) AS month, c.body AS body, c.reply AS reply
       FROM comments c JOIN units u ON u.id = c.unit_id
       WHERE c.region_id = ? AND c.status = 'published' AND c.local_date BETWEEN ? AND ?${unitFilter}
         AND (u.slug, substr(c.local_date, 1, 7), c.id) > (?, ?, ?)
       ORDER BY u.slug, month, c.id LIMIT ?`,
    )
    .bind(
      page.regionId,
      page.from,
      page.to,
      ...(page.unitId === undefined ? [] : [page.unitId]),
      ...page.after,
      page.limit,
    )
    .all<PublishedCommentRow>();
  return results;
}
