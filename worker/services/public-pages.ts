/**
 * @module
 * The data of the public pages (`/`, `/{region}`, `/{region}/{unit}`, its badge, the sitemap), of the public API and
 * of the share cards, read from the nearest replica (worker/db/read.ts) and suppressed for the public audience.
 * Contract: docs/spec.md §4, §5, §6.
 */
import type { Period } from '../../domain/periods';
import { RESERVED_REGION_SLUGS } from '../../domain/slugs';
import type { Locale } from '../../domain/survey';
import { type Database, database } from '../db/client';
import { listFollowUpActions } from '../db/follow-up';
import { publishedComments } from '../db/public-comments';
import { readDatabase } from '../db/read';
import { findRegion, listAllUnits, listRegions, listUnits } from '../db/regions';
import type { Bindings } from '../env';
import { nationalDirectory } from './indicators/directory';
import { regionScores, regionSummary, resolvePeriod, type Score, unitScore } from './indicators/scores';
import { unitServiceScores } from './indicators/service-scores';
import { firstMonthWithData, regionMonthlyScores, trailingMonths, unitMonthlyScores } from './indicators/trends';
import { findUnitBySlugs, requireRegion, requireUnit } from './regions';

export type { FollowUpAction } from '../db/follow-up';
export type { PublicComment } from '../db/public-comments';
export type { Score } from './indicators/scores';
export type { ServiceScore } from './indicators/service-scores';

/** The latest follow-up actions a unit page shows (by due date, of every period). */
const FOLLOW_UP_SHOWN = 30;

/** The home page's national directory: a constant number of D1 queries whatever the number of regions. */
export function homePage(env: Bindings, options: { locale: Locale; query: string }) {
  return nationalDirectory(readDatabase(env), options);
}

/** The region a page's slug names: a reserved word (domain/slugs.ts) never does, whatever the table holds. */
function publicRegion(db: Database, slug: string) {
  return RESERVED_REGION_SLUGS.has(slug) ? undefined : findRegion(db, slug);
}

type UnitSlugs = { region: string; unit: string };

/**
 * The region and unit a page's slugs name with the replica to read them from, or null for an unknown (or reserved)
 * region or an unknown unit; `period` is null when `?period=` is malformed.
 */
async function pageUnit(env: Bindings, slugs: UnitSlugs, periodId: string | undefined) {
  if (RESERVED_REGION_SLUGS.has(slugs.region)) return null;
  const read = readDatabase(env);
  const found = await findUnitBySlugs(read, slugs);
  if (!found?.unit) return null;
  return { read, region: found.region, unit: found.unit, period: resolvePeriod(periodId, found.region) };
}

/** The current year in the region's zone and the first month with data: what the period selector offers. */
async function periodRange(read: D1Database, region: { id: number; timezone: string }) {
  // resolvePeriod without an id always answers the current year.
  const current = resolvePeriod(undefined, region) as Period;
  return { current, firstMonth: await firstMonthWithData(read, region.id) };
}

/**
 * A region's page: its units ranked with their trends, or null for an unknown (or reserved) slug.
 * `period` is null when `?period=` is malformed; the page then shows how to write one.
 */
export async function regionPage(env: Bindings, slug: string, periodId: string | undefined, locale: Locale) {
  const read = readDatabase(env);
  const db = database(read);
  const region = await publicRegion(db, slug);
  if (!region) return null;
  const period = resolvePeriod(periodId, region);
  const units = await listUnits(db, region.id);
  const result = period ? await regionScores(read, region, units, period, 'public', locale) : null;
  const months = period ? trailingMonths(period, region.timezone) : [];
  const trends = period ? await regionMonthlyScores(read, region, units, months) : new Map<number, Score[]>();
  return {
    region,
    period,
    units,
    ranked: result?.scores ?? [],
    pooled: result?.pooled ?? null,
    trends,
    ...(await periodRange(read, region)),
  };
}

/** A unit's page: its figures, services, trend, comments and follow-up, or null for an unknown region or unit. */
export async function unitPage(env: Bindings, slugs: UnitSlugs, periodId: string | undefined, locale: Locale) {
  const found = await pageUnit(env, slugs, periodId);
  if (!found) return null;
  const { read, region, unit, period } = found;
  const score = period ? await unitScore(read, region, unit, period, 'public', locale) : null;
  const services = period ? await unitServiceScores(read, region, unit, period, 'public', locale) : [];
  const trend = period
    ? await unitMonthlyScores(read, region, unit, trailingMonths(period, region.timezone), locale)
    : [];
  const { comments, total: commentTotal } = period
    ? await publishedComments(read, unit.id, { from: period.start, to: period.end }, 10)
    : { comments: [], total: 0 };
  // The latest actions (by due date), of every period: what the unit did about earlier results matters most.
  const followUp = (await listFollowUpActions(read, { unitId: unit.id })).slice(-FOLLOW_UP_SHOWN);
  return {
    region,
    unit,
    period,
    score,
    services,
    trend,
    comments,
    commentTotal,
    followUp,
    ...(await periodRange(read, region)),
  };
}

/** A unit's badge figure: 'not-found' for an unknown region or unit, 'bad-period' for a malformed `?period=`. */
export async function unitBadge(env: Bindings, slugs: UnitSlugs, periodId: string | undefined, locale: Locale) {
  const found = await pageUnit(env, slugs, periodId);
  if (!found) return 'not-found' as const;
  const { read, region, unit, period } = found;
  if (!period) return 'bad-period' as const;
  return { region, unit, period, score: await unitScore(read, region, unit, period, 'public', locale) };
}

/** Every public page's path: the fixed pages, then every region and unit, in two queries whatever their number. */
export async function sitemapPaths(env: Bindings): Promise<string[]> {
  const db = database(readDatabase(env));
  const paths = ['/', '/tentang', '/data'];
  const [regions, units] = await Promise.all([listRegions(db), listAllUnits(db)]);
  for (const region of regions) paths.push(`/${region.slug}`);
  for (const { region, unit } of units) paths.push(`/${region}/${unit}`);
  return paths;
}

/** The regions of the deployment, by name: the API's list. */
export function publicRegions(env: Bindings) {
  return listRegions(database(readDatabase(env)));
}

/**
 * The region (404 problem+json when unknown) and period an API request or share card names, with the replica its
 * figures are read from. `periodId` comes validated by the route's query schema.
 */
async function requestedRegion(env: Bindings, slug: string, periodId: string | undefined) {
  const read = readDatabase(env);
  const region = await requireRegion(read, slug);
  return { read, region, period: resolvePeriod(periodId, region) as Period };
}

/** {@link requestedRegion} for a unit: 404 problem+json for an unknown region or unit. */
async function requestedUnit(env: Bindings, slugs: UnitSlugs, periodId: string | undefined) {
  const read = readDatabase(env);
  const { region, unit } = await requireUnit(read, slugs.region, slugs.unit);
  return { read, region, unit, period: resolvePeriod(periodId, region) as Period };
}

/** A region's units ranked fairly for the period: the API's region scores. */
export async function regionRanking(env: Bindings, slug: string, periodId: string | undefined, locale?: Locale) {
  const { read, region, period } = await requestedRegion(env, slug, periodId);
  const units = await listUnits(database(read), region.id);
  return { region, period, scores: (await regionScores(read, region, units, period, 'public', locale)).scores };
}

/** A region's pooled figure for the period: its share card's. */
export async function regionFigure(env: Bindings, slug: string, periodId: string | undefined, locale?: Locale) {
  const { read, region, period } = await requestedRegion(env, slug, periodId);
  return { region, period, figures: await regionSummary(read, region, period, locale) };
}

/** A unit's score for the period: the API's unit score and its share card's. */
export async function unitFigure(env: Bindings, slugs: UnitSlugs, periodId: string | undefined, locale?: Locale) {
  const { read, region, unit, period } = await requestedUnit(env, slugs, periodId);
  return { region, unit, period, score: await unitScore(read, region, unit, period, 'public', locale) };
}

/** A unit's scores per service for the period: the API's unit services. */
export async function unitServiceFigures(
  env: Bindings,
  slugs: UnitSlugs,
  periodId: string | undefined,
  locale?: Locale,
) {
  const { read, region, unit, period } = await requestedUnit(env, slugs, periodId);
  return { region, unit, period, services: await unitServiceScores(read, region, unit, period, 'public', locale) };
}
