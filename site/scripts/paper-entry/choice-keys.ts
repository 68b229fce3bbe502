/**
 * The numbered choices (service, gender, education, occupation; docs/spec.md §5): a digit picks that option and
 * moves on, Backspace clears the choice and goes back.
 */
import { type Feedback, markInvalid } from './feedback';
import type { Move } from './focus-order';
import { fill, type PaperPage } from './page';

/** A digit in a numbered choice: picks that option and moves on, or says which digits it takes. */
export type Choose = (select: HTMLSelectElement, digit: string) => void;

export function choiceKeys({ form, messages }: PaperPage, { refuse, clearRefusal }: Feedback, move: Move): Choose {
  const choose: Choose = (select, digit) => {
    const index = Number(digit);
    if (index < select.options.length) {
      select.selectedIndex = index;
      markInvalid(select, false);
      clearRefusal();
      move(select, 1);
    } else {
      refuse(
        fill(messages.chooseDigit, {
          max: Math.min(select.options.length - 1, 9),
          label: select.dataset.label ?? '',
        }),
      );
    }
  };
  for (const select of form.querySelectorAll<HTMLSelectElement>('select.digit-choice')) {
    select.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        choose(select, event.key);
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        select.selectedIndex = 0;
        move(select, -1);
      }
    });
  }
  return choose;
}
