/**
 * Moving through the paper form in keying order (docs/spec.md §5): a Tab pressed right after a digit moved focus on
 * is absorbed, as "next field" already happened, so a habitual Tab skips nothing.
 */
import type { Field, PaperPage } from './page';

/** Focuses the field `step` places from `field` in keying order and returns it (undefined past either end). */
export type Move = (field: Element, step: 1 | -1) => Field | undefined;

export function focusOrder({ form, scores, optional }: PaperPage): Move {
  const order: Field[] = [...scores, ...optional];
  // The field a digit just moved focus to: a Tab pressed at once means "next field", which already happened.
  let advanced: Element | null = null;
  form.addEventListener(
    'keydown',
    (event) => {
      const after = advanced;
      advanced = null;
      if (event.key === 'Tab' && !event.shiftKey && after && event.target === after) event.preventDefault();
    },
    true,
  );
  form.addEventListener('pointerdown', () => {
    advanced = null;
  });
  return (field, step) => {
    const next = order[order.indexOf(field as HTMLInputElement) + step];
    next?.focus();
    if (step === 1) advanced = next ?? null;
    return next;
  };
}
