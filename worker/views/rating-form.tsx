/**
 * @module
 * The rating form at `/r/{code}`: nine elements with their four official labels as large tap targets, services, profile
 * and comment; a plain HTML form that the inlined script upgrades to JSON with an offline queue (docs/spec.md §2, §5).
 */
import {
  EDUCATIONS,
  ELEMENTS,
  type Locale,
  MAX_AGE,
  MAX_COMMENT_LENGTH,
  MIN_AGE,
  OCCUPATIONS,
} from '../../domain/survey';
import { localHref } from '../../i18n/locale';
import { type CopyKey, t } from '../../i18n/rating-words';
import { Page } from './layout';
import script from './rating-form.client.js?raw';

/** The form's values as posted (strings), so a re-render keeps every answer. */
export type FormValues = Partial<Record<string, string>>;

export interface RatingFormProps {
  locale: Locale;
  unitName: string;
  counterName: string;
  regionName: string;
  counterCode: string;
  services: { slug: string; name: string }[];
  values: FormValues;
  /** Form field name → message (e.g. `U3`, `age`). */
  errors: Partial<Record<string, string>>;
  /** A message for the whole form (Turnstile refused, too many ratings…). */
  formError: string | null;
  submissionId: string;
  kioskToken: string | null;
  /** Render the Turnstile widget with this sitekey; null: no widget, the dummy token (local development). */
  turnstileSiteKey: string | null;
  nonce: string | undefined;
  action: string;
  thanksHref: string;
  otherLocaleHref: string;
}

const OCCUPATION_LABELS: Record<(typeof OCCUPATIONS)[number], Record<Locale, string>> = {
  PNS: { id: 'PNS', en: 'Civil servant (PNS)' },
  TNI: { id: 'TNI', en: 'Armed forces (TNI)' },
  POLRI: { id: 'POLRI', en: 'Police (POLRI)' },
  SWASTA: { id: 'Pegawai swasta', en: 'Private employee' },
  WIRAUSAHA: { id: 'Wirausaha', en: 'Self-employed' },
  PELAJAR: { id: 'Pelajar/Mahasiswa', en: 'Student' },
  LAINNYA: { id: 'Lainnya', en: 'Other' },
};

/** Four faces, defined once and reused by every answer: the words stay, the faces help at a glance. */
const FACES = ['M7.5 17.5q4.5-4.5 9 0', 'M8 16.5q4-2 8 0', 'M8 14.5q4 2.5 8 0', 'M7 13.5q5 5.5 10 0'];

function Faces() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" class="defs">
      {FACES.map((mouth, i) => (
        <symbol id={`f${i + 1}`} viewBox="0 0 24 24">
          <circle cx="12" cy="12" r="10" />
          <path d="M9 9v1.5M15 9v1.5" />
          <path d={mouth} />
        </symbol>
      ))}
    </svg>
  );
}

/** Always rendered (hidden until needed), so the script can show the same words the server would. */
function ErrorText({ name, message, fallback }: { name: string; message: string | undefined; fallback: string }) {
  return (
    <p class="err" id={`err-${name}`} hidden={!message}>
      {message ?? fallback}
    </p>
  );
}

export function RatingForm(props: RatingFormProps) {
  const { locale, values, errors } = props;
  const say = (key: CopyKey, v?: Record<string, string | number>) => t(locale, key, v);
  const invalid = (name: string) => (errors[name] ? 'invalid' : undefined);
  const describedBy = (name: string) => (errors[name] ? `err-${name}` : undefined);
  const errorList = Object.entries(errors);
  const profileOpen = ['gender', 'age', 'education', 'occupation'].some((n) => errors[n] || values[n]);
  const config = {
    counter: props.counterCode,
    /** The element codes (domain/survey.ts), so the script never spells them out. */
    elements: ELEMENTS.map((element) => element.code),
    api: '/api/v1/responses',
    thanks: props.thanksHref,
    messages: {
      progress: say('progress'),
      characters: say('characters'),
      sending: say('sending'),
      queued: say('queued'),
      fix: say('fix'),
      errGeneral: say('errGeneral'),
      errBot: say('errBot'),
      tooManyQueued: say('tooManyQueued'),
      sentEarlier: say('sentEarlier'),
      earlierRefused: say('earlierRefused'),
      errKiosk: say('errKiosk'),
      errUnavailable: say('errUnavailable'),
    },
  };
  const labelOf = (name: string) => {
    const element = ELEMENTS.find((e) => e.code === name);
    if (element) return `${ELEMENTS.indexOf(element) + 1}. ${element.name[locale]}`;
    const key = (name === 'service' ? 'service' : name) as CopyKey;
    return say(key);
  };

  return (
    <Page
      locale={locale}
      title={`${say('formTitle')} · ${props.unitName}`}
      otherLocaleHref={props.otherLocaleHref}
      heading={
        <>
          <h1>{props.unitName}</h1>
          <p class="sub">
            {props.counterName} · {props.regionName}
          </p>
        </>
      }
      head={
        props.turnstileSiteKey ? (
          <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer nonce={props.nonce} />
        ) : null
      }
    >
      <Faces />
      <p>{say('intro')}</p>
      <p class="small">{say('allRequired')}</p>
      {errorList.length > 0 ? (
        <div class="alert" role="alert" id="summary">
          <p>
            <strong>{say('errorSummary')}</strong>
          </p>
          <ul>
            {errorList.map(([name, message]) => (
              <li>
                <a href={`#f-${name}`}>
                  {labelOf(name)}: {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div id="status" class="alert" role="alert" hidden={!props.formError}>
        {props.formError ?? ''}
      </div>
      <div class="progress" id="progress" hidden>
        <p>{say('progress', { n: 0 })}</p>
        <progress max="9" value="0" aria-hidden="true" />
      </div>
      <form id="rating" method="post" action={props.action} novalidate>
        <input type="hidden" name="submissionId" value={props.submissionId} />
        {props.kioskToken ? <input type="hidden" name="k" value={props.kioskToken} /> : null}
        {props.turnstileSiteKey ? null : <input type="hidden" name="turnstileToken" value="XXXX.DUMMY.TOKEN.XXXX" />}
        {props.services.length > 0 ? (
          <div class={`card ${invalid('service') ?? ''}`} id="f-service">
            <label class="field" for="service">
              {say('service')} <span class="small">{say('optional')}</span>
            </label>
            <select id="service" name="service" aria-describedby={describedBy('service')}>
              <option value="">{say('chooseService')}</option>
              {props.services.map((s) => (
                <option value={s.slug} selected={values.service === s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
            <ErrorText name="service" message={errors.service} fallback={say('errService')} />
          </div>
        ) : null}
        <p class="small" id="keys-hint">
          {say('keysHint')}
        </p>
        {ELEMENTS.map((element, i) => (
          <fieldset
            id={`f-${element.code}`}
            class={invalid(element.code)}
            // The first question also points to the keyboard hint, so a screen reader says it there.
            data-describedby={i === 0 ? 'keys-hint' : undefined}
            aria-describedby={
              [describedBy(element.code), i === 0 ? 'keys-hint' : undefined].filter(Boolean).join(' ') || undefined
            }
          >
            <legend>
              {i + 1}. {element.name[locale]}
            </legend>
            <div class="opts">
              {element.labels[locale].map((label, j) => (
                <label class="opt">
                  <input
                    type="radio"
                    name={element.code}
                    value={String(j + 1)}
                    checked={values[element.code] === String(j + 1)}
                  />
                  <span>
                    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24">
                      <use href={`#f${j + 1}`} />
                    </svg>
                    {label}
                  </span>
                </label>
              ))}
            </div>
            <ErrorText name={element.code} message={errors[element.code]} fallback={say('errAnswer')} />
          </fieldset>
        ))}
        <details class="card" open={profileOpen}>
          <summary>
            {say('about')} <span class="small">{say('optional')}</span>
          </summary>
          <p class="hint">{say('aboutHint')}</p>
          <div id="f-gender" class={invalid('gender')}>
            <label class="field" for="gender">
              {say('gender')}
            </label>
            <select id="gender" name="gender" aria-describedby={describedBy('gender')}>
              <option value="">{say('notSay')}</option>
              <option value="L" selected={values.gender === 'L'}>
                {say('genderL')}
              </option>
              <option value="P" selected={values.gender === 'P'}>
                {say('genderP')}
              </option>
            </select>
            <ErrorText name="gender" message={errors.gender} fallback={say('errChoice')} />
          </div>
          <div id="f-age" class={invalid('age')}>
            <label class="field" for="age">
              {say('age')}
            </label>
            <input
              id="age"
              name="age"
              type="number"
              inputmode="numeric"
              min={MIN_AGE}
              max={MAX_AGE}
              step="1"
              value={values.age ?? ''}
              aria-describedby={describedBy('age')}
              aria-invalid={errors.age ? 'true' : undefined}
            />
            <ErrorText name="age" message={errors.age} fallback={say('errAge')} />
          </div>
          <div id="f-education" class={invalid('education')}>
            <label class="field" for="education">
              {say('education')}
            </label>
            <select id="education" name="education" aria-describedby={describedBy('education')}>
              <option value="">{say('notSay')}</option>
              {EDUCATIONS.map((e) => (
                <option value={e} selected={values.education === e}>
                  {e}
                </option>
              ))}
            </select>
            <ErrorText name="education" message={errors.education} fallback={say('errChoice')} />
          </div>
          <div id="f-occupation" class={invalid('occupation')}>
            <label class="field" for="occupation">
              {say('occupation')}
            </label>
            <select id="occupation" name="occupation" aria-describedby={describedBy('occupation')}>
              <option value="">{say('notSay')}</option>
              {OCCUPATIONS.map((o) => (
                <option value={o} selected={values.occupation === o}>
                  {OCCUPATION_LABELS[o][locale]}
                </option>
              ))}
            </select>
            <ErrorText name="occupation" message={errors.occupation} fallback={say('errChoice')} />
          </div>
        </details>
        <div class={`card ${invalid('comment') ?? ''}`} id="f-comment">
          <label class="field" for="comment">
            {say('comment')} <span class="small">{say('optional')}</span>
          </label>
          <p class="hint" id="comment-hint">
            {say('commentHint')}
          </p>
          <textarea
            id="comment"
            name="comment"
            maxlength={MAX_COMMENT_LENGTH}
            rows={4}
            aria-describedby={`comment-hint comment-count${errors.comment ? ' err-comment' : ''}`}
          >
            {values.comment ?? ''}
          </textarea>
          <p class="count" id="comment-count">
            {say('characters', { n: (values.comment ?? '').length })}
          </p>
          <ErrorText name="comment" message={errors.comment} fallback={say('errComment')} />
        </div>
        {props.turnstileSiteKey ? (
          <div
            class="cf-turnstile turnstile"
            data-sitekey={props.turnstileSiteKey}
            data-action="rating"
            data-language={locale}
            data-size="flexible"
          />
        ) : null}
        <button type="submit">{say('submit')}</button>
      </form>
      <p class="small">
        {say('privacy')} <a href={localHref('/tentang', locale)}>{say('how')}</a>
      </p>
      <script
        type="application/json"
        id="rating-config"
        dangerouslySetInnerHTML={{ __html: JSON.stringify(config).replaceAll('<', '\\u003c') }}
      />
      <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: script }} />
    </Page>
  );
}
