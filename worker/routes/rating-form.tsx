/**
 * @module
 * The citizen's pages under `/r/{code}`: the rating form (POST too, for browsers without JavaScript), the thanks
 * page and the kiosk display, behind a nonce-only Content-Security-Policy (docs/spec.md §1, §5; docs/rating.md).
 */
import { type Context, Hono } from 'hono';
import { NONCE, type SecureHeadersVariables, secureHeaders } from 'hono/secure-headers';
import { renderSVG } from 'uqr';
import { ELEMENT_CODES, type Locale } from '../../domain/survey';
import { negotiateLocale } from '../../i18n/locale';
import { t } from '../../i18n/rating-words';
import { RatingSubmissionSchema } from '../contract/rating';
import { type Bindings, readConfig } from '../env';
import { limitBody } from '../http/body-limit';
import { isOwnOrigin, publicOrigin } from '../http/origin';
import { ProblemError } from '../http/problem';
import { waitUntilOf } from '../http/wait-until';
import { enrolKiosk, findEnrolledKiosk, kioskCookie, kioskCredentialOf } from '../security/kiosk-credential';
import { KIOSK_ROTATION_MS, signKioskToken } from '../security/kiosk-token';
import { findCounter, unitServices } from '../services/regions';
import { submitRating } from '../services/submit-rating';
import { documentOf } from '../views/layout';
import { type FormValues, RatingForm } from '../views/rating-form';
import { CounterUnavailablePage, KioskEnrolPage, KioskMessagePage, KioskPage, ThanksPage } from '../views/rating-pages';

type FormEnv = { Bindings: Bindings; Variables: SecureHeadersVariables };
type FormContext = Context<FormEnv>;

/** A form post is at most a few KB (a 1,000-character comment, percent-encoded, is under 12 KB). */
const MAX_FORM_BYTES = 32 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROFILE_FIELDS = ['gender', 'age', 'education', 'occupation'] as const;
/** A kiosk enrolment code: 256 random bits in base64url. */
const ENROLMENT_CODE = /^[A-Za-z0-9_-]{43}$/;

export const ratingFormRouter = new Hono<FormEnv>();

ratingFormRouter.use(
  '*',
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: [NONCE, 'https://challenges.cloudflare.com'],
      // Turnstile sets style attributes on its container; inline styles carry no script.
      styleSrc: ["'self'", "'unsafe-inline'"],
      frameSrc: ['https://challenges.cloudflare.com'],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'same-origin',
  }),
);

function localeOf(c: FormContext): Locale {
  return negotiateLocale(new URL(c.req.url), c.req.header('accept-language'));
}

/** `path` with the query parameters worth keeping (language, kiosk mode, kiosk token). */
function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

function html(c: FormContext, page: unknown, status: 200 | 400 | 401 | 403 | 404 | 410 | 429 | 503 = 200) {
  c.header('cache-control', 'no-store');
  return c.html(documentOf(page), status);
}

async function loadCounter(c: FormContext, code: string) {
  const found = await findCounter(c.env.DB, code);
  if (!found) return null;
  const services = await unitServices(c.env.DB, found.unit.id);
  return { ...found, services };
}

function unavailable(c: FormContext, locale: Locale, known: boolean) {
  return html(c, <CounterUnavailablePage locale={locale} known={known} />, known ? 410 : 404);
}

interface FormState {
  values: FormValues;
  errors: Partial<Record<string, string>>;
  formError: string | null;
  submissionId: string;
}

async function renderForm(c: FormContext, code: string, state: FormState, status: 200 | 400 | 403 | 429 | 503 = 200) {
  const locale = localeOf(c);
  const found = await loadCounter(c, code);
  if (!found) return unavailable(c, locale, false);
  if (!found.counter.active) return unavailable(c, locale, true);
  const config = readConfig(c.env);
  const url = new URL(c.req.url);
  const kioskMode = url.searchParams.get('kiosk') === '1';
  const lang = locale === 'en' ? 'en' : null;
  const kioskToken = state.values.k || url.searchParams.get('k') || null;
  const base = `/r/${encodeURIComponent(code)}`;
  const otherLocaleHref = withQuery(base, {
    lang: locale === 'en' ? 'id' : 'en',
    kiosk: kioskMode ? '1' : null,
    k: kioskToken,
  });
  return html(
    c,
    <RatingForm
      locale={locale}
      unitName={found.unit.name}
      counterName={found.counter.name}
      regionName={found.region.name}
      counterCode={code}
      services={found.services.map(({ slug, name }) => ({ slug, name }))}
      values={state.values}
      errors={state.errors}
      formError={state.formError}
      submissionId={state.submissionId}
      kioskToken={kioskToken}
      turnstileSiteKey={config.turnstile.secretKey ? config.turnstile.siteKey : null}
      nonce={c.get('secureHeadersNonce')}
      action={withQuery(base, { lang, kiosk: kioskMode ? '1' : null })}
      thanksHref={withQuery(`${base}/terima-kasih`, { lang, kiosk: kioskMode ? '1' : null })}
      otherLocaleHref={otherLocaleHref}
    />,
    status,
  );
}

ratingFormRouter.get('/:code', (c) =>
  renderForm(c, c.req.param('code'), { values: {}, errors: {}, formError: null, submissionId: crypto.randomUUID() }),
);

/** Which form field an API field error belongs to (`answers.U3` → `U3`), or null for the whole form. */
function formFieldOf(field: string): string | null {
  const name = field.replace(/^(answers|respondent)\./, '');
  if ((ELEMENT_CODES as readonly string[]).includes(name)) return name;
  return ['service', 'comment', ...PROFILE_FIELDS].includes(name) ? name : null;
}

function fieldMessage(locale: Locale, name: string): string {
  if (name.startsWith('U')) return t(locale, 'errAnswer');
  if (name === 'service') return t(locale, 'errService');
  if (name === 'age') return t(locale, 'errAge');
  if (name === 'comment') return t(locale, 'errComment');
  return t(locale, 'errChoice');
}

/** The posted strings as the API's body: numbers where numbers belong, empty fields left out. */
function submissionFromForm(code: string, values: FormValues) {
  const text = (name: string) => values[name]?.trim() || undefined;
  const number = (name: string) => {
    const value = text(name);
    return value !== undefined && /^\d{1,3}$/.test(value) ? Number(value) : value;
  };
  const respondent = Object.fromEntries(
    PROFILE_FIELDS.map((name) => [name, name === 'age' ? number(name) : text(name)]).filter(([, v]) => v !== undefined),
  );
  return {
    counter: code,
    service: text('service'),
    answers: Object.fromEntries(ELEMENT_CODES.map((element) => [element, number(element)])),
    comment: text('comment') === undefined ? undefined : values.comment,
    respondent: Object.keys(respondent).length > 0 ? respondent : undefined,
    turnstileToken: text('cf-turnstile-response') ?? text('turnstileToken') ?? '',
    submissionId: text('submissionId') ?? '',
    kioskToken: text('k'),
  };
}

ratingFormRouter.post('/:code', limitBody(MAX_FORM_BYTES), async (c) => {
  const code = c.req.param('code');
  const locale = localeOf(c);
  let posted: Record<string, unknown>;
  try {
    posted = await c.req.parseBody();
  } catch {
    // A malformed body (e.g. multipart without a boundary) is the sender's fault: the form again, with a 400.
    const state = { values: {}, errors: {}, formError: t(locale, 'errGeneral'), submissionId: crypto.randomUUID() };
    return renderForm(c, code, state, 400);
  }
  const values: FormValues = {};
  for (const [name, value] of Object.entries(posted)) {
    // Browsers send a textarea's line ends as CRLF; the 1,000-character limit counts them as one, like maxlength.
    if (typeof value === 'string') values[name] = value.replaceAll('\r\n', '\n');
  }
  const postedId = values.submissionId && UUID.test(values.submissionId) ? values.submissionId : crypto.randomUUID();
  const state: FormState = { values, errors: {}, formError: null, submissionId: postedId };

  const parsed = RatingSubmissionSchema.safeParse(submissionFromForm(code, { ...values, submissionId: postedId }));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = formFieldOf(issue.path.map(String).join('.'));
      if (name) state.errors[name] = fieldMessage(locale, name);
      else if (issue.path[0] === 'counter') return unavailable(c, locale, false);
      else state.formError = t(locale, issue.path[0] === 'turnstileToken' ? 'errBot' : 'errGeneral');
    }
    return renderForm(c, code, state, 400);
  }
  const outcome = await submitRating(
    { env: c.env, headers: c.req.raw.headers, waitUntil: waitUntilOf(c) },
    parsed.data,
  );
  switch (outcome.kind) {
    case 'stored':
    case 'repeat': {
      const thanks = withQuery(`/r/${encodeURIComponent(code)}/terima-kasih`, {
        lang: locale === 'en' ? 'en' : null,
        kiosk: c.req.query('kiosk') === '1' ? '1' : null,
        id: outcome.id,
        held: outcome.held ? '1' : null,
      });
      return c.redirect(thanks, 303);
    }
    case 'counter-inactive':
      return renderForm(c, code, state);
    case 'unknown-service':
      return renderForm(
        c,
        code,
        { ...state, errors: { ...state.errors, service: fieldMessage(locale, 'service') } },
        400,
      );
    case 'kiosk-token-invalid':
    case 'kiosk-token-expired':
      return renderForm(c, code, { ...state, formError: t(locale, 'errKiosk') }, 400);
    case 'device-minute-limit':
    case 'network-minute-limit':
      c.header('retry-after', String(outcome.retryAfter));
      return renderForm(c, code, { ...state, formError: t(locale, 'errMinuteLimit') }, 429);
    case 'bot-refused':
      return renderForm(c, code, { ...state, formError: t(locale, 'errBot') }, 403);
    case 'bot-unavailable':
      c.header('retry-after', String(outcome.retryAfter));
      return renderForm(c, code, { ...state, formError: t(locale, 'errUnavailable') }, 503);
  }
});

ratingFormRouter.get('/:code/terima-kasih', async (c) => {
  const code = c.req.param('code');
  const locale = localeOf(c);
  const found = await loadCounter(c, code);
  if (!found) return unavailable(c, locale, false);
  const id = c.req.query('id');
  const lang = locale === 'en' ? 'en' : null;
  const kioskReturnHref =
    c.req.query('kiosk') === '1' ? withQuery(`/r/${encodeURIComponent(code)}`, { lang, kiosk: '1' }) : null;
  return html(
    c,
    <ThanksPage
      locale={locale}
      unitName={found.unit.name}
      counterName={found.counter.name}
      unitHref={withQuery(`/${found.region.slug}/${found.unit.slug}`, { lang })}
      receipt={id && UUID.test(id) ? id : null}
      held={c.req.query('held') === '1'}
      kioskReturnHref={kioskReturnHref}
    />,
  );
});

/** The enrolled kiosk of this counter that sends the request (its HttpOnly cookie), or null. */
function requestKiosk(c: FormContext, code: string) {
  return findEnrolledKiosk(c.env.DB, code, kioskCredentialOf(c.req.raw.headers));
}

ratingFormRouter.get('/:code/kiosk', async (c) => {
  const code = c.req.param('code');
  const locale = localeOf(c);
  const found = await loadCounter(c, code);
  if (!found) return unavailable(c, locale, false);
  if (!found.counter.active) return unavailable(c, locale, true);
  if (!(await requestKiosk(c, code))) {
    const page = (
      <KioskMessagePage
        locale={locale}
        title={t(locale, 'kioskNotEnrolledTitle')}
        body={t(locale, 'kioskNotEnrolledBody')}
      />
    );
    return html(c, page, 401);
  }
  return html(
    c,
    <KioskPage
      locale={locale}
      unitName={found.unit.name}
      counterName={found.counter.name}
      qrSrc={`/r/${encodeURIComponent(code)}/kiosk/qr.svg`}
      rotationSeconds={KIOSK_ROTATION_MS / 1000}
      nonce={c.get('secureHeadersNonce')}
    />,
  );
});

/** A fresh QR code for the kiosk display: the form's URL with a token signed now. */
ratingFormRouter.get('/:code/kiosk/qr.svg', async (c) => {
  const code = c.req.param('code');
  const found = await findCounter(c.env.DB, code);
  if (!found?.counter.active) throw new ProblemError(404, 'No active counter has this code.');
  if (!(await requestKiosk(c, code))) {
    throw new ProblemError(401, 'Only a kiosk enrolled at this counter gets its QR codes: enrol it from the console.');
  }
  const config = readConfig(c.env);
  const origin = publicOrigin(c.env, c.req.url);
  const token = await signKioskToken(config.kioskSigningKey, code, Date.now());
  const svg = renderSVG(`${origin}/r/${encodeURIComponent(code)}?k=${token}`, { ecc: 'M', border: 2 });
  return c.body(svg, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' });
});

/** The one-time enrolment link of a kiosk (made in the console): shows a button; nothing is used up by opening it. */
ratingFormRouter.get('/:code/kiosk/daftar', async (c) => {
  const code = c.req.param('code');
  const locale = localeOf(c);
  const found = await loadCounter(c, code);
  if (!found) return unavailable(c, locale, false);
  if (!found.counter.active) return unavailable(c, locale, true);
  const enrolmentCode = c.req.query('kode') ?? '';
  if (!ENROLMENT_CODE.test(enrolmentCode)) return enrolmentFailed(c, locale, 400);
  const lang = locale === 'en' ? 'en' : null;
  return html(
    c,
    <KioskEnrolPage
      locale={locale}
      unitName={found.unit.name}
      counterName={found.counter.name}
      action={withQuery(`/r/${encodeURIComponent(code)}/kiosk/daftar`, { lang })}
      enrolmentCode={enrolmentCode}
    />,
  );
});

/** Uses up the enrolment code and stores the kiosk's credential in an HttpOnly cookie, then opens the display. */
ratingFormRouter.post('/:code/kiosk/daftar', limitBody(MAX_FORM_BYTES), async (c) => {
  const code = c.req.param('code');
  const locale = localeOf(c);
  // Only from our own pages: another site must not enrol a visitor's browser with a code of its own.
  const origin = c.req.header('origin');
  if (origin && !isOwnOrigin(c.env, c.req.url, origin)) return enrolmentFailed(c, locale, 403);
  let posted: Record<string, unknown>;
  try {
    posted = await c.req.parseBody();
  } catch {
    return enrolmentFailed(c, locale, 400);
  }
  const enrolmentCode = typeof posted.kode === 'string' ? posted.kode : '';
  if (!ENROLMENT_CODE.test(enrolmentCode)) return enrolmentFailed(c, locale, 400);
  const enrolled = await enrolKiosk(c.env.DB, code, enrolmentCode);
  if (!enrolled) return enrolmentFailed(c, locale, 410);
  c.header('set-cookie', kioskCookie(enrolled.credential));
  return c.redirect(withQuery(`/r/${encodeURIComponent(code)}/kiosk`, { lang: locale === 'en' ? 'en' : null }), 303);
});

function enrolmentFailed(c: FormContext, locale: Locale, status: 400 | 403 | 410) {
  const page = (
    <KioskMessagePage
      locale={locale}
      title={t(locale, 'kioskEnrolFailedTitle')}
      body={t(locale, 'kioskEnrolFailedBody')}
    />
  );
  return html(c, page, status);
}
