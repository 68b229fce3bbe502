/**
 * @module
 * Paper questionnaires keyed in one at a time by an operator (SPEC §5), and the undo of a slip. An entry is stored
 * by the same statements as a CSV import ({@link paperInsertStatements}): the response (its rollups by trigger), its
 * redacted comment and the audit row in one atomic batch. The client-made submissionId makes a repeat (a double
 * Enter, a retry after a lost answer, two tabs) store nothing, also when the repeats race, because the INSERT itself
 * skips a known submissionId and everything after it selects only what the INSERT created.
 */
import type { Region, Unit } from '../db/regions';
import { type Actor, auditStatementWhen } from './audit';
import { importTarget, type PaperDateRange, type PaperQuestionnaire, paperInsertStatements } from './paper-import';

/** How long the operator who keyed in a questionnaire may take it back. */
export const UNDO_WINDOW_MS = 15 * 60 * 1000;

/** A keyed-in questionnaire may be dated at most a year back: older stacks go through the CSV import. */
export function entryDateRange(today: string): PaperDateRange {
  // A year before 29 February is 28 February: the bound must itself be a date (it is the date input's `min`).
  const monthDay = today.slice(4) === '-02-29' ? '-02-28' : today.slice(4);
  return { earliest: `${Number(today.slice(0, 4)) - 1}${monthDay}`, today };
}

export interface PaperEntry extends PaperQuestionnaire {
  submissionId: string;
  /** Already redacted. */
  comment: string | null;
}

export type EntryOutcome =
  | { kind: 'stored'; id: string }
  | { kind: 'repeat'; id: string }
  /** The submissionId already names a response of another unit (or another channel). */
  | { kind: 'conflict' };

export async function enterPaperResponse(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  unit: Pick<Unit, 'id' | 'slug'>,
  entry: PaperEntry,
  now = Date.now(),
): Promise<EntryOutcome> {
  const id = crypto.randomUUID();
  const statements = paperInsertStatements(d1, actor, region, unit, [{ ...entry, id }], now);
  if (entry.comment) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO comments (id, response_id, region_id, unit_id, body, status, local_date)
           SELECT ?, id, region_id, unit_id, ?, 'pending', local_date FROM responses WHERE id = ?`,
        )
        .bind(crypto.randomUUID(), entry.comment, id),
    );
  }
  statements.push(
    auditStatementWhen(
      d1,
      { sql: 'EXISTS (SELECT 1 FROM responses WHERE id = ?)', binds: [id] },
      actor,
      'responses.enter',
      importTarget(region, unit),
      { id, date: entry.date },
      region.id,
    ),
  );
  statements.push(
    d1.prepare('SELECT id, unit_id AS unitId, channel FROM responses WHERE submission_id = ?').bind(entry.submissionId),
  );
  const results = await d1.batch<{ id: string; unitId: number; channel: string }>(statements);
  const stored = results.at(-1)?.results[0];
  if (stored?.id === id) return { kind: 'stored', id };
  if (stored && stored.unitId === unit.id && stored.channel === 'paper') return { kind: 'repeat', id: stored.id };
  return { kind: 'conflict' };
}

export type UndoOutcome = 'undone' | 'not-found' | 'not-yours' | 'too-late';

/**
 * Takes back a keyed-in questionnaire: only its own author, only within {@link UNDO_WINDOW_MS}. The guard is part of
 * every statement, so a concurrent second undo (or the window closing meanwhile) changes nothing.
 */
export async function undoPaperResponse(
  d1: D1Database,
  actor: Actor,
  region: Pick<Region, 'id' | 'slug'>,
  unit: Pick<Unit, 'id' | 'slug'>,
  id: string,
  now = Date.now(),
): Promise<UndoOutcome> {
  const found = await d1
    .prepare(
      `SELECT channel, entered_by AS enteredBy, submitted_at AS submittedAt FROM responses WHERE id = ? AND unit_id = ?`,
    )
    .bind(id, unit.id)
    .first<{ channel: string; enteredBy: string | null; submittedAt: number }>();
  if (found?.channel !== 'paper') return 'not-found';
  if (found.enteredBy !== actor) return 'not-yours';
  const since = now - UNDO_WINDOW_MS;
  if (found.submittedAt <= since) return 'too-late';

  const guard = `id = ? AND unit_id = ? AND channel = 'paper' AND entered_by = ? AND submitted_at > ?`;
  const params = [id, unit.id, actor, since];
  // Deleting the row takes it out of the rollups too (SQLite's triggers), only if it still counted.
  const results = await d1.batch([
    auditStatementWhen(
      d1,
      { sql: `EXISTS (SELECT 1 FROM responses WHERE ${guard})`, binds: params },
      actor,
      'responses.undo',
      importTarget(region, unit),
      { id },
      region.id,
    ),
    d1.prepare(`DELETE FROM comments WHERE response_id IN (SELECT id FROM responses WHERE ${guard})`).bind(...params),
    d1.prepare(`DELETE FROM responses WHERE ${guard}`).bind(...params),
  ]);
  return (results.at(-1)?.meta.changes ?? 0) > 0 ? 'undone' : 'not-found';
}
