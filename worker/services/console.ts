/**
 * @module
 * The admin console's pages: who is signed in (the admin API's session, worker/security/admin-auth.ts) and each
 * page's data, checked against the same role rules as the API (domain/roles.ts, worker/security/policy.ts).
 * A page answers 'not-found' for an unknown region or unit and 'forbidden' outside the account's reach.
 */
import { addMonths, localMonth, type Period, parsePeriod } from '../../domain/periods';
import { atLeast, type Role, reachesRegion, reachesUnit, unitLimit } from '../../domain/roles';
import type { Locale } from '../../domain/survey';
import { database } from '../db/client';
import { listFollowUpActions } from '../db/follow-up';
import { findRegion, findUnit, listCounters, listRegions, listServices, listUnits } from '../db/regions';
import { type Bindings, readConfig } from '../env';
import { ADMIN_SESSION_COOKIE, findSession, type Principal, sessionPrincipal } from '../security/admin-auth';
import { listAccounts, type PrincipalView, principalView } from './admin/accounts';
import { listApiKeys } from './admin/api-keys';
import { auditActions, readAuditLog } from './admin/audit-log';
import { listKiosks } from './admin/kiosks';
import { type CommentStatus, listComments, listFlaggedResponses } from './admin/moderation';
import { entryDateRange } from './admin/paper-entry';
import { regionToday } from './admin/paper-import';
import { dashboardMonth, regionDashboard, unitDashboardOf } from './indicators/dashboard';
import { resolvePeriod, unitScore } from './indicators/scores';
import { firstMonthWithData } from './indicators/trends';
import { findUnitBySlugs, unitServices } from './regions';

export type { KioskListing } from './admin/kiosks';
export type { MonthSummary } from './indicators/dashboard';
export { ADMIN_SESSION_COOKIE };

export interface ConsoleSession {
  csrfToken: string;
  expiresAt: number;
  principal: Principal;
  view: PrincipalView;
  /** True when the role is at least `minimum` (and, given ids, the region and unit are in reach). */
  can(minimum: Role, where?: { regionId?: number; unitId?: number }): boolean;
  /** The units the account is limited to in its region, or null for all. */
  units: readonly number[] | null;
}

/** A console page the account may not see: an unknown region or unit, or one outside its reach. */
export type Refusal = 'not-found' | 'forbidden';

/** The session of the console's cookie, or null when there is none, it expired, or its account is disabled. */
export async function consoleSession(env: Bindings, cookie: string | undefined): Promise<ConsoleSession | null> {
  const session = cookie ? await findSession(env.DB, cookie, readConfig(env).adminToken) : null;
  if (!session) return null;
  const principal = await sessionPrincipal(env.DB, session).catch(() => null);
  if (!principal) return null;
  return {
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    principal,
    view: await principalView(env.DB, principal),
    units: unitLimit(principal),
    can(minimum, where = {}) {
      if (!atLeast(principal.role, minimum)) return false;
      if (where.regionId !== undefined && where.unitId !== undefined) {
        return reachesUnit(principal, where.regionId, where.unitId);
      }
      if (where.regionId !== undefined) return reachesRegion(principal, where.regionId);
      return true;
    },
  };
}

const inReach = (session: ConsoleSession, unit: { id: number }) =>
  session.units === null || session.units.includes(unit.id);

/** The console's start page: the regions the account works in (one, but for super admins). */
export async function consoleRegions(env: Bindings, session: ConsoleSession) {
  return (await listRegions(database(env.DB))).filter((region) => session.can('viewer', { regionId: region.id }));
}

/** A region's console: its units (in reach) with services, counters and kiosks, API keys for its admins. */
export async function regionConsole(env: Bindings, session: ConsoleSession, slug: string) {
  const db = database(env.DB);
  const region = await findRegion(db, slug);
  if (!region) return 'not-found' as const;
  if (!session.can('viewer', { regionId: region.id })) return 'forbidden' as const;
  const isRegionAdmin = session.can('region_admin', { regionId: region.id });
  const units = await Promise.all(
    (await listUnits(db, region.id))
      .filter((unit) => inReach(session, unit))
      .map(async (unit) => ({
        unit,
        services: await listServices(db, unit.id),
        counters: await listCounters(db, unit.id),
      })),
  );
  const kiosksOf = new Map(
    await Promise.all(
      units.flatMap(({ counters }) => counters).map(async (c) => [c.id, await listKiosks(env.DB, c.id)] as const),
    ),
  );
  const apiKeys = isRegionAdmin ? await listApiKeys(env.DB, region.id) : [];
  // Reports and evidence name a period from a list that starts with the region's first data.
  const firstYear = Number(((await firstMonthWithData(env.DB, region.id)) ?? '9999').slice(0, 4));
  return { region, isRegionAdmin, units, kiosksOf, apiKeys, firstYear };
}

/**
 * The accounts page (region admins and super admins): a region admin's own region, or the region a super admin
 * picks (`requested`; none to invite super admins).
 */
export async function accountsConsole(env: Bindings, session: ConsoleSession, requested: string | null) {
  const db = database(env.DB);
  const isSuper = session.can('super');
  const allRegions = await listRegions(db);
  const region = isSuper
    ? (allRegions.find((r) => r.slug === requested) ?? null)
    : (allRegions.find((r) => r.id === session.principal.regionId) ?? null);
  const accounts = await listAccounts(env.DB, session.principal, region?.slug);
  const units = region ? await listUnits(db, region.id) : [];
  return { isSuper, allRegions, region, accounts, units };
}

/** The audit log page: region admins read their own region's rows, super admins all, filtered by `params`. */
export async function auditConsole(env: Bindings, session: ConsoleSession, params: URLSearchParams) {
  const isSuper = session.can('super');
  const allRegions = await listRegions(database(env.DB));
  const regions = isSuper ? allRegions : [];
  const region = isSuper ? regions.find((r) => r.slug === params.get('region')) : undefined;
  const regionId = isSuper ? (region?.id ?? null) : session.principal.regionId;
  const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  const from = day(params.get('from'));
  const to = day(params.get('to'));
  const actor = params.get('actor') || undefined;
  const action = params.get('action') || undefined;
  const cursorText = params.get('cursor');
  const cursor = cursorText && /^\d+$/.test(cursorText) ? Number(cursorText) : undefined;
  const [page, actions, accounts] = await Promise.all([
    readAuditLog(env.DB, {
      regionId,
      actor,
      action,
      from: from ? Date.parse(from) : undefined,
      to: to ? Date.parse(to) : undefined,
      cursor,
    }),
    auditActions(env.DB, regionId),
    listAccounts(env.DB, session.principal, region?.slug),
  ]);
  return { isSuper, allRegions, regions, region, from, to, actor, action, cursor, page, actions, accounts };
}

/**
 * A region's dashboard (`unit` for one unit) for `month`; a malformed or future month falls back to the current
 * one with `badMonth` set (the API answers 400 instead). Staff figures are unsuppressed.
 */
export async function dashboardConsole(
  env: Bindings,
  session: ConsoleSession,
  slug: string,
  query: { unit: string; month: string },
  locale: Locale,
) {
  const db = database(env.DB);
  const region = await findRegion(db, slug);
  if (!region) return 'not-found' as const;
  if (!session.can('viewer', { regionId: region.id })) return 'forbidden' as const;
  const units = (await listUnits(db, region.id)).filter((u) => inReach(session, u));
  const unit = query.unit ? await findUnit(db, region.id, query.unit) : undefined;
  if (query.unit && !unit) return 'not-found' as const;
  if (unit && !session.can('viewer', { regionId: region.id, unitId: unit.id })) return 'forbidden' as const;

  const now = Date.now();
  const current = localMonth(now, region.timezone);
  const valid = parsePeriod(query.month)?.kind === 'month' ? dashboardMonth(query.month, region, now) : null;
  const badMonth = query.month !== '' && valid === null;
  // The current month has always begun.
  const month = valid ?? (dashboardMonth(current, region, now) as NonNullable<typeof valid>);
  const recent = Array.from({ length: 12 }, (_, i) => addMonths(current, -i));
  const monthChoices = recent.includes(month.period.id) ? recent : [...recent, month.period.id];
  const unitView = unit
    ? await unitDashboardOf(env.DB, region, unit, await listServices(db, unit.id), month, now, locale)
    : null;
  const regionView = unit ? null : await regionDashboard(env.DB, region, units, month, now, locale);
  return { region, units, unit, badMonth, monthChoices, unitView, regionView };
}

/** The moderation queues' tabs, in order. */
export const COMMENT_STATUSES: readonly CommentStatus[] = ['pending', 'published', 'rejected'];

/** A region's moderation page: comments of one status and the flagged ratings, of the account's units. */
export async function moderationConsole(
  env: Bindings,
  session: ConsoleSession,
  slug: string,
  requested: string | null,
) {
  const region = await findRegion(database(env.DB), slug);
  if (!region) return 'not-found' as const;
  if (!session.can('viewer', { regionId: region.id })) return 'forbidden' as const;
  // Viewers read; operators (their units' items only, as the API) and admins act.
  const mayModerate = session.can('unit_operator', { regionId: region.id });
  const status: CommentStatus = COMMENT_STATUSES.find((s) => s === requested) ?? 'pending';
  const [comments, flagged] = await Promise.all([
    listComments(env.DB, region.id, status, 200, session.units),
    listFlaggedResponses(env.DB, region.id, 'pending', 200, session.units),
  ]);
  return { region, mayModerate, status, comments, flagged };
}

/** Looks up a console page's region and unit, refusing an unknown one. */
async function regionAndUnit(env: Bindings, slugs: { region: string; unit: string }) {
  const found = await findUnitBySlugs(env.DB, slugs);
  return found?.unit ? { region: found.region, unit: found.unit } : null;
}

/** Paper entry of a unit: the unit operator's work. Its services and the dates a questionnaire may carry. */
export async function paperEntryConsole(
  env: Bindings,
  session: ConsoleSession,
  slugs: { region: string; unit: string },
) {
  const found = await regionAndUnit(env, slugs);
  if (!found) return 'not-found' as const;
  const { region, unit } = found;
  if (!session.can('unit_operator', { regionId: region.id, unitId: unit.id })) return 'forbidden' as const;
  const services = await unitServices(env.DB, unit.id);
  return { region, unit, services, range: entryDateRange(regionToday(region)) };
}

/**
 * A unit's follow-up plan for a period; a malformed `periodId` falls back to the current year (the console is for
 * staff, not for shared links). Its own staff see every figure, also below the public threshold.
 */
export async function followUpConsole(
  env: Bindings,
  session: ConsoleSession,
  slugs: { region: string; unit: string },
  periodId: string | undefined,
  locale: Locale,
) {
  const found = await regionAndUnit(env, slugs);
  if (!found) return 'not-found' as const;
  const { region, unit } = found;
  if (!session.can('viewer', { regionId: region.id, unitId: unit.id })) return 'forbidden' as const;
  const mayEdit = session.can('unit_operator', { regionId: region.id, unitId: unit.id });
  // resolvePeriod without an id always answers the current year.
  const current = resolvePeriod(undefined, region) as Period;
  const period = resolvePeriod(periodId, region) ?? current;
  const [score, actions, firstMonth] = await Promise.all([
    unitScore(env.DB, region, unit, period, 'agency', locale),
    listFollowUpActions(env.DB, { unitId: unit.id, period: period.id }),
    firstMonthWithData(env.DB, region.id),
  ]);
  return { region, unit, mayEdit, current, period, score, actions, firstMonth };
}
