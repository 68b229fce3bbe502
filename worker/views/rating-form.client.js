// The rating form's only script (inlined with a CSP nonce). Without it the form still works as a plain POST.
// With it: progress, a character counter, and answers that are never lost: each submission gets a UUID, waits
// in localStorage until the server acknowledges it, and is sent again when the connection returns or the page
// is opened again. The server is idempotent on that UUID, so resending is always safe.
(() => {
  const form = document.getElementById('rating');
  const configElement = document.getElementById('rating-config');
  if (!form || !configElement || !window.fetch || !window.localStorage) return;
  const cfg = JSON.parse(configElement.textContent);
  const m = cfg.messages;
  const QUEUE = 'suara-layanan:queue';
  const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
  const ELEMENTS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
  const status = document.getElementById('status');
  const button = form.querySelector('button[type="submit"]');
  const buttonText = button.textContent;
  let pendingId = null;
  let timer = 0;

  const field = (name) => form.elements.namedItem(name);
  const value = (name) => {
    const input = field(name);
    return input ? String(input.value || '').trim() : '';
  };

  // Progress, and clearing an element's error once it is answered.
  const progress = document.getElementById('progress');
  const bar = progress.querySelector('progress');
  const progressText = progress.querySelector('p');
  const updateProgress = () => {
    const answered = ELEMENTS.filter((name) => value(name) !== '').length;
    bar.value = answered;
    progressText.textContent = m.progress.replace('{n}', answered);
  };
  progress.hidden = false;
  updateProgress();
  form.addEventListener('change', (event) => {
    updateProgress();
    if (event.target.name && event.target.type === 'radio') showError(event.target.name, false);
  });

  const comment = field('comment');
  const count = document.getElementById('comment-count');
  const updateCount = () => {
    count.textContent = m.characters.replace('{n}', comment.value.length);
  };
  comment.addEventListener('input', updateCount);
  updateCount();

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'alert' : 'alert info';
    status.hidden = !text;
  }

  function showError(name, on) {
    const box = document.getElementById(`f-${name}`);
    const message = document.getElementById(`err-${name}`);
    if (!box || !message) return false;
    message.hidden = !on;
    box.classList.toggle('invalid', on);
    if (on) box.setAttribute('aria-describedby', message.id);
    else box.removeAttribute('aria-describedby');
    return true;
  }

  function readQueue() {
    try {
      const queue = JSON.parse(localStorage.getItem(QUEUE) || '[]');
      return Array.isArray(queue) ? queue.filter((item) => Date.now() - item.at < MAX_AGE_MS) : [];
    } catch {
      return [];
    }
  }

  function writeQueue(queue) {
    try {
      if (queue.length) localStorage.setItem(QUEUE, JSON.stringify(queue));
      else localStorage.removeItem(QUEUE);
    } catch {
      // Storage full or disabled: the submission still goes out now, it just cannot wait for a reload.
    }
  }

  const forget = (id) => writeQueue(readQueue().filter((item) => item.body.submissionId !== id));

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** The widget's current token (fresh after a reload), else the dummy token of local development. */
  const turnstileToken = () => value('cf-turnstile-response') || value('turnstileToken');

  function collect() {
    const answers = {};
    for (const name of ELEMENTS) if (value(name)) answers[name] = Number(value(name));
    const body = { counter: cfg.counter, answers, turnstileToken: '', submissionId: '' };
    if (value('service')) body.service = value('service');
    if (value('comment')) body.comment = comment.value;
    if (value('k')) body.kioskToken = value('k');
    const respondent = {};
    for (const name of ['gender', 'education', 'occupation']) if (value(name)) respondent[name] = value(name);
    if (value('age')) respondent.age = Number(value('age'));
    if (Object.keys(respondent).length) body.respondent = respondent;
    return body;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(flush, 15000);
  }

  function done(own) {
    if (own) {
      button.disabled = false;
      button.textContent = buttonText;
    }
  }

  async function send(item, own) {
    item.body.turnstileToken = turnstileToken() || item.body.turnstileToken;
    let response;
    try {
      response = await fetch(cfg.api, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(item.body),
      });
    } catch {
      if (own) say(m.queued, false);
      done(own);
      schedule();
      return;
    }
    if (response.status === 200 || response.status === 201) {
      const { id } = await response.json();
      forget(item.body.submissionId);
      location.assign(`${item.thanks}${item.thanks.includes('?') ? '&' : '?'}id=${encodeURIComponent(id)}`);
      return;
    }
    const problem = await response.json().catch(() => ({}));
    const widget = window.turnstile && field('cf-turnstile-response');
    if (response.status >= 500 || (response.status === 403 && widget)) {
      // Worth another try: Cloudflare was unreachable, or the token expired while the rating waited.
      if (response.status === 403) window.turnstile.reset();
      if (own) say(response.status === 403 ? m.errBot : m.errUnavailable, true);
      done(own);
      schedule();
      return;
    }
    // 400, 404, 413, 429: the server will not take this rating as it is.
    forget(item.body.submissionId);
    if (own) {
      pendingId = null;
      let general = response.status === 429 ? m.errTooMany : m.errGeneral;
      let first = null;
      for (const error of problem.errors || []) {
        const name = error.field.replace(/^(answers|respondent)\./, '');
        if (error.field === 'kioskToken') general = m.errKiosk;
        else if (showError(name, true)) first = first || name;
      }
      say(first ? m.fix : general, true);
      if (first) document.getElementById(`f-${first}`).scrollIntoView();
    }
    done(own);
  }

  function flush() {
    for (const item of readQueue()) send(item, item.body.submissionId === pendingId);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = collect();
    for (const name of ELEMENTS) showError(name, false);
    const missing = ELEMENTS.filter((name) => !body.answers[name]);
    if (missing.length) {
      for (const name of missing) showError(name, true);
      say(m.fix, true);
      const first = form.querySelector(`input[name="${missing[0]}"]`);
      first.focus();
      document.getElementById(`f-${missing[0]}`).scrollIntoView();
      return;
    }
    say('', false);
    // One id per filled-in form: a double tap or a resend is the same submission.
    pendingId = pendingId || uuid();
    body.submissionId = pendingId;
    writeQueue([
      ...readQueue().filter((item) => item.body.submissionId !== pendingId),
      { body, thanks: cfg.thanks, at: Date.now() },
    ]);
    button.disabled = true;
    button.textContent = m.sending;
    send({ body, thanks: cfg.thanks }, true);
  });

  window.addEventListener('online', flush);
  // A rating that could not be sent before (offline, closed tab, reload) goes out now.
  if (readQueue().length) flush();
})();
