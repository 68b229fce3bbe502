/**
 * The parts of the paper-entry page (kertas.astro) the script drives, found once; docs/spec.md §5.
 */

export type Messages = Record<
  | 'onlyDigits'
  | 'chooseDigit'
  | 'missing'
  | 'badDate'
  | 'badAge'
  | 'saving'
  | 'saved'
  | 'repeat'
  | 'undone'
  | 'nothingToUndo'
  | 'failed'
  | 'undoFailed'
  | 'offline'
  | 'count'
  | 'row'
  | 'none',
  string
>;

/** A field in the keying order: the nine scores, then the optional choices, the age and the comment. */
export type Field = HTMLInputElement | HTMLSelectElement;

export interface PaperPage {
  form: HTMLFormElement;
  endpoint: string;
  messages: Messages;
  csrfToken: string;
  scores: HTMLInputElement[];
  optional: Field[];
  date: HTMLInputElement | null;
  age: HTMLInputElement | null;
  comment: HTMLInputElement | null;
  keyMessage: HTMLElement | null;
  status: HTMLElement | null;
  undoButton: HTMLButtonElement | null;
  list: HTMLTableSectionElement | null;
  empty: HTMLElement | null;
  count: HTMLElement | null;
}

export function findParts(form: HTMLFormElement): PaperPage {
  return {
    form,
    endpoint: form.dataset.paperEndpoint ?? '',
    messages: JSON.parse(document.querySelector('#paper-messages')?.textContent ?? '{}') as Messages,
    csrfToken: document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '',
    scores: Array.from(form.querySelectorAll<HTMLInputElement>('input.score')),
    optional: Array.from(form.querySelectorAll<Field>('.paper-next')),
    date: form.querySelector<HTMLInputElement>('#paper-date'),
    age: form.querySelector<HTMLInputElement>('#paper-age'),
    comment: form.querySelector<HTMLInputElement>('#paper-comment'),
    keyMessage: form.querySelector<HTMLElement>('#paper-key-message'),
    status: form.querySelector<HTMLElement>('#paper-status'),
    undoButton: form.querySelector<HTMLButtonElement>('#paper-undo'),
    list: document.querySelector<HTMLTableSectionElement>('#paper-entries'),
    empty: document.querySelector<HTMLElement>('#paper-empty'),
    count: document.querySelector<HTMLElement>('#paper-count'),
  };
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** The value of a numbered choice by its name, or undefined when none is chosen. */
export function chosenValue(form: HTMLFormElement, name: string): string | undefined {
  return form.querySelector<HTMLSelectElement>(`select[name="${name}"]`)?.value || undefined;
}
