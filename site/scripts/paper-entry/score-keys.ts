/**
 * The nine one-digit scores (docs/spec.md §5): a digit 1–4 fills the field and moves on, Backspace and the arrows
 * move back and forth, any other key is refused with a message naming the element.
 */
import { type Feedback, markInvalid } from './feedback';
import type { Move } from './focus-order';
import { fill, type PaperPage } from './page';

export function scoreKeys({ scores, messages }: PaperPage, { refuse, clearRefusal }: Feedback, move: Move): void {
  const accept = (input: HTMLInputElement, digit: string) => {
    input.value = digit;
    markInvalid(input, false);
    clearRefusal();
    move(input, 1);
  };
  const refuseKey = (input: HTMLInputElement) => refuse(fill(messages.onlyDigits, { code: input.dataset.code ?? '' }));
  for (const input of scores) {
    input.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^[1-4]$/.test(event.key)) {
        event.preventDefault();
        accept(input, event.key);
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        clearRefusal();
        if (input.value !== '') input.value = '';
        else {
          const previous = move(input, -1);
          if (previous) previous.value = '';
        }
      } else if (event.key === 'Delete') {
        event.preventDefault();
        input.value = '';
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        move(input, event.key === 'ArrowLeft' ? -1 : 1);
      } else if (event.key.length === 1) {
        event.preventDefault();
        refuseKey(input);
      }
    });
    // Phone keyboards often send no usable key code: judge what arrived instead.
    input.addEventListener('input', () => {
      const typed = input.value.slice(-1);
      if (/^[1-4]$/.test(typed)) accept(input, typed);
      else if (input.value !== '') {
        input.value = '';
        refuseKey(input);
      }
    });
  }
}
