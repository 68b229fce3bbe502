/**
 * @module
 * Rows of `responses.csv|json`, the microdata (SPEC §4): month only (never day, time, counter, device or comment),
 * age in bands, k-anonymous over every published quasi-identifier, flagged responses out. Streamed block by block
 * (region × month): first a SQL GROUP BY gives the block's quasi-identifier group sizes, then each published unit's
 * rows are read in
 * keyset-paginated pages through the `responses_unit_month_rows` index (already in output order: no sort; it
 * carries every published column), and blanked
 * as planned, so memory holds one block's group sizes and one page of rows, whatever the table size.
 * Only months that have closed in the region's own time zone are published (`lastClosedMonthEnd`): a later `to`
 * is capped, never an error.
 *
 * The blocks are planned up front from the rollups (`planResponses`), with the number of queries each costs, so a
 * download can stop at a block boundary before D1's per-invocation query limit and name where the next part starts.
 *
 * A closed month rarely changes, so the nightly snapshot stores each region × month block as it writes the
 * partition's `responses.*` (worker/jobs/snapshot.ts, schema/export-blocks.ts); while a block's stamp (the month's
 * published count and its export revisions) is unchanged, its bytes stream straight from R2 instead of being read
 * and serialized again row by row. A block whose stamp moved, or whose object is gone, is read live: the bytes are
 * the same either way (test/api/export-blocks.test.ts).
 */
import { type CellGroup, cellKey, DEFAULT_K, lastClosedMonthEnd, planCell, rowLevels } from '../../domain/microdata';
import { monthPeriod } from '../../domain/periods';
import { MIN_PUBLIC_RESPONSES } from '../../domain/summary';
import { ELEMENT_CODES } from '../../domain/survey';
import { type DisclosureReading, readDisclosure, yearsBetween } from '../indicators/disclosure';
import type { OpenDataFilter } from './filters';
import { regionCodeCells } from './region-columns';
import { columnsOf } from './resources';
import { REGIONS_PER_QUERY, type Row, type Scope, SerializedRows } from './rows';
import type { Format } from './writers';

/**
 * Rows per D1 query: 5,000 rows of 18 short fields are well under a megabyte, and a unit's month (the largest
 * seen: a few thousand ratings) mostly fits in one query.
 */
export const RESPONSE_PAGE_SIZE = 5000;

/** The age band of `age` in SQL, identical to domain/survey.ts `ageBand` (tested). */
export const AGE_BAND_SQL = `CASE WHEN r.age IS NULL THEN NULL WHEN r.age < 20 THEN '<20' WHEN r.age < 30 THEN '20-29'
  WHEN r.age < 40 THEN '30-39' WHEN r.age < 50 THEN '40-49' WHEN r.age < 60 THEN '50-59' ELSE '60+' END`;

/**
 * The nine answers (each 1–4, never null) as one text of nine digits: D1 hands over a row value by value, and one
 * value instead of nine makes a page markedly cheaper to read (bench/README.md, "Exports").
 */
const PACKED_SCORES = ELEMENT_CODES.map((code) => `r.${code.toLowerCase()}`).join(' || ');

/**
 * One page of a unit's month, in file order, as raw arrays (no per-row objects). The WHERE clause matches the
 * partial index `responses_unit_month_rows` (unit, the virtual `month` column, id, then the published columns;
 * unflagged rows only), so SQLite walks
 * it from the cursor and stops after LIMIT rows.
 */
export const PAGE_SQL = `SELECT r.id, s.slug, r.channel, ${PACKED_SCORES}, r.gender, ${AGE_BAND_SQL}, r.education, r.occupation,
  r.service_id FROM responses r LEFT JOIN services s ON s.id = r.service_id
  WHERE r.unit_id = ? AND r.month = ? AND r.flagged = 0 AND r.id > ?
  ORDER BY r.id LIMIT ?`;
/** Positions in a PAGE_SQL row. */
const ID = 0;
const SERVICE = 1;
const CHANNEL = 2;
const SCORES = 3;
const GENDER = 4;
/** The service id: a withheld service × month cell (the disclosure plan) publishes its rows without their service. */
const SERVICE_ID = GENDER + 4;
/** Character code of '0': a packed answer digit minus this is the answer. */
const ZERO = 48;

type PageRow = (string | number | null)[];
/** A group's published quasi-identifiers as the GROUP BY reads them: service slug, channel, the four profile fields. */
type CellColumns = [string | null, string | null, string | null, string | null, string | null, string | null];

/** One region × month of the file, with the units that publish rows in it and what reading them costs. */
export interface ResponseBlock {
  /** Index into `scope.regions`. */
  region: number;
  month: string;
  /** Queries the block costs read live: its GROUP BY plus one per page of each published unit. */
  queries: number;
  /** What the block's rows are cut from now (see {@link responseBlockStamp}). */
  stamp: string;
  /**
   * The units whose month the region-year's disclosure plan publishes (SPEC §4), each with the services whose
   * service × month cell it withholds: those rows are published with an empty service.
   */
  units: Map<number, Set<number>>;
  /** Where the snapshot stored this block, when it was stored from data with the same stamp. */
  stored?: StoredBlock;
}

/** A block's rows in a snapshot's partition file: an R2 key and a byte range. */
export interface StoredBlock {
  key: string;
  offset: number;
  length: number;
}

/**
 * Raise when the bytes of a row change (columns, their order or their text): blocks stored in an older format are
 * then read live until the next snapshot stores them again.
 */
export const RESPONSE_ROW_FORMAT = 2;

/** The columns and the format version, as one short tag (FNV-1a), so a new column alone also retires old blocks. */
const FORMAT_TAG = (() => {
  let hash = 0x811c9dc5;
  for (const char of `${RESPONSE_ROW_FORMAT}:${columnsOf('responses').join(',')}`) {
    hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  }
  return hash.toString(16);
})();

/**
 * What a block's bytes depend on: the row format, k, the month's published responses (new ratings only ever raise
 * it), the two export revisions that SQLite raises on every other change (migration 0013): the month's rows and
 * the region's catalogue, and the disclosure plan's decisions for the month (which units publish, which services
 * are blanked), which later months of the year can change. Equal stamps mean equal rows.
 */
export function responseBlockStamp(
  k: number,
  n: number,
  revision: number,
  catalogue: number,
  units: ReadonlyMap<number, ReadonlySet<number>> = new Map(),
): string {
  const decisions = [...units]
    .sort(([a], [b]) => a - b)
    .map(([unit, blank]) => [unit, ...[...blank].sort((a, b) => a - b)].join('-'))
    .join('.');
  return `${FORMAT_TAG}:k${k}:n${n}:r${revision}:c${catalogue}:p${decisions}`;
}

/** Where a download resumes: a region slug and a month, `{region}:{YYYY-MM}` (the first block not yet sent). */
export type ResponsesCursor = string;

export interface ResponsesPlan {
  blocks: ResponseBlock[];
  /** The first block left out because the query budget was spent, or null when the file is complete. */
  next: ResponsesCursor | null;
}

export interface ResponsesOptions {
  k?: number;
  pageSize?: number;
  now?: number;
  /**
   * Look up the blocks the snapshot stored in this format. Only for files of whole regions: a unit's file has other
   * rows than its region's block.
   */
  stored?: Format;
}

/**
 * Plans the blocks of a download in file order (region slug, then month) from the rollups in one query, starting at
 * `cursor` and keeping blocks while their queries fit in `budget`. At least one block is always kept, so a
 * download makes progress.
 */
export async function planResponses(
  d1: D1Database,
  scope: Scope,
  filter: Pick<OpenDataFilter, 'from' | 'to'>,
  { k = DEFAULT_K, pageSize = RESPONSE_PAGE_SIZE, now = Date.now(), stored }: ResponsesOptions = {},
  { budget = Number.POSITIVE_INFINITY, cursor }: { budget?: number; cursor?: ResponsesCursor } = {},
): Promise<ResponsesPlan> {
  const regions = scope.regions.filter(({ units }) => units.length > 0);
  if (regions.length === 0) return { blocks: [], next: null };
  const one = scope.regions.length === 1 ? scope.regions[0] : undefined;
  const unitId = one && one.units.length === 1 ? one.units[0]?.id : undefined;
  const where = [
    'local_date BETWEEN ? AND ?',
    ...(one ? ['region_id = ?'] : []),
    ...(unitId === undefined ? [] : ['unit_id = ?']),
  ].join(' AND ');
  const pages = Math.max(1, Math.trunc(pageSize));
  // Per region × unit × month whose cell could be published (SPEC §4: at least 10 responses, and k): its count,
  // the month's export revisions, and the block the snapshot stored, if any. The disclosure plan decides below.
  const { results } = await d1
    .prepare(
      // The number comes from code, not from the request.
      `SELECT b.region_id, b.unit_id, b.month, b.n, coalesce(m.revision, 0) AS revision,
              coalesce(w.revision, 0) AS catalogue${stored ? ', s.r2_key, s.offset, s.length, s.stamp' : ''}
       FROM (
         SELECT region_id, unit_id, substr(local_date, 1, 7) AS month, sum(n) AS n FROM daily_rollups
         WHERE ${where} GROUP BY region_id, unit_id, month HAVING sum(n) >= ${Math.max(k, MIN_PUBLIC_RESPONSES)}
       ) b
       LEFT JOIN export_revisions m ON m.region_id = b.region_id AND m.month = b.month
       LEFT JOIN export_revisions w ON w.region_id = b.region_id AND w.month = '*'${
         stored
           ? ' LEFT JOIN response_blocks s ON s.region_id = b.region_id AND s.month = b.month AND s.format = ?'
           : ''
       }`,
    )
    .bind(
      filter.from,
      filter.to,
      ...(one ? [one.region.id] : []),
      ...(unitId === undefined ? [] : [unitId]),
      ...(stored ? [stored] : []),
    )
    .all<PlanRow>();
  const byRegion = new Map<number, PlanRow[]>();
  for (const row of results) {
    const list = byRegion.get(row.region_id) ?? [];
    list.push(row);
    byRegion.set(row.region_id, list);
  }
  // The disclosure plans are read as the blocks reach a region, 50 regions a query (docs/scale.md, "Exports").
  const candidates = scope.regions.flatMap(({ region, units }, index) =>
    units.length > 0 && byRegion.has(region.id) ? [{ index, id: region.id }] : [],
  );
  const years = yearsBetween(filter.from, filter.to);
  const plans = new Map<number, DisclosureReading>();
  const blocks: ResponseBlock[] = [];
  let spent = 0;
  for (const [index, { region, units }] of scope.regions.entries()) {
    if (units.length === 0) continue;
    // The running month is still growing: publishing it would let two downloads be diffed (SPEC §4).
    const closed = lastClosedMonthEnd(now, region.timezone).slice(0, 7);
    const rows = (byRegion.get(region.id) ?? []).filter((b) => b.month <= closed);
    const byMonth = new Map<string, PlanRow[]>();
    for (const row of rows) byMonth.set(row.month, [...(byMonth.get(row.month) ?? []), row]);
    for (const month of [...byMonth.keys()].sort()) {
      if (cursor && isBefore(cursor, region.slug, month)) continue;
      let reading = plans.get(region.id);
      const planQueries = reading ? 0 : 1;
      if (!reading) {
        const at = candidates.findIndex((candidate) => candidate.index === index);
        const chunk = candidates.slice(at, at + REGIONS_PER_QUERY).map((candidate) => candidate.id);
        // Budgeted like a block's queries: a part ends before a chunk's plans it could not afford.
        if (blocks.length > 0 && spent + 1 > budget) return { blocks, next: `${region.slug}:${month}` };
        const read = await readDisclosure(d1, chunk, years);
        for (const id of chunk) plans.set(id, read);
        reading = read;
      }
      const decided = new Map<number, Set<number>>();
      let n = 0;
      let pagesOfBlock = 0;
      for (const row of byMonth.get(month) ?? []) {
        const plan = reading.plans(region.id, month.slice(0, 4));
        if (!plan.unitPublished(row.unit_id, month)) continue;
        const blank = new Set(
          reading
            .services(region.id, row.unit_id, month)
            .filter((service) => service !== 0 && plan.serviceCellWithheld(row.unit_id, service, month)),
        );
        decided.set(row.unit_id, blank);
        n += Number(row.n);
        pagesOfBlock += Math.ceil(Number(row.n) / pages);
      }
      if (decided.size === 0) {
        spent += planQueries;
        continue;
      }
      // Budgeted at the live cost even when stored: a stored object may be gone by the time it is read, and the
      // parts of a download stay the same whatever the snapshot holds.
      const queries = 1 + pagesOfBlock;
      if (blocks.length > 0 && spent + planQueries + queries > budget) {
        return { blocks, next: `${region.slug}:${month}` };
      }
      spent += planQueries + queries;
      const [first] = byMonth.get(month) ?? [];
      const stamp = responseBlockStamp(k, n, Number(first?.revision ?? 0), Number(first?.catalogue ?? 0), decided);
      const block: ResponseBlock = { region: index, month, queries, stamp, units: decided };
      if (first?.stamp === stamp && first.r2_key) {
        block.stored = { key: first.r2_key, offset: Number(first.offset), length: Number(first.length) };
      }
      blocks.push(block);
    }
  }
  return { blocks, next: null };
}

interface PlanRow {
  region_id: number;
  unit_id: number;
  month: string;
  n: number;
  revision: number;
  catalogue: number;
  r2_key?: string | null;
  offset?: number | null;
  length?: number | null;
  stamp?: string | null;
}

/**
 * Whether the block (region, month) comes at or after `cursor` in file order. Regions are ordered by slug, but a
 * slug may be a prefix of another ('kota' < 'kota-baru'), so compare the parts, not the joined text.
 */
function startsAfter(cursor: ResponsesCursor, region: string, month: string): boolean {
  const split = cursor.lastIndexOf(':');
  const [cursorRegion, cursorMonth] = [cursor.slice(0, split), cursor.slice(split + 1)];
  return region > cursorRegion || (region === cursorRegion && month >= cursorMonth);
}

/** Whether block (region, month) comes before `cursor` in file order (already sent in an earlier part). */
function isBefore(cursor: ResponsesCursor, region: string, month: string): boolean {
  return !startsAfter(cursor, region, month);
}

/**
 * The rows of the planned blocks, one page (array of rows) at a time: the writers serialize a page per await. A block
 * stored by the snapshot comes, when `store` is given and still holds it, as its serialized bytes instead.
 */
export async function* responsesPages(
  d1: D1Database,
  scope: Scope,
  blocks: readonly ResponseBlock[],
  { k = DEFAULT_K, pageSize = RESPONSE_PAGE_SIZE }: ResponsesOptions = {},
  store?: R2Bucket,
): AsyncGenerator<Row[] | SerializedRows> {
  for (const { region: index, month, stored, units: published } of blocks) {
    const entry = scope.regions[index];
    if (!entry) continue;
    if (store && stored) {
      // A block whose cells were all withheld (k-anonymity) has no rows to send.
      if (stored.length <= 0) continue;
      const object = await store.get(stored.key, { range: { offset: stored.offset, length: stored.length } });
      if (object) {
        yield new SerializedRows(object.body);
        continue;
      }
    }
    const { region, units } = entry;
    const codeCells = regionCodeCells(region);
    const { start, end } = monthPeriod(month);
    const unitId = units.length === 1 ? units[0]?.id : undefined;
    // Raw arrays: a block of a large region has thousands of groups. Grouped by every published quasi-identifier
    // (SPEC §4), the service by id and named after grouping.
    const groups = await d1
      .prepare(
        `SELECT g.unit_id, s.slug, g.channel, g.gender, g.age_band, g.education, g.occupation, g.n, g.service_id FROM (
           SELECT r.unit_id, r.service_id, r.channel, r.gender, ${AGE_BAND_SQL} AS age_band, r.education, r.occupation,
                  count(*) AS n
           FROM responses r WHERE r.region_id = ? AND r.local_date BETWEEN ? AND ? AND r.flagged = 0${unitId === undefined ? '' : ' AND r.unit_id = ?'}
           GROUP BY r.unit_id, r.service_id, r.channel, r.gender, age_band, r.education, r.occupation
         ) g LEFT JOIN services s ON s.id = g.service_id`,
      )
      .bind(region.id, start, end, ...(unitId === undefined ? [] : [unitId]))
      .raw<[number, ...CellColumns, number, number | null]>();
    const cells = new Map<number, { groups: CellGroup[]; rows: number }>();
    for (const [id, slug, channel, gender, age_band, education, occupation, size, serviceId] of groups) {
      // A service cell the disclosure plan withholds is published without its service: k counts it so.
      const service = published.get(id)?.has(serviceId ?? 0) ? null : slug;
      const cell = cells.get(id) ?? { groups: [], rows: 0 };
      cell.groups.push({ values: { service, channel, gender, age_band, education, occupation }, size });
      cell.rows += size;
      cells.set(id, cell);
    }
    // Units in slug order (the scope's order), which is the file's order within a block.
    for (const unit of units) {
      const cell = cells.get(unit.id);
      const withheldServices = published.get(unit.id);
      if (!cell || !withheldServices) continue;
      const plan = planCell(cell.groups, k);
      if (!plan.publish) continue;
      // The level each row is published at, counted per group in stream order.
      const levelOf = plan.generalise.size === 0 ? null : rowLevels(plan);
      let after = '';
      let seen = 0;
      for (;;) {
        const page = await d1.prepare(PAGE_SQL).bind(unit.id, month, after, pageSize).raw<PageRow>();
        const rows: Row[] = new Array(page.length);
        for (let i = 0; i < page.length; i += 1) {
          const source = page[i] as PageRow;
          const row: Row = new Array(9 + ELEMENT_CODES.length + codeCells.length);
          row[0] = region.slug;
          row[1] = unit.slug;
          const service = withheldServices.has(Number(source[SERVICE_ID] ?? 0))
            ? null
            : ((source[SERVICE] ?? null) as string | null);
          const channel = (source[CHANNEL] ?? null) as string | null;
          const level = levelOf
            ? levelOf(
                cellKey({
                  service,
                  channel,
                  gender: source[GENDER] as string | null,
                  age_band: source[GENDER + 1] as string | null,
                  education: source[GENDER + 2] as string | null,
                  occupation: source[GENDER + 3] as string | null,
                }),
              )
            : 0;
          row[2] = level >= 3 ? null : service;
          row[3] = month;
          row[4] = level >= 2 ? null : channel;
          const scores = String(source[SCORES]);
          for (let e = 0; e < ELEMENT_CODES.length; e += 1) row[5 + e] = scores.charCodeAt(e) - ZERO;
          for (let p = 0; p < 4; p += 1)
            row[5 + ELEMENT_CODES.length + p] = level >= 1 ? null : (source[GENDER + p] ?? null);
          for (let c = 0; c < codeCells.length; c += 1) row[9 + ELEMENT_CODES.length + c] = codeCells[c] ?? null;
          rows[i] = row;
        }
        if (rows.length > 0) yield rows;
        seen += page.length;
        const last = page[page.length - 1];
        // The group sizes said how many rows the cell has: no extra query to learn that the last page was full.
        if (!last || page.length < pageSize || seen >= cell.rows) break;
        after = String(last[ID]);
      }
    }
  }
}

/**
 * The rows of `responses.*` for `scope` and `filter`, one at a time (tests and small callers; the file writer
 * uses `planResponses` + `responsesPages`).
 */
export async function* responsesRows(
  d1: D1Database,
  scope: Scope,
  filter: Pick<OpenDataFilter, 'from' | 'to'>,
  options: ResponsesOptions = {},
): AsyncGenerator<Row> {
  const { blocks } = await planResponses(d1, scope, filter, options);
  // No store: every block is read live, as rows.
  for await (const page of responsesPages(d1, scope, blocks, options)) if (Array.isArray(page)) yield* page;
}
