/**
 * The free-typed fields (docs/spec.md §5): the age never moves on by itself, as it has two or three digits, and
 * Backspace in an empty age or comment goes back one field.
 */
import type { Choose } from './choice-keys';
import { type Feedback, markInvalid } from './feedback';
import type { Move } from './focus-order';
import type { PaperPage } from './page';

export function ageKeys({ age, messages }: PaperPage, { refuse }: Feedback, move: Move, choose: Choose): void {
  if (!age) return;
  const maxAge = Number(age.dataset.max ?? 100);
  // Only a digit that cannot belong to the age goes on to the next field, as if that field had been reached.
  const overflow = (digit: string) => {
    const next = move(age, 1);
    if (next instanceof HTMLSelectElement && next.classList.contains('digit-choice')) choose(next, digit);
  };
  age.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const atEnd = age.selectionStart === age.value.length && age.selectionEnd === age.value.length;
    if (event.key === 'Backspace' && age.value === '') {
      event.preventDefault();
      move(age, -1);
    } else if (/^[0-9]$/.test(event.key)) {
      if (atEnd && age.value.length >= 2 && Number(age.value + event.key) > maxAge) {
        event.preventDefault();
        overflow(event.key);
      }
    } else if (event.key.length === 1) {
      event.preventDefault();
      refuse(messages.badAge);
    }
  });
  age.addEventListener('input', () => {
    age.value = age.value.replace(/\D/g, '');
    markInvalid(age, false);
    // Phone keyboards send no usable key: a third digit that makes no age goes on in the same way.
    if (age.value.length === 3 && Number(age.value) > maxAge) {
      const digit = age.value.slice(-1);
      age.value = age.value.slice(0, 2);
      overflow(digit);
    }
  });
}

export function commentKeys({ comment }: PaperPage, move: Move): void {
  comment?.addEventListener('keydown', (event) => {
    if (event.key === 'Backspace' && comment.value === '') {
      event.preventDefault();
      move(comment, -1);
    }
  });
}
