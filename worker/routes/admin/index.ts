/**
 * @module
 * The admin API under `/api/v1/admin`: every route's access policy (worker/security/policy.ts) authenticates the
 * caller and checks its role, region and unit before it runs; nothing is cached (docs/spec.md §5, docs/accounts.md).
 */
import { except } from 'hono/combine';
import { limitBody } from '../../http/body-limit';
import { noStore } from '../../http/cache';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import { enforcePolicy } from '../../security/policy';
import { adminApiKeysRouter } from './api-keys';
import { adminAuditRouter } from './audit';
import { adminCountersRouter } from './counters';
import { adminDashboardRouter } from './dashboard';
import { adminFollowUpRouter } from './follow-up';
import { adminImportRouter } from './import';
import { adminKiosksRouter } from './kiosks';
import { adminModerationRouter } from './moderation';
import { adminPaperEntryRouter } from './paper-entry';
import { adminRegionsRouter } from './regions';
import { adminReportsRouter } from './reports';
import { sessionRouter } from './session';
import { adminUsersRouter } from './users';

export const ADMIN_BASE = '/api/v1/admin';
/** JSON bodies of the admin API are small; CSV imports set their own, larger limit. */
const JSON_BODY_LIMIT = 64 * 1024;

const isImportPath = (c: { req: { path: string } }) => c.req.path.endsWith('/responses/import');

export const adminRouter = createRouter<AdminEnv>();
adminRouter.use('*', noStore);
adminRouter.use(
  '*',
  except(
    isImportPath,
    limitBody(JSON_BODY_LIMIT, `Request bodies of the admin API are limited to ${JSON_BODY_LIMIT / 1024} KiB.`),
  ),
);
adminRouter.use('*', enforcePolicy);
adminRouter.route('/session', sessionRouter);
adminRouter.route('/', adminRegionsRouter);
adminRouter.route('/', adminCountersRouter);
adminRouter.route('/', adminApiKeysRouter);
adminRouter.route('/', adminImportRouter);
adminRouter.route('/', adminKiosksRouter);
adminRouter.route('/', adminModerationRouter);
adminRouter.route('/', adminPaperEntryRouter);
adminRouter.route('/', adminFollowUpRouter);
adminRouter.route('/', adminDashboardRouter);
adminRouter.route('/', adminReportsRouter);
adminRouter.route('/', adminUsersRouter);
adminRouter.route('/', adminAuditRouter);
