/**
 * @module
 * The filters of every open-data file: `region`, `from` and `to` (each region's local months 'YYYY-MM'), and `unit`
 * (an extension; needs `region`) (docs/spec.md §5, docs/open-data.md).
 */
import { z } from '@hono/zod-openapi';
import { MAX_YEAR, MIN_YEAR, monthPeriod, parsePeriod } from '../../../domain/periods';
import { SLUG_PATTERN, SLUG_SOURCE } from '../../../domain/slugs';

const month = z
  .string()
  .refine((value) => parsePeriod(value)?.kind === 'month', `a month 'YYYY-MM' of the years ${MIN_YEAR} to ${MAX_YEAR}`);

const slug = z.string().regex(SLUG_PATTERN, 'a slug (lowercase letters, digits and dashes)');

const filters = {
  region: slug.optional().openapi({ description: 'Only this region (slug).', example: 'tanjungpinang' }),
  unit: slug.optional().openapi({ description: 'Only this unit of `region` (slug).', example: 'disdukcapil' }),
  from: month.optional().openapi({ description: "First month, 'YYYY-MM' (inclusive).", example: '2026-01' }),
  to: month.optional().openapi({ description: "Last month, 'YYYY-MM' (inclusive).", example: '2026-12' }),
};

/** The rules between the filters, shared by every file's query schema. */
const withRules = <T extends z.ZodType<{ from?: string; to?: string; unit?: string; region?: string }>>(schema: T) =>
  schema
    .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
      message: '`from` must not be after `to`',
      path: ['from'],
    })
    .refine((q) => q.unit === undefined || q.region !== undefined, {
      message: '`unit` needs `region`',
      path: ['unit'],
    });

export const OpenDataQuerySchema = withRules(z.object(filters));

export type OpenDataQuery = z.infer<typeof OpenDataQuerySchema> & { cursor?: string };

/**
 * `responses.*` also takes `cursor`: a download too large for one Worker invocation ends at a block boundary and
 * names the next part in `Link: <…&cursor=…>; rel="next"` (docs/scale.md, "Exports").
 */
export const ResponsesQuerySchema = withRules(
  z.object({
    ...filters,
    cursor: z
      .string()
      .regex(new RegExp(`^${SLUG_SOURCE}:\\d{4}-\\d{2}$`), "a continuation '{region}:{YYYY-MM}' from a Link header")
      .refine((cursor) => parsePeriod(cursor.slice(-7))?.kind === 'month', 'a continuation naming a real month')
      .optional()
      .openapi({ description: 'Where the next part of a large download starts (from its `Link: rel="next"`).' }),
  }),
)
  // A continuation the server issued names a block of this very download: its region and a month within the range.
  // Anything else is forged, and refused before any D1 query (the region's existence is checked with the scope).
  .refine((q) => q.cursor === undefined || q.region === undefined || cursorRegion(q.cursor) === q.region, {
    message: 'the continuation belongs to another region',
    path: ['cursor'],
  })
  .refine(
    (q) =>
      q.cursor === undefined ||
      ((q.from === undefined || cursorMonth(q.cursor) >= q.from) &&
        (q.to === undefined || cursorMonth(q.cursor) <= q.to)),
    { message: 'the continuation lies outside `from`–`to`', path: ['cursor'] },
  );

/** The region slug of a continuation `{region}:{YYYY-MM}`. */
export function cursorRegion(cursor: string): string {
  return cursor.slice(0, cursor.lastIndexOf(':'));
}

function cursorMonth(cursor: string): string {
  return cursor.slice(cursor.lastIndexOf(':') + 1);
}

/** Filters resolved for queries: inclusive local dates. */
export interface OpenDataFilter {
  regionId?: number;
  unitId?: number;
  from: string;
  to: string;
}

/** The inclusive local-date range of `from`/`to` ('YYYY-MM'), open ends widened to the accepted years. */
export function dateRange(query: Pick<OpenDataQuery, 'from' | 'to'>): { from: string; to: string } {
  return {
    from: monthPeriod(query.from ?? `${MIN_YEAR}-01`).start,
    to: monthPeriod(query.to ?? `${MAX_YEAR}-12`).end,
  };
}
