/**
 * Keyboard-fast paper entry (kertas.astro, docs/spec.md §5): a digit fills a one-digit field and moves on; a Tab
 * right after such a move is absorbed, and the free-typed age never moves by itself, so a habitual Tab skips nothing.
 * Each saved row is shown field by field. A submissionId kept until the API confirms makes a retry never store twice.
 */

interface Problem {
  detail?: string;
  title?: string;
  errors?: { field: string; detail: string }[];
}

/** A saved questionnaire as the operator keyed it, one value per column of the session table. */
interface Entry {
  id: string;
  cells: { text: string; scores?: boolean }[];
}

type Messages = Record<
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

const form = document.querySelector<HTMLFormElement>('#paper-form');
if (form) setUp(form);

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

function setUp(form: HTMLFormElement) {
  const endpoint = form.dataset.paperEndpoint ?? '';
  const messages = JSON.parse(document.querySelector('#paper-messages')?.textContent ?? '{}') as Messages;
  const csrfToken = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
  const scores = Array.from(form.querySelectorAll<HTMLInputElement>('input.score'));
  const optional = Array.from(form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('.paper-next'));
  const order: (HTMLInputElement | HTMLSelectElement)[] = [...scores, ...optional];
  const date = form.querySelector<HTMLInputElement>('#paper-date');
  const age = form.querySelector<HTMLInputElement>('#paper-age');
  const comment = form.querySelector<HTMLInputElement>('#paper-comment');
  const keyMessage = form.querySelector<HTMLElement>('#paper-key-message');
  const status = form.querySelector<HTMLElement>('#paper-status');
  const undoButton = form.querySelector<HTMLButtonElement>('#paper-undo');
  const list = document.querySelector<HTMLTableSectionElement>('#paper-entries');
  const empty = document.querySelector<HTMLElement>('#paper-empty');
  const count = document.querySelector<HTMLElement>('#paper-count');
  const entries: Entry[] = [];
  let submissionId = crypto.randomUUID();
  let busy = false;

  const say = (text: string, state: 'done' | 'error' | 'working' = 'done') => {
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state;
  };
  const refuse = (text: string) => {
    // Cleared first so the same message is announced again on a second wrong key.
    if (!keyMessage) return;
    keyMessage.textContent = '';
    requestAnimationFrame(() => {
      keyMessage.textContent = text;
    });
  };
  const clearRefusal = () => {
    if (keyMessage) keyMessage.textContent = '';
  };
  // The field a digit just moved focus to: a Tab pressed at once means "next field", which already happened.
  let advanced: Element | null = null;
  const move = (field: Element, step: 1 | -1) => {
    const next = order[order.indexOf(field as HTMLInputElement) + step];
    next?.focus();
    if (step === 1) advanced = next ?? null;
    return next;
  };
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
  const markInvalid = (field: Element | null | undefined, invalid: boolean) => {
    if (!field) return;
    if (invalid) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  };

  for (const input of scores) {
    input.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^[1-4]$/.test(event.key)) {
        event.preventDefault();
        input.value = event.key;
        markInvalid(input, false);
        clearRefusal();
        move(input, 1);
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
        refuse(fill(messages.onlyDigits, { code: input.dataset.code ?? '' }));
      }
    });
    // Phone keyboards often send no usable key code: judge what arrived instead.
    input.addEventListener('input', () => {
      const typed = input.value.slice(-1);
      if (/^[1-4]$/.test(typed)) {
        input.value = typed;
        markInvalid(input, false);
        clearRefusal();
        move(input, 1);
      } else if (input.value !== '') {
        input.value = '';
        refuse(fill(messages.onlyDigits, { code: input.dataset.code ?? '' }));
      }
    });
  }

  /** A digit in a numbered choice: picks that option and moves on, or says which digits it takes. */
  const choose = (select: HTMLSelectElement, digit: string) => {
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

  const minAge = Number(age?.dataset.min ?? 15);
  const maxAge = Number(age?.dataset.max ?? 100);
  if (age) {
    // An age has two or three digits, so it never moves on by itself (a Tab after it would skip education).
    // Only a digit that cannot belong to it goes on to the next field, as if that field had been reached.
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
  comment?.addEventListener('keydown', (event) => {
    if (event.key === 'Backspace' && comment.value === '') {
      event.preventDefault();
      move(comment, -1);
    }
  });

  // Enter saves from anywhere in the form (a focused select would otherwise swallow it).
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    form.requestSubmit();
  });

  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.key.toLowerCase() !== 'z') return;
    // In the comment box with text, Ctrl+Z is the browser's own text undo.
    if (document.activeElement === comment && comment?.value) return;
    event.preventDefault();
    void undoLast();
  });
  undoButton?.addEventListener('click', () => void undoLast());

  const render = () => {
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
  };

  /** The row as it was keyed: the chosen options' own words (without their digit), the comment's start. */
  const saved = (day: string, digits: string, text: string): Entry['cells'] => {
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
  };

  const clearForm = () => {
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
  };

  const fieldOf = (path: string): Element | null => {
    const score = scores.find((input) => path === `answers.${input.dataset.code}`);
    if (score) return score;
    const name = path.replace(/^respondent\./, '');
    return form.querySelector(`[name="${CSS.escape(name)}"]`);
  };

  const showProblem = (lead: string, problem: Problem, fallback: string) => {
    const details = problem.errors?.map((e) => `${e.field}: ${e.detail}`) ?? [];
    say([lead, problem.detail ?? problem.title ?? fallback, ...details].join(' '), 'error');
    for (const error of problem.errors ?? []) markInvalid(fieldOf(error.field), true);
    const first = problem.errors?.[0];
    if (first) (fieldOf(first.field) as HTMLElement | null)?.focus();
  };

  const request = (method: string, url: string, body?: unknown) =>
    fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        'X-CSRF-Token': csrfToken,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const missing = scores.filter((input) => !/^[1-4]$/.test(input.value));
    for (const input of scores) markInvalid(input, missing.includes(input));
    if (missing.length > 0) {
      say(fill(messages.missing, { codes: missing.map((input) => input.dataset.code).join(', ') }), 'error');
      missing[0]?.focus();
      return;
    }
    if (date && (!date.value || date.value < date.min || date.value > date.max)) {
      markInvalid(date, true);
      say(fill(messages.badDate, { min: date.min, max: date.max }), 'error');
      date.focus();
      return;
    }
    markInvalid(date, false);
    const ageValue = age?.value ? Number(age.value) : null;
    if (ageValue !== null && !(ageValue >= minAge && ageValue <= maxAge)) {
      markInvalid(age, true);
      say(messages.badAge, 'error');
      age?.focus();
      return;
    }
    const value = (name: string) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`)?.value || undefined;
    const respondent = {
      gender: value('gender'),
      age: ageValue ?? undefined,
      education: value('education'),
      occupation: value('occupation'),
    };
    const answers = Object.fromEntries(scores.map((input) => [input.dataset.code, Number(input.value)]));
    const body = {
      submissionId,
      date: date?.value,
      service: value('service'),
      answers,
      respondent: Object.values(respondent).some((v) => v !== undefined) ? respondent : undefined,
      comment: comment?.value.trim() || undefined,
    };
    busy = true;
    say(messages.saving, 'working');
    try {
      const response = await request('POST', endpoint, body);
      if (response.status !== 201 && response.status !== 200) {
        showProblem(messages.failed, (await response.json().catch(() => ({}))) as Problem, `HTTP ${response.status}`);
        return;
      }
      const { id } = (await response.json()) as { id: string };
      const cells = saved(body.date ?? '', scores.map((input) => input.value).join(''), body.comment ?? '');
      if (!entries.some((entry) => entry.id === id)) entries.push({ id, cells });
      submissionId = crypto.randomUUID();
      render();
      clearForm();
      const [date, service, digits, gender, ageText, education, occupation, said] = cells.map(
        (cell) => cell.text || messages.none,
      );
      const row = fill(messages.row, {
        date: date ?? '',
        service: service ?? '',
        scores: digits ?? '',
        gender: gender ?? '',
        age: ageText ?? '',
        education: education ?? '',
        occupation: occupation ?? '',
        comment: said ?? '',
      });
      say(response.status === 201 ? fill(messages.saved, { n: entries.length, row }) : messages.repeat);
    } catch {
      // The questionnaire may or may not have arrived: the same submissionId makes a retry safe.
      say(messages.offline, 'error');
    } finally {
      busy = false;
    }
  });

  async function undoLast() {
    const last = entries.at(-1);
    if (!last) {
      say(messages.nothingToUndo, 'error');
      return;
    }
    if (busy) return;
    busy = true;
    try {
      const response = await request('DELETE', `${endpoint}/${encodeURIComponent(last.id)}`);
      // 404: it is already gone (undone in another tab): the list just catches up.
      if (response.status !== 204 && response.status !== 404) {
        showProblem(
          messages.undoFailed,
          (await response.json().catch(() => ({}))) as Problem,
          `HTTP ${response.status}`,
        );
        return;
      }
      entries.pop();
      render();
      scores[0]?.focus();
      say(fill(messages.undone, { n: entries.length }));
    } catch {
      say(messages.undoFailed, 'error');
    } finally {
      busy = false;
    }
  }

  render();
  // Ready to type at once, also where the browser ignores autofocus.
  scores[0]?.focus();
}
