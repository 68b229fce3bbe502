/**
 * Saving one questionnaire (docs/spec.md §5): checked here first so a wrong field is focused at once, then posted
 * with the session's submissionId, which changes only once the API confirms: a retry never stores twice.
 */
import { request, showRefusal } from './api';
import { readOut, renderEntries, type Session, savedCells } from './entries';
import { type Feedback, markInvalid } from './feedback';
import { chosenValue, fill, type PaperPage } from './page';

/** The age as a number (null when left empty), or false when a field is wrong: then it is marked and focused. */
function checked({ scores, date, age, messages }: PaperPage, { say }: Feedback): number | null | false {
  const missing = scores.filter((input) => !/^[1-4]$/.test(input.value));
  for (const input of scores) markInvalid(input, missing.includes(input));
  if (missing.length > 0) {
    say(fill(messages.missing, { codes: missing.map((input) => input.dataset.code).join(', ') }), 'error');
    missing[0]?.focus();
    return false;
  }
  if (date && (!date.value || date.value < date.min || date.value > date.max)) {
    markInvalid(date, true);
    say(fill(messages.badDate, { min: date.min, max: date.max }), 'error');
    date.focus();
    return false;
  }
  markInvalid(date, false);
  const ageValue = age?.value ? Number(age.value) : null;
  const minAge = Number(age?.dataset.min ?? 15);
  const maxAge = Number(age?.dataset.max ?? 100);
  if (ageValue !== null && !(ageValue >= minAge && ageValue <= maxAge)) {
    markInvalid(age, true);
    say(messages.badAge, 'error');
    age?.focus();
    return false;
  }
  return ageValue;
}

function bodyOf({ form, scores, date, comment }: PaperPage, submissionId: string, ageValue: number | null) {
  const respondent = {
    gender: chosenValue(form, 'gender'),
    age: ageValue ?? undefined,
    education: chosenValue(form, 'education'),
    occupation: chosenValue(form, 'occupation'),
  };
  return {
    submissionId,
    date: date?.value,
    service: chosenValue(form, 'service'),
    answers: Object.fromEntries(scores.map((input) => [input.dataset.code, Number(input.value)])),
    respondent: Object.values(respondent).some((v) => v !== undefined) ? respondent : undefined,
    comment: comment?.value.trim() || undefined,
  };
}

/** Empties the form for the next questionnaire and puts the cursor on the first score. */
function clearForm({ scores, optional }: PaperPage, { clearRefusal }: Feedback) {
  for (const input of scores) {
    input.value = '';
    markInvalid(input, false);
  }
  for (const field of optional) {
    if (field instanceof HTMLSelectElement) field.selectedIndex = 0;
    else field.value = '';
    markInvalid(field, false);
  }
  clearRefusal();
  scores[0]?.focus();
}

async function save(page: PaperPage, fb: Feedback, session: Session, body: ReturnType<typeof bodyOf>) {
  const { messages, scores } = page;
  const response = await request(page, 'POST', page.endpoint, body);
  if (response.status !== 201 && response.status !== 200) {
    await showRefusal(page, fb, messages.failed, response);
    return;
  }
  const { id } = (await response.json()) as { id: string };
  const cells = savedCells(page, body.date ?? '', scores.map((input) => input.value).join(''), body.comment ?? '');
  if (!session.entries.some((entry) => entry.id === id)) session.entries.push({ id, cells });
  session.submissionId = crypto.randomUUID();
  renderEntries(page, session.entries);
  clearForm(page, fb);
  const row = readOut(messages, cells);
  fb.say(response.status === 201 ? fill(messages.saved, { n: session.entries.length, row }) : messages.repeat);
}

export function submitting(page: PaperPage, fb: Feedback, session: Session): void {
  page.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (session.busy) return;
    const ageValue = checked(page, fb);
    if (ageValue === false) return;
    const body = bodyOf(page, session.submissionId, ageValue);
    session.busy = true;
    fb.say(page.messages.saving, 'working');
    try {
      await save(page, fb, session, body);
    } catch {
      // The questionnaire may or may not have arrived: the same submissionId makes a retry safe.
      fb.say(page.messages.offline, 'error');
    } finally {
      session.busy = false;
    }
  });
}
