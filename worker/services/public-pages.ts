/**
 * @module
 * The data of the public pages (`/`, `/{region}`, `/{region}/{unit}`, its badge, the sitemap), read from the
 * nearest replica (worker/db/read.ts) and suppressed for the public audience. Contract: docs/spec.md §4, §6.
 */
import type { Period } from '../../domain/periods';
import { RESERVED_REGION_SLUGS } from '../../domain/slugs';
import type { Locale } from '../../domain/survey';
import { database } from '../db/client';
import { listFollowUpActions } from '../db/follow-up';
import { publishedComments } from '../db/public-comments';
import { readDatabase } from '../db/read';
import { findRegion, findUnit, listAllUnits, listRegions, listUnits } from '../db/regions';
import type { Bindings } from '../env';
import { nationalDirectory } from '../indicators/directory';
import { regionScores, resolvePeriod, type Score, unitScore } from '../indicators/scores';
import { unitServiceScores } from '../indicators/service-scores';
import { firstMonthWithData, regionMonthlyScores, trailingMonths, unitMonthlyScores } from '../indicators/trends';

export type { FollowUpAction } from '../db/follow-up';
export type { PublicComment } from '../db/public-comments';
export type { Score } from '../indicators/scores';
export type { ServiceScore } from '../indicators/service-scores';

/** The latest follow-up actions a unit page shows (by due date, of every period). */
const FOLLOW_UP_SHOWN = 30;

/** The home page's national directory: a constant number of D1 queries whatever the number of regions. */
export function homePage(env: Bindings, options: { locale: Locale; query: string }) {
  return nationalDirectory(readDatabase(env), options);
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
  const region = RESERVED_REGION_SLUGS.has(slug) ? undefined : await findRegion(db, slug);
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
export async function unitPage(
  env: Bindings,
  slugs: { region: string; unit: string },
  periodId: string | undefined,
  locale: Locale,
) {
  const read = readDatabase(env);
  const db = database(read);
  const region = RESERVED_REGION_SLUGS.has(slugs.region) ? undefined : await findRegion(db, slugs.region);
  const unit = region ? await findUnit(db, region.id, slugs.unit) : undefined;
  if (!region || !unit) return null;
  const period = resolvePeriod(periodId, region);
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
export async function unitBadge(
  env: Bindings,
  slugs: { region: string; unit: string },
  periodId: string | undefined,
  locale: Locale,
) {
  const read = readDatabase(env);
  const db = database(read);
  const region = await findRegion(db, slugs.region);
  const unit = region ? await findUnit(db, region.id, slugs.unit) : undefined;
  if (!region || !unit) return 'not-found' as const;
  const period = resolvePeriod(periodId, region);
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
