/**
 * Keyboard-fast paper entry (site/pages/admin/[region]/[unit]/kertas.astro). Each digit 1–4 fills the next element
 * and moves on, so a questionnaire is nine keystrokes and Enter; numbered choices take one digit each. Every entry
 * carries a submissionId made here and kept until the API confirms it, so pressing Enter again after a lost answer
 * never stores a questionnaire twice. The API validates, stores and audits; this script only drives the keys.
 */

interface Problem {
  detail?: string;
  title?: string;
  errors?: { field: string; detail: string }[];
}

interface Entry {
  id: string;
  text: string;
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
  | 'count',
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
  const list = document.querySelector<HTMLOListElement>('#paper-entries');
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
  const move = (field: Element, step: 1 | -1) => {
    const next = order[order.indexOf(field as HTMLInputElement) + step];
    next?.focus();
    return next;
  };
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

  for (const select of form.querySelectorAll<HTMLSelectElement>('select.digit-choice')) {
    select.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        const index = Number(event.key);
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
      } else if (event.key === 'Backspace') {
        event.preventDefault();
        select.selectedIndex = 0;
        move(select, -1);
      }
    });
  }

  if (age) {
    age.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Backspace' && age.value === '') {
        event.preventDefault();
        move(age, -1);
      } else if (event.key.length === 1 && !/^[0-9]$/.test(event.key)) {
        event.preventDefault();
        refuse(messages.badAge);
      }
    });
    age.addEventListener('input', () => {
      age.value = age.value.replace(/\D/g, '');
      markInvalid(age, false);
      // Two digits make an age, except 10…, which may become 100.
      if (age.value.length === 3 || (age.value.length === 2 && age.value !== '10')) move(age, 1);
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
        .slice()
        .reverse()
        .map((entry) => {
          const item = document.createElement('li');
          item.textContent = entry.text;
          return item;
        }),
    );
    if (empty) empty.hidden = entries.length > 0;
    if (count) count.textContent = fill(messages.count, { n: entries.length });
    if (undoButton) undoButton.disabled = entries.length === 0;
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
    const match = /^answers\.(U[1-9])$/.exec(path);
    if (match) return form.querySelector(`#score-${match[1]}`);
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
    if (ageValue !== null && !(ageValue >= 15 && ageValue <= 100)) {
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
      if (!entries.some((entry) => entry.id === id)) {
        const digits = scores.map((input) => input.value).join('');
        const extras = [body.service, respondent.gender, respondent.age, respondent.education, respondent.occupation]
          .filter((v) => v !== undefined)
          .join(' ');
        entries.push({ id, text: `${body.date} · ${digits}${extras ? ` · ${extras}` : ''}` });
      }
      submissionId = crypto.randomUUID();
      render();
      clearForm();
      say(response.status === 201 ? fill(messages.saved, { n: entries.length }) : messages.repeat);
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
