/**
 * @module
 * The admin API under `/api/v1/admin` (SPEC §5): every route has an access policy (worker/security/policy.ts)
 * that authenticates the caller (admin token or console session) and checks its role, region and unit before
 * the route runs; only signing in and accepting an invitation are public. Nothing is ever cached.
 */
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { noStore } from '../../http/cache';
import { ProblemError } from '../../http/problem';
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
    bodyLimit({
      maxSize: JSON_BODY_LIMIT,
      onError: () => {
        throw new ProblemError(413, `Request bodies of the admin API are limited to ${JSON_BODY_LIMIT / 1024} KiB.`);
      },
    }),
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
