/**
 * @module
 * Rows of `comments.csv|json`: published comments (already redacted at submission; redacted again here as a
 * safety net) with the unit's reply, month only, keyset-paginated per region.
 */
import { redactPersonalData } from '../../../domain/redaction';
import { publishedCommentsPage } from '../../db/public-comments';
import type { OpenDataFilter } from './filters';
import { regionCodeCells } from './region-columns';
import type { Row, Scope } from './rows';

export const COMMENT_PAGE_SIZE = 1000;

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
    let after: [string, string, string] = ['', '', ''];
    for (;;) {
      const page = await publishedCommentsPage(d1, {
        regionId: region.id,
        unitId,
        from: filter.from,
        to: filter.to,
        after,
        limit: pageSize,
      });
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
