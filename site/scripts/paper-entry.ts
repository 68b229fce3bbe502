/**
 * Keyboard-fast paper entry (kertas.astro, docs/spec.md §5): a digit fills a one-digit field and moves on; a Tab
 * right after such a move is absorbed, and the free-typed age never moves by itself, so a habitual Tab skips nothing.
 * Each saved row is shown field by field. A submissionId kept until the API confirms makes a retry never store twice.
 */
import { choiceKeys } from './paper-entry/choice-keys';
import { renderEntries, type Session } from './paper-entry/entries';
import { feedback } from './paper-entry/feedback';
import { focusOrder } from './paper-entry/focus-order';
import { findParts } from './paper-entry/page';
import { scoreKeys } from './paper-entry/score-keys';
import { submitting } from './paper-entry/submit';
import { ageKeys, commentKeys } from './paper-entry/typed-keys';
import { undoing } from './paper-entry/undo';

const form = document.querySelector<HTMLFormElement>('#paper-form');
if (form) setUp(form);

function setUp(form: HTMLFormElement) {
  const page = findParts(form);
  const fb = feedback(page);
  const session: Session = { entries: [], submissionId: crypto.randomUUID(), busy: false };
  const move = focusOrder(page);
  scoreKeys(page, fb, move);
  const choose = choiceKeys(page, fb, move);
  ageKeys(page, fb, move, choose);
  commentKeys(page, move);
  // Enter saves from anywhere in the form (a focused select would otherwise swallow it).
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    form.requestSubmit();
  });
  undoing(page, fb, session);
  submitting(page, fb, session);
  renderEntries(page, session.entries);
  // Ready to type at once, also where the browser ignores autofocus.
  page.scores[0]?.focus();
}
