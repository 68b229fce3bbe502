/**
 * @module
 * Paper questionnaires' SQL (SPEC §5): the one INSERT of channel `paper` rows, for a CSV import's atomic batch and
 * for a keyed-in entry, and an entry's undo. Rows travel as JSON arrays (`json_each(?)`), three binds per statement.
 */
import { ELEMENT_CODES } from '../../domain/survey';
import { type AuditRow, auditInsert, auditInsertWhen } from './audit';
import { prepare, sql } from './statement';

/** One paper questionnaire, validated: what both the CSV import and the keyed-in entry store. */
export interface PaperQuestionnaire {
  date: string;
  serviceId: number | null;
  scores: number[];
  gender: string | null;
  age: number | null;
  education: string | null;
  occupation: string | null;
}

/** A questionnaire to store, with its new response id (and, for a keyed-in entry, its submissionId). */
export type StoredQuestionnaire = PaperQuestionnaire & { id: string; submissionId?: string };

/** Rows per INSERT statement: keeps each bound JSON array around 100 KB. */
const ROWS_PER_STATEMENT = 1_000;

/**
 * Each JSON row is [id, serviceId, u1…u9, gender, age, education, occupation, date, submissionId | null]. A keyed-in
 * entry brings its client-made submissionId (its idempotency key, SPEC §5): a repeat inserts nothing, so the rollup
 * triggers add nothing either. Imported rows get `paper:<id>`.
 */
const INSERT_ROWS_SQL = `INSERT INTO responses (id, submission_id, region_id, unit_id, counter_id, service_id, channel,
  u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, submitted_at, local_date, entered_by)
SELECT json_extract(value, '$[0]'), coalesce(json_extract(value, '$[16]'), 'paper:' || json_extract(value, '$[0]')),
  ?1, ?2, NULL, json_extract(value, '$[1]'), 'paper',
  ${ELEMENT_CODES.map((_, i) => `json_extract(value, '$[${2 + i}]')`).join(', ')},
  json_extract(value, '$[11]'), json_extract(value, '$[12]'), json_extract(value, '$[13]'), json_extract(value, '$[14]'),
  ?3, json_extract(value, '$[15]'), ?4
FROM json_each(?5) WHERE true
ON CONFLICT (submission_id) DO NOTHING`;

/** Where paper rows go and who keyed them in. */
export interface PaperPlace {
  regionId: number;
  unitId: number;
  actor: string;
  now: number;
}

/**
 * The INSERT statements that store questionnaires with channel `paper`, for the caller's batch (which adds its
 * audit row): the one write path of paper questionnaires, keyed in or imported.
 */
function paperResponseInserts(
  d1: D1Database,
  place: PaperPlace,
  rows: readonly StoredQuestionnaire[],
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = JSON.stringify(
      rows
        .slice(start, start + ROWS_PER_STATEMENT)
        .map((row) => [
          row.id,
          row.serviceId,
          ...row.scores,
          row.gender,
          row.age,
          row.education,
          row.occupation,
          row.date,
          row.submissionId ?? null,
        ]),
    );
    statements.push(d1.prepare(INSERT_ROWS_SQL).bind(place.regionId, place.unitId, place.now, place.actor, chunk));
  }
  return statements;
}

/**
 * Stores an imported file's rows in one atomic batch that opens with its `import_batches` row: for a first import
 * (`allowDuplicate` false) its copy is 0, so a concurrent or earlier import of the same file into the unit fails the
 * whole batch on the unique index (`UNIQUE constraint failed: import_batches`).
 */
export async function insertPaperImport(
  d1: D1Database,
  place: PaperPlace,
  file: { digest: string; allowDuplicate: boolean },
  rows: readonly StoredQuestionnaire[],
  audit: AuditRow,
): Promise<void> {
  await d1.batch([
    d1
      .prepare(
        `INSERT INTO import_batches (id, unit_id, sha256, copy, rows, actor, created_at)
         VALUES (?1, ?2, ?3, CASE WHEN ?4 THEN (SELECT count(*) FROM import_batches WHERE unit_id = ?2 AND sha256 = ?3) ELSE 0 END, ?5, ?6, ?7)`,
      )
      .bind(
        crypto.randomUUID(),
        place.unitId,
        file.digest,
        file.allowDuplicate ? 1 : 0,
        rows.length,
        place.actor,
        place.now,
      ),
    ...paperResponseInserts(d1, place, rows),
    auditInsert(d1, audit),
  ]);
}

/**
 * Stores one keyed-in questionnaire with its (already redacted) comment, and its audit row only if the response was
 * created. Answers the response that now holds the submissionId: this one, an earlier repeat, or another's.
 */
export async function insertPaperEntry(
  d1: D1Database,
  place: PaperPlace,
  entry: StoredQuestionnaire & { submissionId: string },
  comment: string | null,
  audit: AuditRow & { region: number },
): Promise<{ id: string; unitId: number; channel: string } | undefined> {
  const statements = paperResponseInserts(d1, place, [entry]);
  if (comment) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO comments (id, response_id, region_id, unit_id, body, status, local_date)
           SELECT ?, id, region_id, unit_id, ?, 'pending', local_date FROM responses WHERE id = ?`,
        )
        .bind(crypto.randomUUID(), comment, entry.id),
    );
  }
  statements.push(auditInsertWhen(d1, sql`EXISTS (SELECT 1 FROM responses WHERE id = ${entry.id})`, audit));
  statements.push(
    d1.prepare('SELECT id, unit_id AS unitId, channel FROM responses WHERE submission_id = ?').bind(entry.submissionId),
  );
  const results = await d1.batch<{ id: string; unitId: number; channel: string }>(statements);
  return results.at(-1)?.results[0];
}

/** A response of the unit, with its channel, who keyed it in and when it was submitted. */
export function findUnitResponse(
  d1: D1Database,
  unitId: number,
  id: string,
): Promise<{ channel: string; enteredBy: string | null; submittedAt: number } | null> {
  return d1
    .prepare(
      `SELECT channel, entered_by AS enteredBy, submitted_at AS submittedAt FROM responses WHERE id = ? AND unit_id = ?`,
    )
    .bind(id, unitId)
    .first<{ channel: string; enteredBy: string | null; submittedAt: number }>();
}

/**
 * Deletes a keyed-in response of the unit, with its comment, if `actor` keyed it in after `since`; the guard is part
 * of every statement, so a concurrent second undo changes nothing. Deleting the row takes it out of the rollups too
 * (SQLite's triggers). True when it was deleted.
 */
export async function deletePaperEntry(
  d1: D1Database,
  unitId: number,
  id: string,
  actor: string,
  since: number,
  audit: AuditRow & { region: number },
): Promise<boolean> {
  const where = sql`id = ${id} AND unit_id = ${unitId} AND channel = 'paper' AND entered_by = ${actor}
    AND submitted_at > ${since}`;
  const results = await d1.batch([
    auditInsertWhen(d1, sql`EXISTS (SELECT 1 FROM responses WHERE ${where})`, audit),
    prepare(d1, sql`DELETE FROM comments WHERE response_id IN (SELECT id FROM responses WHERE ${where})`),
    prepare(d1, sql`DELETE FROM responses WHERE ${where}`),
  ]);
  return (results.at(-1)?.meta.changes ?? 0) > 0;
}
