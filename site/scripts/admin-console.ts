/**
 * The admin console's only script: forms marked `data-endpoint` go to the admin API as JSON (or CSV) with the
 * session's CSRF token, and the answer or its problem+json errors show in the form's status region; `data-array`,
 * `data-from-hash` and `data-must-match` shape what is sent. docs/accounts.md.
 */

interface Problem {
  title?: string;
  detail?: string;
  errors?: { field: string; detail: string }[];
}

const csrfToken = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

function formJson(form: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const element of Array.from(form.elements)) {
    if (
      !(
        element instanceof HTMLInputElement ||
        element instanceof HTMLSelectElement ||
        element instanceof HTMLTextAreaElement
      )
    )
      continue;
    if (!element.name || element.type === 'file') continue;
    // Checkboxes marked `data-array` collect their checked values into one array.
    if (element instanceof HTMLInputElement && element.type === 'checkbox' && element.dataset.array !== undefined) {
      const list = Array.isArray(body[element.name]) ? (body[element.name] as string[]) : [];
      if (element.checked) list.push(element.value);
      body[element.name] = list;
    } else if (element instanceof HTMLInputElement && element.type === 'checkbox') {
      body[element.name] = element.checked;
    } else if (element.dataset.boolean !== undefined) {
      body[element.name] = element.value === 'true';
    } else if (element.value.trim() === '') {
      if (element.dataset.emptyNull !== undefined) body[element.name] = null;
    } else {
      body[element.name] = element.dataset.number !== undefined ? Number(element.value) : element.value.trim();
    }
  }
  return body;
}

async function requestBody(form: HTMLFormElement): Promise<{ body?: string; contentType?: string }> {
  if (form.dataset.format === 'csv') {
    const file = form.querySelector<HTMLInputElement>('input[type="file"]')?.files?.[0];
    return { body: file ? await file.text() : '', contentType: 'text/csv' };
  }
  if (form.dataset.method === 'DELETE' || form.dataset.bodyless !== undefined) return {};
  return { body: JSON.stringify(formJson(form)), contentType: 'application/json' };
}

function showProblem(status: HTMLElement, problem: Problem, fallback: string) {
  status.replaceChildren();
  const summary = document.createElement('p');
  summary.textContent = problem.detail ?? problem.title ?? fallback;
  status.append(summary);
  if (problem.errors?.length) {
    const list = document.createElement('ul');
    for (const error of problem.errors) {
      const item = document.createElement('li');
      item.textContent = `${error.field}: ${error.detail}`;
      list.append(item);
    }
    status.append(list);
  }
  status.dataset.state = 'error';
}

// An invitation or reset token travels in the URL's fragment, which the browser never sends to the server itself.
for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[data-from-hash]'))) {
  input.value = decodeURIComponent(window.location.hash.slice(1));
  // Out of the address bar (and so out of history and screenshots) once read.
  if (input.value) window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.endpoint) return;
  event.preventDefault();
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
  const status = form.querySelector<HTMLElement>('[role="status"]') ?? document.createElement('div');
  // `data-must-match="<id>"`: two password fields that differ are refused before anything is sent.
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>('input[data-must-match]'))) {
    const other = document.getElementById(input.dataset.mustMatch ?? '');
    if (other instanceof HTMLInputElement && other.value !== input.value) {
      showProblem(status, { detail: input.dataset.mismatch ?? 'Mismatch' }, 'Mismatch');
      input.focus();
      return;
    }
  }
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"], button:not([type])');
  status.dataset.state = 'working';
  status.textContent = form.dataset.working ?? '…';
  if (button) button.disabled = true;
  try {
    const { body, contentType } = await requestBody(form);
    const headers: Record<string, string> = { 'X-CSRF-Token': csrfToken, Accept: 'application/json' };
    if (contentType) headers['Content-Type'] = contentType;
    const response = await fetch(form.dataset.endpoint, {
      method: form.dataset.method ?? 'POST',
      headers,
      body,
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => ({}))) as Problem;
      showProblem(status, problem, `HTTP ${response.status}`);
      return;
    }
    const result =
      response.status === 204 ? {} : ((await response.json().catch(() => ({}))) as Record<string, unknown>);
    if (form.dataset.revealQr && typeof result[form.dataset.revealQr] === 'string') {
      // The authenticator's QR code, as an image (never inserted as markup), with the key to type instead.
      const image = document.createElement('img');
      image.src = `data:image/svg+xml;base64,${btoa(String(result[form.dataset.revealQr]))}`;
      image.alt = form.dataset.revealQrAlt ?? '';
      image.width = 220;
      image.height = 220;
      const secret = document.createElement('output');
      secret.textContent = String(result[form.dataset.reveal ?? ''] ?? '');
      status.replaceChildren(
        document.createTextNode(form.dataset.revealLabel ?? ''),
        document.createElement('br'),
        image,
        document.createElement('br'),
        secret,
      );
      status.dataset.state = 'done';
      return;
    }
    if (form.dataset.reveal && typeof result[form.dataset.reveal] === 'string') {
      // A secret shown once (a new API key): leave it on screen instead of reloading.
      const output = document.createElement('output');
      output.textContent = String(result[form.dataset.reveal]);
      status.replaceChildren(
        document.createTextNode(form.dataset.revealLabel ?? ''),
        document.createElement('br'),
        output,
      );
      status.dataset.state = 'done';
      return;
    }
    status.textContent = form.dataset.done ?? 'OK';
    status.dataset.state = 'done';
    if (form.dataset.redirect) window.location.assign(form.dataset.redirect);
    else if (form.dataset.reload !== undefined) window.location.reload();
  } catch (error) {
    showProblem(status, {}, error instanceof Error ? error.message : String(error));
  } finally {
    if (button) button.disabled = false;
  }
});
