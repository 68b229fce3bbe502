/**
 * @module
 * Paper questionnaires keyed in as CSV (SPEC §5): parsed with papaparse, every row validated first, then all stored
 * with channel `paper` in ONE atomic D1 batch (worker/db/paper-entry.ts), so a file is imported entirely or not at all.
 */
import Papa from 'papaparse';
import { isCalendarDate, localDate } from '../../../domain/periods';
import { EDUCATIONS, ELEMENT_CODES, GENDERS, MAX_AGE, MIN_AGE, OCCUPATIONS } from '../../../domain/survey';
import { importAudited } from '../../db/audit';
import { insertPaperImport, type PaperQuestionnaire } from '../../db/paper-entry';
import type { Region, Unit } from '../../db/regions';
import { sha256Hex } from '../../security/tokens';
import type { Actor } from './audit';

/** Largest accepted file: about 20,000 questionnaires, far more than a unit keys in at once. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
/** Most rows per file; split larger archives into several files (each is still all-or-nothing). */
export const MAX_IMPORT_ROWS = 10_000;
/**
 * Most columns a line may have, and most characters: the header has 15 columns and a questionnaire's line about 100
 * characters, so anything far beyond is not a questionnaire file (a 1 MiB line of 200,000 columns) and is refused
 * before any per-column work.
 */
export const MAX_IMPORT_COLUMNS = 64;
export const MAX_IMPORT_LINE_CHARS = 4096;
/** A file with thousands of bad rows lists the first ones only; the detail gives the total. */
export const MAX_LISTED_ERRORS = 200;

const SCORE_COLUMNS = ELEMENT_CODES.map((code) => code.toLowerCase());
export const IMPORT_COLUMNS = [
  'date',
  'service',
  ...SCORE_COLUMNS,
  'gender',
  'age',
  'education',
  'occupation',
] as const;

export interface ImportError {
  /** Line of the file, the header being line 1. */
  line: number;
  /** Column name, or `(row)` / `(file)` for the whole row or file. */
  field: string;
  detail: string;
}

export type { PaperQuestionnaire };

export interface PaperRow extends PaperQuestionnaire {
  /** Line of the file it came from. */
  line: number;
}

/** The dates a paper questionnaire may carry: local dates, never after today in the region's time zone. */
export interface PaperDateRange {
  earliest: string;
  /** Today in the region's time zone: questionnaires cannot be dated later. */
  today: string;
}

export interface ImportContext extends Partial<Pick<PaperDateRange, 'earliest'>> {
  /** Service slug → id, for the unit being imported into. */
  services: ReadonlyMap<string, number>;
  today: string;
}

/** Archives of old questionnaires may be imported from any year the periods know. */
export const EARLIEST_IMPORT_DATE = '2000-01-01';

/** Why a questionnaire's date is refused, or null when it is acceptable. */
export function paperDateProblem(date: string, range: PaperDateRange): string | null {
  if (!isCalendarDate(date)) return `'${date}' is not a date written YYYY-MM-DD.`;
  if (date > range.today) return `'${date}' is in the future (today is ${range.today} in the region’s time zone).`;
  if (date < range.earliest) return `'${date}' is before ${range.earliest}.`;
  return null;
}

function optionalEnum<T extends string>(value: string, allowed: readonly T[]): T | null | undefined {
  if (value === '') return null;
  const upper = value.toUpperCase() as T;
  return allowed.includes(upper) ? upper : undefined;
}

/** Parses and validates a whole file. Either every row, or every problem found (capped at MAX_LISTED_ERRORS). */
export function parsePaperCsv(
  text: string,
  context: ImportContext,
): { rows: PaperRow[]; errors: ImportError[]; errorCount: number } {
  const errors: ImportError[] = [];
  let errorCount = 0;
  const fail = (line: number, field: string, detail: string) => {
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ line, field, detail });
  };
  const rows: PaperRow[] = [];
  const source = text.replace(/^\uFEFF/, ''); // Excel writes a BOM in "CSV UTF-8"
  let columns: Map<string, number> | null = null;
  let line = 1;
  let consumed = 0;
  let dataRows = 0;

  Papa.parse<string[]>(source, {
    skipEmptyLines: false,
    step: (result, parser) => {
      const rowLine = line;
      // Advance the line counter over exactly the characters this record used (quoted fields may span lines).
      const cursor = result.meta.cursor;
      const length = cursor - consumed;
      for (let i = consumed; i < cursor; i += 1) if (source.charCodeAt(i) === 10) line += 1;
      consumed = cursor;
      const oversized =
        result.data.length > MAX_IMPORT_COLUMNS
          ? `Line ${rowLine} has ${result.data.length} columns; at most ${MAX_IMPORT_COLUMNS} are accepted (expected ${IMPORT_COLUMNS.length}: ${IMPORT_COLUMNS.join(',')}).`
          : length > MAX_IMPORT_LINE_CHARS
            ? `Line ${rowLine} has ${length} characters; at most ${MAX_IMPORT_LINE_CHARS} are accepted.`
            : null;
      if (oversized) {
        // Not a questionnaire file: stop reading rather than list one problem per line.
        fail(rowLine, columns === null ? '(header)' : '(row)', oversized);
        columns ??= new Map();
        parser.abort();
        return;
      }
      const cells = result.data.map((cell) => cell.trim());
      if (cells.every((cell) => cell === '')) return; // blank lines, e.g. a trailing newline
      if (columns === null) {
        columns = readHeader(cells, rowLine, fail);
        return;
      }
      if (columns.size === 0) return; // header already reported
      dataRows += 1;
      if (dataRows > MAX_IMPORT_ROWS) {
        if (dataRows === MAX_IMPORT_ROWS + 1) fail(rowLine, '(file)', `At most ${MAX_IMPORT_ROWS} rows per file.`);
        return;
      }
      const row = readRow(cells, columns, rowLine, context, fail);
      if (row) rows.push(row);
    },
  });
  if (columns === null) fail(1, '(file)', `The file is empty: expected the header ${IMPORT_COLUMNS.join(',')}.`);
  else if (errorCount === 0 && dataRows === 0) fail(2, '(file)', 'The file has a header but no rows.');
  return { rows: errorCount === 0 ? rows : [], errors, errorCount };
}

function readHeader(
  cells: string[],
  line: number,
  fail: (line: number, field: string, detail: string) => void,
): Map<string, number> {
  const names = cells.map((cell) => cell.toLowerCase());
  // Sets: one pass over the names, whatever their number.
  const present = new Set(names);
  const known = new Set<string>(IMPORT_COLUMNS);
  const missing = IMPORT_COLUMNS.filter((column) => !present.has(column));
  const unknown = [...present].filter((name) => !known.has(name));
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const name of names) (seen.has(name) ? duplicated : seen).add(name);
  if (missing.length || unknown.length || duplicated.size) {
    const problems = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `unknown ${unknown.join(', ')}` : '',
      duplicated.size ? `repeated ${[...duplicated].join(', ')}` : '',
    ].filter(Boolean);
    fail(line, '(header)', `Expected the columns ${IMPORT_COLUMNS.join(',')}: ${problems.join('; ')}.`);
    return new Map();
  }
  return new Map(names.map((name, i) => [name, i]));
}

function readRow(
  cells: string[],
  columns: Map<string, number>,
  line: number,
  context: ImportContext,
  fail: (line: number, field: string, detail: string) => void,
): PaperRow | null {
  if (cells.length !== columns.size) {
    fail(line, '(row)', `Expected ${columns.size} fields, found ${cells.length}.`);
    return null;
  }
  let valid = true;
  const bad = (field: string, detail: string) => {
    valid = false;
    fail(line, field, detail);
  };
  const cell = (name: string) => cells[columns.get(name) ?? -1] ?? '';

  const date = cell('date');
  const dateProblem = paperDateProblem(date, {
    earliest: context.earliest ?? EARLIEST_IMPORT_DATE,
    today: context.today,
  });
  if (dateProblem) bad('date', dateProblem);

  const serviceSlug = cell('service');
  const serviceId = serviceSlug === '' ? null : (context.services.get(serviceSlug.toLowerCase()) ?? undefined);
  if (serviceId === undefined) bad('service', `The unit has no service '${serviceSlug}'.`);

  const scores = SCORE_COLUMNS.map((column) => {
    const value = cell(column);
    if (!/^[1-4]$/.test(value)) bad(column, value === '' ? 'Required: a score 1–4.' : `'${value}' is not a score 1–4.`);
    return Number(value);
  });

  const gender = optionalEnum(cell('gender'), GENDERS);
  if (gender === undefined) bad('gender', `'${cell('gender')}' is not L or P.`);
  const ageText = cell('age');
  const age = ageText === '' ? null : /^\d{1,3}$/.test(ageText) ? Number(ageText) : Number.NaN;
  if (age !== null && !(age >= MIN_AGE && age <= MAX_AGE))
    bad('age', `'${ageText}' is not an age ${MIN_AGE}–${MAX_AGE}.`);
  const education = optionalEnum(cell('education'), EDUCATIONS);
  if (education === undefined) bad('education', `'${cell('education')}' is not one of ${EDUCATIONS.join(', ')}.`);
  const occupation = optionalEnum(cell('occupation'), OCCUPATIONS);
  if (occupation === undefined) bad('occupation', `'${cell('occupation')}' is not one of ${OCCUPATIONS.join(', ')}.`);

  if (!valid) return null;
  return {
    line,
    date,
    serviceId: serviceId ?? null,
    scores,
    gender: gender ?? null,
    age,
    education: education ?? null,
    occupation: occupation ?? null,
  };
}

/** The digest recorded in the audit log, to recognise a file uploaded twice. */
export function fileDigest(text: string): Promise<string> {
  return sha256Hex(text);
}

/** True when this exact file was already imported into the unit (a double upload would count every row twice). */
export async function wasImported(d1: D1Database, unitTarget: string, digest: string): Promise<boolean> {
  return importAudited(d1, unitTarget, digest);
}

/** The same file is being or was already imported into the unit; nothing of this import was stored. */
export class DuplicateImportError extends Error {
  constructor() {
    super('This exact file was already imported into this unit.');
  }
}

/**
 * Stores validated rows (and so their rollups) in one atomic batch, with one audit row. The batch opens with the file's
 * `import_batches` row: for a first import (`allowDuplicate` false) its copy is 0, so a concurrent or earlier
 * import of the same file into the unit makes the unique index fail the whole batch (→ {@link DuplicateImportError}).
 */
export async function storePaperRows(
  d1: D1Database,
  actor: Actor,
  region: Region,
  unit: Unit,
  rows: readonly PaperRow[],
  digest: string,
  now = Date.now(),
  allowDuplicate = false,
): Promise<number> {
  const dates = rows.map((row) => row.date).sort();
  try {
    await insertPaperImport(
      d1,
      { regionId: region.id, unitId: unit.id, actor, now },
      { digest, allowDuplicate },
      rows.map((row) => ({ ...row, id: crypto.randomUUID() })),
      {
        actor,
        action: 'responses.import',
        target: importTarget(region, unit),
        detail: { rows: rows.length, sha256: digest, from: dates[0], to: dates.at(-1) },
        region: region.id,
      },
    );
  } catch (error) {
    if (String(error).includes('UNIQUE constraint failed: import_batches')) throw new DuplicateImportError();
    throw error;
  }
  return rows.length;
}

export function importTarget(region: Pick<Region, 'slug'>, unit: Pick<Unit, 'slug'>): string {
  return `unit:${region.slug}/${unit.slug}`;
}

/** Today's date in the region's time zone. */
export function regionToday(region: Pick<Region, 'timezone'>, now = Date.now()): string {
  return localDate(now, region.timezone);
}
