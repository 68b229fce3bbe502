// The rating form's only script (inlined with a CSP nonce). Without it the form still works as a plain POST.
// With it: progress, a character counter, and answers that are never lost (docs/rating.md "Never losing an
// answer"): each submission gets a UUID and waits in localStorage, under its own counter's key, until the server
// has stored it. Only the tab that submitted a rating is taken to its thanks page; others deliver it quietly.
(() => {
  const form = document.getElementById('rating');
  const configElement = document.getElementById('rating-config');
  if (!form || !configElement || !window.fetch || !window.localStorage) return;
  const cfg = JSON.parse(configElement.textContent);
  const m = cfg.messages;
  // One queue per counter; the bare key is the queue of earlier versions (all counters together).
  const QUEUE = 'suara-layanan:queue';
  const MINE = 'suara-layanan:mine';
  const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
  const ELEMENTS = cfg.elements;
  const status = document.getElementById('status');
  const button = form.querySelector('button[type="submit"]');
  const buttonText = button.textContent;
  // Messages appear where the citizen is looking: by the button they just pressed (a server-rendered error stays).
  if (status.hidden) button.before(status);
  // A kiosk screen (the tablet at the counter) is shared: the next citizen must not inherit a waiting rating.
  const kiosk = /[?&]kiosk=1/.test(cfg.thanks);
  const flying = new Set();
  let pendingId = null;
  let timer = 0;
  let timerAt = 0;

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
  // A polite word about a rating made earlier on this phone (for any counter), never a navigation.
  const note = document.createElement('div');
  note.id = 'earlier';
  note.className = 'small';
  note.setAttribute('role', 'status');
  progress.before(note);

  const comment = field('comment');
  const count = document.getElementById('comment-count');
  const updateCount = () => {
    count.textContent = m.characters.replace('{n}', comment.value.length);
  };
  comment.addEventListener('input', updateCount);
  updateCount();

  // Switching the language loads the form anew: its answers travel in this tab's sessionStorage, under the
  // counter's key, for that one load only (read back within a minute and dropped, so a kiosk's next citizen
  // never inherits them). Answers the server rendered (a re-shown form) win.
  const DRAFT = `suara-layanan:draft:${cfg.counter}`;
  const KEPT = ['service', ...ELEMENTS, 'gender', 'age', 'education', 'occupation', 'comment'];
  const switcher = document.querySelector('a.lang');
  if (switcher) {
    switcher.addEventListener('click', () => {
      const values = {};
      for (const name of KEPT) if (field(name)?.value) values[name] = field(name).value;
      try {
        sessionStorage.setItem(DRAFT, JSON.stringify({ at: Date.now(), values }));
      } catch {
        // Storage disabled: the other language opens empty, as it would without the script.
      }
    });
  }
  try {
    const draft = JSON.parse(sessionStorage.getItem(DRAFT) || 'null');
    sessionStorage.removeItem(DRAFT);
    if (draft && Date.now() - draft.at < 60_000) {
      for (const [name, kept] of Object.entries(draft.values)) {
        const input = KEPT.includes(name) ? field(name) : null;
        if (input && !input.value) input.value = String(kept);
      }
      if (['gender', 'age', 'education', 'occupation'].some((name) => draft.values[name])) {
        form.querySelector('details').open = true;
      }
      updateProgress();
      updateCount();
    }
  } catch {
    // A draft that cannot be read is no draft.
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'alert' : 'alert info';
    status.hidden = !text;
    if (text) status.scrollIntoView({ block: 'nearest' });
  }

  function showError(name, on) {
    const box = document.getElementById(`f-${name}`);
    const message = document.getElementById(`err-${name}`);
    if (!box || !message) return false;
    message.hidden = !on;
    box.classList.toggle('invalid', on);
    // The error first, then what the box always points to (the keyboard hint of the first question).
    const described = [on ? message.id : '', box.dataset.describedby || ''].filter(Boolean).join(' ');
    if (described) box.setAttribute('aria-describedby', described);
    else box.removeAttribute('aria-describedby');
    return true;
  }

  function read(key) {
    try {
      const queue = JSON.parse(localStorage.getItem(key) || '[]');
      return Array.isArray(queue) ? queue.filter((item) => item?.body && Date.now() - item.at < MAX_AGE_MS) : [];
    } catch {
      return [];
    }
  }

  function write(key, queue) {
    try {
      if (queue.length) localStorage.setItem(key, JSON.stringify(queue));
      else localStorage.removeItem(key);
    } catch {
      // Storage full or disabled: the submission still goes out now, it just cannot wait for a reload.
    }
  }

  const keyOf = (item) => `${QUEUE}:${item.body.counter}`;
  const others = (item) => read(keyOf(item)).filter((x) => x.body.submissionId !== item.body.submissionId);
  const put = (item) => write(keyOf(item), [...others(item), item]);
  const forget = (item) => write(keyOf(item), others(item));

  function queued() {
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith(`${QUEUE}:`)) keys.push(key);
    }
    return keys.flatMap(read);
  }

  // The submissions made in this tab: only these may lead to a thanks page (also after a reload).
  function mine() {
    try {
      return JSON.parse(sessionStorage.getItem(MINE) || '[]');
    } catch {
      return [];
    }
  }
  function remember(id) {
    try {
      sessionStorage.setItem(MINE, JSON.stringify([...mine(), id].slice(-20)));
    } catch {
      // No session storage: pendingId still marks this page's own rating.
    }
  }

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /**
   * A random id for this phone's browser, kept across visits: on a shared network it tells phones apart where their
   * user agents no longer do (the server keeps only a salted hash of it). Not on a shared kiosk tablet.
   */
  function installId() {
    if (kiosk) return null;
    try {
      let id = localStorage.getItem('suara-layanan:client');
      if (!id) {
        id = uuid();
        localStorage.setItem('suara-layanan:client', id);
      }
      return id;
    } catch {
      return null;
    }
  }

  /** The widget's current token (fresh after a reload), else the dummy token of local development. */
  const turnstileToken = () => value('cf-turnstile-response') || value('turnstileToken');
  // Turnstile is on (the widget's script may still be loading): a 403 then means "try again with a new token".
  const guarded = !!form.querySelector('.cf-turnstile');
  const resetToken = () => window.turnstile?.reset();

  function collect() {
    const answers = {};
    for (const name of ELEMENTS) if (value(name)) answers[name] = Number(value(name));
    const body = { counter: cfg.counter, answers, turnstileToken: '', submissionId: '' };
    if (value('service')) body.service = value('service');
    if (value('comment')) body.comment = comment.value;
    if (value('k')) body.kioskToken = value('k');
    const client = installId();
    if (client) body.clientId = client;
    const respondent = {};
    for (const name of ['gender', 'education', 'occupation']) if (value(name)) respondent[name] = value(name);
    if (value('age')) respondent.age = Number(value('age'));
    if (Object.keys(respondent).length) body.respondent = respondent;
    return body;
  }

  /** The next try in `ms` (15 s by default), unless one is due sooner. */
  function schedule(ms = 15000) {
    const at = Date.now() + ms;
    if (timer && timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(flush, ms);
  }

  function done() {
    button.disabled = false;
    button.textContent = buttonText;
  }

  /** Kept for another try; the citizen who made it is told so (on a kiosk, over a fresh form for the next one). */
  function keep(own, text, isError, ms) {
    if (own) {
      say(text, isError);
      done();
      if (kiosk) {
        pendingId = null;
        form.reset();
        updateProgress();
        updateCount();
      }
    }
    schedule(ms);
  }

  async function send(item) {
    const id = item.body.submissionId;
    if (flying.has(id)) return;
    const own = item.body.counter === cfg.counter && (id === pendingId || mine().includes(id));
    // Another rating goes out only once the widget holds a token (reset afterwards for the citizen here).
    if (!own && guarded && !value('cf-turnstile-response')) return schedule();
    item.body.turnstileToken = turnstileToken() || item.body.turnstileToken;
    // Sent before the widget had a token, it would be refused as invalid (400) and dropped: wait a moment instead.
    if (!item.body.turnstileToken) return keep(own, m.errBot, true, 3000);
    flying.add(id);
    let response;
    try {
      response = await fetch(cfg.api, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(item.body),
      });
    } catch {
      return keep(own, m.queued, false);
    } finally {
      flying.delete(id);
    }
    // A Turnstile token is good once: the citizen's own rating on this page needs a fresh one.
    if (!own && guarded) resetToken();
    const code = response.status;
    if (code === 200 || code === 201) {
      const stored = await response.json();
      forget(item);
      if (!own) note.textContent = m.sentEarlier;
      else
        location.assign(
          `${item.thanks}${item.thanks.includes('?') ? '&' : '?'}id=${encodeURIComponent(stored.id)}${stored.held ? '&held=1' : ''}`,
        );
      return;
    }
    const problem = await response.json().catch(() => ({}));
    if (code === 429) {
      // Not stored yet, and never dropped: it waits on this phone for the time the server asked.
      const seconds = Number(response.headers.get('retry-after'));
      item.retryAt = Date.now() + (seconds > 0 ? seconds : 60) * 1000;
      put(item);
      return keep(own, m.tooManyQueued, false, item.retryAt - Date.now());
    }
    if (code >= 500 || (code === 403 && guarded)) {
      // Worth another try: Cloudflare was unreachable, or the token expired (or was not ready) while it waited.
      if (code === 403) resetToken();
      return keep(own, code === 403 ? m.errBot : m.errUnavailable, true);
    }
    // 400, 404, 413: the server can never store this rating as it is. Say why, then let it go.
    forget(item);
    if (!own) {
      note.textContent = m.earlierRefused;
      return;
    }
    pendingId = null;
    let general = m.errGeneral;
    let first = null;
    for (const error of problem.errors || []) {
      const name = error.field.replace(/^(answers|respondent)\./, '');
      if (error.field === 'kioskToken') general = m.errKiosk;
      else if (showError(name, true)) first = first || name;
    }
    say(first ? m.fix : general, true);
    if (first) document.getElementById(`f-${first}`).scrollIntoView();
    done();
  }

  function flush() {
    clearTimeout(timer);
    timer = 0;
    for (const item of queued()) {
      const wait = (item.retryAt || 0) - Date.now();
      if (wait > 0) schedule(wait);
      else send(item);
    }
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
    if (!pendingId) {
      pendingId = uuid();
      if (!kiosk) remember(pendingId);
    }
    body.submissionId = pendingId;
    const item = { body, thanks: cfg.thanks, at: Date.now() };
    put(item);
    button.disabled = true;
    button.textContent = m.sending;
    send(item);
  });

  // Ratings queued by an earlier version of this script move to their counters' queues.
  for (const item of read(QUEUE)) put(item);
  write(QUEUE, []);
  window.addEventListener('online', flush);
  // A rating that could not be sent before (offline, closed tab, reload, any counter) goes out now.
  flush();
})();
