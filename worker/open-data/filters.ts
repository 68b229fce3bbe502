/**
 * @module
 * The filters every open-data file takes (SPEC §5): `region`, `from` and `to` (months 'YYYY-MM'), plus `unit`
 * (an extension; needs `region`). Months are local calendar months of each region, like the data themselves.
 */
import { z } from '@hono/zod-openapi';
import { MAX_YEAR, MIN_YEAR, monthPeriod, parsePeriod } from '../../domain/periods';

const month = z
  .string()
  .refine((value) => parsePeriod(value)?.kind === 'month', `a month 'YYYY-MM' of the years ${MIN_YEAR} to ${MAX_YEAR}`);

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug (lowercase letters, digits and dashes)');

export const OpenDataQuerySchema = z
  .object({
    region: slug.optional().openapi({ description: 'Only this region (slug).', example: 'tanjungpinang' }),
    unit: slug.optional().openapi({ description: 'Only this unit of `region` (slug).', example: 'disdukcapil' }),
    from: month.optional().openapi({ description: "First month, 'YYYY-MM' (inclusive).", example: '2026-01' }),
    to: month.optional().openapi({ description: "Last month, 'YYYY-MM' (inclusive).", example: '2026-12' }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  })
  .refine((q) => q.unit === undefined || q.region !== undefined, {
    message: '`unit` needs `region`',
    path: ['unit'],
  });

export type OpenDataQuery = z.infer<typeof OpenDataQuerySchema>;

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
