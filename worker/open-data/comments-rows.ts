/**
 * @module
 * Rows of `comments.csv|json`: published comments (already redacted at submission; redacted again here as a
 * safety net) with the unit's reply, month only, keyset-paginated per region.
 */
import { redactPersonalData } from '../../domain/redaction';
import type { OpenDataFilter } from './filters';
import { regionCodeCells } from './region-columns';
import type { Row, Scope } from './rows';

export const COMMENT_PAGE_SIZE = 1000;

interface CommentRow {
  id: string;
  unit_slug: string;
  month: string;
  body: string;
  reply: string | null;
}

export async function* commentsRows(
  d1: D1Database,
  scope: Scope,
  filter: Pick<OpenDataFilter, 'from' | 'to'>,
  pageSize = COMMENT_PAGE_SIZE,
) {
  for (const { region, units } of scope.regions) {
    if (units.length === 0) continue;
    const codeCells = regionCodeCells(region);
    const unitId = units.length === 1 ? units[0]?.id : undefined;
    const unitFilter = unitId === undefined ? '' : ' AND c.unit_id = ?';
    let after: [string, string, string] = ['', '', ''];
    for (;;) {
      // Ordered by unit, month, then the random id: never by day or time, which the file does not disclose.
      const { results: page } = await d1
        .prepare(
          `SELECT c.id AS id, u.slug AS unit_slug, substr(c.local_date, 1, 7) AS month, c.body AS body, c.reply AS reply
           FROM comments c JOIN units u ON u.id = c.unit_id
           WHERE c.region_id = ? AND c.status = 'published' AND c.local_date BETWEEN ? AND ?${unitFilter}
             AND (u.slug, substr(c.local_date, 1, 7), c.id) > (?, ?, ?)
           ORDER BY u.slug, month, c.id LIMIT ?`,
        )
        .bind(region.id, filter.from, filter.to, ...(unitId === undefined ? [] : [unitId]), ...after, pageSize)
        .all<CommentRow>();
      for (const row of page) {
        yield [
          region.slug,
          row.unit_slug,
          row.month,
          redactPersonalData(row.body),
          row.reply === null ? null : redactPersonalData(row.reply),
          ...codeCells,
        ] satisfies Row;
      }
      const last = page[page.length - 1];
      if (!last || page.length < pageSize) break;
      after = [last.unit_slug, last.month, last.id];
    }
  }
}
