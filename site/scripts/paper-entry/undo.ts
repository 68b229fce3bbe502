/**
 * Undoing the last saved questionnaire (docs/spec.md §5), by its button or Ctrl+Z; in the comment box with text,
 * Ctrl+Z stays the browser's own text undo.
 */
import { request, showRefusal } from './api';
import { renderEntries, type Session } from './entries';
import type { Feedback } from './feedback';
import { fill, type PaperPage } from './page';

async function undoLast(page: PaperPage, fb: Feedback, session: Session) {
  const { messages } = page;
  const last = session.entries.at(-1);
  if (!last) {
    fb.say(messages.nothingToUndo, 'error');
    return;
  }
  if (session.busy) return;
  session.busy = true;
  try {
    const response = await request(page, 'DELETE', `${page.endpoint}/${encodeURIComponent(last.id)}`);
    // 404: it is already gone (undone in another tab): the list just catches up.
    if (response.status !== 204 && response.status !== 404) {
      await showRefusal(page, fb, messages.undoFailed, response);
      return;
    }
    session.entries.pop();
    renderEntries(page, session.entries);
    page.scores[0]?.focus();
    fb.say(fill(messages.undone, { n: session.entries.length }));
  } catch {
    fb.say(messages.undoFailed, 'error');
  } finally {
    session.busy = false;
  }
}

export function undoing(page: PaperPage, fb: Feedback, session: Session): void {
  const { comment } = page;
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.key.toLowerCase() !== 'z') return;
    if (document.activeElement === comment && comment?.value) return;
    event.preventDefault();
    void undoLast(page, fb, session);
  });
  page.undoButton?.addEventListener('click', () => void undoLast(page, fb, session));
}
