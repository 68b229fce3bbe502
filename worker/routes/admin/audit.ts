/**
 * @module
 * Admin: the audit log (docs/accounts.md): who changed what, when. Region admins read their region's rows;
 * super admins every row, or one region's with `?region=`. Keyset pages: pass `nextCursor` as `cursor`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ADMIN_SECURITY, problemResponses } from '../../http/openapi';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import { AUDIT_PAGE_SIZE, auditRegionOf, readAuditLog } from '../../services/admin/audit-log';

const q = (name: string, description?: string) => ({ param: { name, in: 'query' as const }, description });
const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((value) => Date.parse(value));

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.number().int().openapi({ description: 'Milliseconds since the epoch' }),
    actor: z.string().openapi({ example: 'user:usr_3kq8m2x9ab7cdefg' }),
    actorEmail: z.string().nullable(),
    actorName: z.string().nullable().openapi({ description: 'The acting account’s name or kiosk’s label' }),
    action: z.string().openapi({ example: 'user.create' }),
    target: z.string(),
    targetEmail: z.string().nullable().openapi({ description: 'The target account’s e-mail (`user:<id>` targets)' }),
    region: z.string().nullable().openapi({ description: 'Region slug; null for global changes' }),
    detail: z.unknown(),
  })
  .openapi('AuditEntry');

const auditRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['Admin'],
  operationId: 'listAuditLog',
  summary: 'The audit log, newest first, filtered by who, what and when',
  security: ADMIN_SECURITY,
  request: {
    query: z.object({
      region: z.string().optional().openapi(q('region', 'Super admins: one region’s rows')),
      actor: z.string().max(254).optional().openapi(q('actor', '`admin-token`, `user:<id>` or an e-mail address')),
      action: z.string().max(64).optional().openapi(q('action', 'Exact (`user.create`) or a prefix (`user.`)')),
      from: Instant.optional().openapi(q('from', 'ISO date or date-time, inclusive')),
      to: Instant.optional().openapi(q('to', 'ISO date or date-time, exclusive')),
      cursor: z.coerce.number().int().positive().optional().openapi(q('cursor', 'The previous page’s nextCursor')),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(200)
        .default(AUDIT_PAGE_SIZE)
        .openapi(q('limit', `Entries per page (default ${AUDIT_PAGE_SIZE})`)),
    }),
  },
  responses: {
    200: {
      description: '`limit` entries at most; `nextCursor` is null on the last page',
      content: {
        'application/json': {
          schema: z
            .object({ entries: z.array(AuditEntrySchema), nextCursor: z.number().int().nullable() })
            .openapi('AuditPage'),
        },
      },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const adminAuditRouter = createRouter<AdminEnv>().openapi(auditRoute, async (c) => {
  const { region, ...filters } = c.req.valid('query');
  const principal = c.get('principal');
  const regionId = await auditRegionOf(c.env.DB, principal, region);
  return c.json(await readAuditLog(c.env.DB, { regionId, ...filters }), 200);
});
