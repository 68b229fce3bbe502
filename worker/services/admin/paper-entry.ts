/**
 * @module
 * Paper questionnaires keyed in one at a time (SPEC §5), stored like a CSV import's rows, and the undo of a slip.
 * The client-made submissionId makes a repeat (double Enter, retry, two tabs) store nothing, even when they race.
 */
import { deletePaperEntry, findUnitResponse, insertPaperEntry } from '../../db/paper-entry';
import type { Region, Unit } from '../../db/regions';
import type { Actor } from './audit';
import { importTarget, type PaperDateRange, type PaperQuestionnaire } from './paper-import';

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
  const stored = await insertPaperEntry(
    d1,
    { regionId: region.id, unitId: unit.id, actor, now },
    { ...entry, id },
    entry.comment,
    {
      actor,
      action: 'responses.enter',
      target: importTarget(region, unit),
      detail: { id, date: entry.date },
      region: region.id,
    },
  );
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
  const found = await findUnitResponse(d1, unit.id, id);
  if (found?.channel !== 'paper') return 'not-found';
  if (found.enteredBy !== actor) return 'not-yours';
  const since = now - UNDO_WINDOW_MS;
  if (found.submittedAt <= since) return 'too-late';

  const undone = await deletePaperEntry(d1, unit.id, id, actor, since, {
    actor,
    action: 'responses.undo',
    target: importTarget(region, unit),
    detail: { id },
    region: region.id,
  });
  return undone ? 'undone' : 'not-found';
}
