/**
 * @module
 * Rows of `responses.csv|json`, the microdata (SPEC §4, docs/open-data.md): closed months only, k-anonymous, planned
 * and streamed block by block (region × month); a block the nightly snapshot stored streams from R2 while unchanged.
 */
import { type CellGroup, cellKey, DEFAULT_K, lastClosedMonthEnd, planCell, rowLevels } from '../../../domain/microdata';
import { monthPeriod } from '../../../domain/periods';
import { MIN_PUBLIC_RESPONSES } from '../../../domain/summary';
import { ELEMENT_CODES } from '../../../domain/survey';
import {
  type BlockCandidateRow,
  blockCandidates,
  microdataGroups,
  microdataPage,
  PAGE_COLUMN,
  type PageRow,
} from '../../db/microdata';
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

/** Positions in a page row (worker/db/microdata.ts). */
const {
  id: ID,
  service: SERVICE,
  channel: CHANNEL,
  scores: SCORES,
  gender: GENDER,
  serviceId: SERVICE_ID,
} = PAGE_COLUMN;
/** Character code of '0': a packed answer digit minus this is the answer. */
const ZERO = 48;

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
  const pages = Math.max(1, Math.trunc(pageSize));
  // Per region × unit × month whose cell could be published (SPEC §4: at least 10 responses, and k): its count,
  // the month's export revisions, and the block the snapshot stored, if any. The disclosure plan decides below.
  const results = await blockCandidates(d1, {
    from: filter.from,
    to: filter.to,
    regionId: one?.region.id,
    unitId,
    minimum: Math.max(k, MIN_PUBLIC_RESPONSES),
    storedFormat: stored,
  });
  const byRegion = new Map<number, BlockCandidateRow[]>();
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
    const byMonth = new Map<string, BlockCandidateRow[]>();
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
 * stored by the snapshot comes, when `store` is given and still holds it, as its serialized bytes instead. A block
 * read live costs its group sizes (one GROUP BY), then each published unit's rows in keyset pages, blanked as planned:
 * memory holds one block's group sizes and one page of rows, whatever the table size.
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
    const groups = await microdataGroups(d1, { regionId: region.id, start, end, unitId });
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
        const page = await microdataPage(d1, { unitId: unit.id, month, after, limit: pageSize });
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
