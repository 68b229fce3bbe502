/**
 * What the operator sees and hears on the paper-entry page: the status line, the wrong-key message and the marked
 * fields (docs/spec.md §5).
 */
import type { PaperPage } from './page';

export interface Feedback {
  say(text: string, state?: 'done' | 'error' | 'working'): void;
  refuse(text: string): void;
  clearRefusal(): void;
}

export function feedback({ status, keyMessage }: PaperPage): Feedback {
  return {
    say(text, state = 'done') {
      if (!status) return;
      status.textContent = text;
      status.dataset.state = state;
    },
    refuse(text) {
      // Cleared first so the same message is announced again on a second wrong key.
      if (!keyMessage) return;
      keyMessage.textContent = '';
      requestAnimationFrame(() => {
        keyMessage.textContent = text;
      });
    },
    clearRefusal() {
      if (keyMessage) keyMessage.textContent = '';
    },
  };
}

export function markInvalid(field: Element | null | undefined, invalid: boolean): void {
  if (!field) return;
  if (invalid) field.setAttribute('aria-invalid', 'true');
  else field.removeAttribute('aria-invalid');
}
