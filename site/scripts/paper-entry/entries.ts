/**
 * The session's saved questionnaires (docs/spec.md §5): shown newest first, field by field, and read out after each
 * save, so a value in the wrong field is heard as well as seen.
 */
import { fill, type Messages, type PaperPage } from './page';

/** A saved questionnaire as the operator keyed it, one value per column of the session table. */
export interface Entry {
  id: string;
  cells: { text: string; scores?: boolean }[];
}

/** What this page has saved so far; submissionId is kept until the API confirms, so a retry never stores twice. */
export interface Session {
  entries: Entry[];
  submissionId: string;
  busy: boolean;
}

export function renderEntries({ list, empty, count, undoButton, messages }: PaperPage, entries: Entry[]): void {
  if (!list) return;
  list.replaceChildren(
    ...entries
      .map((entry, index) => {
        const row = document.createElement('tr');
        const number = document.createElement('th');
        number.scope = 'row';
        number.textContent = String(index + 1);
        row.append(number);
        for (const cell of entry.cells) {
          const td = document.createElement('td');
          td.textContent = cell.text || messages.none;
          if (cell.scores) td.className = 'scores';
          else if (!cell.text) td.className = 'empty';
          row.append(td);
        }
        return row;
      })
      .reverse(),
  );
  if (empty) empty.hidden = entries.length > 0;
  if (count) count.textContent = fill(messages.count, { n: entries.length });
  if (undoButton) undoButton.disabled = entries.length === 0;
}

/** The row as it was keyed: the chosen options' own words (without their digit), the comment's start. */
export function savedCells({ form, age }: PaperPage, day: string, digits: string, text: string): Entry['cells'] {
  const chosen = (name: string) => {
    const select = form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
    return select?.value ? (select.selectedOptions[0]?.text ?? '').replace(/^\d · /, '') : '';
  };
  const excerpt = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return [
    { text: day },
    { text: chosen('service') },
    { text: digits, scores: true },
    { text: chosen('gender') },
    { text: age?.value ?? '' },
    { text: chosen('education') },
    { text: chosen('occupation') },
    { text: excerpt },
  ];
}

/** The saved row in words, field by field, for the status line. */
export function readOut(messages: Messages, cells: Entry['cells']): string {
  const [date, service, digits, gender, ageText, education, occupation, said] = cells.map(
    (cell) => cell.text || messages.none,
  );
  return fill(messages.row, {
    date: date ?? '',
    service: service ?? '',
    scores: digits ?? '',
    gender: gender ?? '',
    age: ageText ?? '',
    education: education ?? '',
    occupation: occupation ?? '',
    comment: said ?? '',
  });
}
