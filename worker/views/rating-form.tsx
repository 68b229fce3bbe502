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

/** What every field of the form reads: the language, the values as posted and the messages for the wrong ones. */
interface FieldProps {
  locale: Locale;
  values: FormValues;
  errors: RatingFormProps['errors'];
}

const invalid = (errors: FieldProps['errors'], name: string) => (errors[name] ? 'invalid' : undefined);
const describedBy = (errors: FieldProps['errors'], name: string) => (errors[name] ? `err-${name}` : undefined);

/** What the inlined script needs: the counter, where to post, where to go after, and its words. */
function clientConfig({ locale, counterCode, thanksHref }: RatingFormProps) {
  const keys = [
    'progress',
    'characters',
    'sending',
    'queued',
    'fix',
    'errGeneral',
    'errBot',
    'tooManyQueued',
    'sentEarlier',
    'earlierRefused',
    'errKiosk',
    'errUnavailable',
  ] as const;
  return {
    counter: counterCode,
    /** The element codes (domain/survey.ts), so the script never spells them out. */
    elements: ELEMENTS.map((element) => element.code),
    api: '/api/v1/responses',
    thanks: thanksHref,
    messages: Object.fromEntries(keys.map((key) => [key, t(locale, key)])),
  };
}

/** The list of wrong fields at the top, each a link to its field; nothing when all is well. */
function ErrorSummary({ locale, errors }: Omit<FieldProps, 'values'>) {
  const errorList = Object.entries(errors);
  const labelOf = (name: string) => {
    const element = ELEMENTS.find((e) => e.code === name);
    if (element) return `${ELEMENTS.indexOf(element) + 1}. ${element.name[locale]}`;
    const key = (name === 'service' ? 'service' : name) as CopyKey;
    return t(locale, key);
  };
  return errorList.length > 0 ? (
    <div class="alert" role="alert" id="summary">
      <p>
        <strong>{t(locale, 'errorSummary')}</strong>
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
  ) : null;
}

function ServiceField({ locale, values, errors, services }: FieldProps & Pick<RatingFormProps, 'services'>) {
  return services.length > 0 ? (
    <div class={`card ${invalid(errors, 'service') ?? ''}`} id="f-service">
      <label class="field" for="service">
        {t(locale, 'service')} <span class="small">{t(locale, 'optional')}</span>
      </label>
      <select id="service" name="service" aria-describedby={describedBy(errors, 'service')}>
        <option value="">{t(locale, 'chooseService')}</option>
        {services.map((s) => (
          <option value={s.slug} selected={values.service === s.slug}>
            {s.name}
          </option>
        ))}
      </select>
      <ErrorText name="service" message={errors.service} fallback={t(locale, 'errService')} />
    </div>
  ) : null;
}

/** One element's question: its four official answers as large tap targets, each with its face. */
function ElementQuestion(props: FieldProps & { element: (typeof ELEMENTS)[number]; index: number }) {
  const { locale, values, errors, element, index } = props;
  return (
    <fieldset
      id={`f-${element.code}`}
      class={invalid(errors, element.code)}
      // The first question also points to the keyboard hint, so a screen reader says it there.
      data-describedby={index === 0 ? 'keys-hint' : undefined}
      aria-describedby={
        [describedBy(errors, element.code), index === 0 ? 'keys-hint' : undefined].filter(Boolean).join(' ') ||
        undefined
      }
    >
      <legend>
        {index + 1}. {element.name[locale]}
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
      <ErrorText name={element.code} message={errors[element.code]} fallback={t(locale, 'errAnswer')} />
    </fieldset>
  );
}

/** A profile question answered by choice; the first option leaves it unsaid. */
function ProfileChoice(
  props: FieldProps & { name: 'gender' | 'education' | 'occupation'; options: { value: string; text: string }[] },
) {
  const { locale, values, errors, name } = props;
  return (
    <div id={`f-${name}`} class={invalid(errors, name)}>
      <label class="field" for={name}>
        {t(locale, name)}
      </label>
      <select id={name} name={name} aria-describedby={describedBy(errors, name)}>
        <option value="">{t(locale, 'notSay')}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={values[name] === option.value}>
            {option.text}
          </option>
        ))}
      </select>
      <ErrorText name={name} message={errors[name]} fallback={t(locale, 'errChoice')} />
    </div>
  );
}

function AgeField({ locale, values, errors }: FieldProps) {
  return (
    <div id="f-age" class={invalid(errors, 'age')}>
      <label class="field" for="age">
        {t(locale, 'age')}
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
        aria-describedby={describedBy(errors, 'age')}
        aria-invalid={errors.age ? 'true' : undefined}
      />
      <ErrorText name="age" message={errors.age} fallback={t(locale, 'errAge')} />
    </div>
  );
}

/** The optional profile, folded away unless it holds a value or a wrong answer. */
function ProfileFields(props: FieldProps) {
  const { locale, values, errors } = props;
  const open = ['gender', 'age', 'education', 'occupation'].some((n) => errors[n] || values[n]);
  const genders = (['L', 'P'] as const).map((g) => ({ value: g, text: t(locale, `gender${g}`) }));
  return (
    <details class="card" open={open}>
      <summary>
        {t(locale, 'about')} <span class="small">{t(locale, 'optional')}</span>
      </summary>
      <p class="hint">{t(locale, 'aboutHint')}</p>
      <ProfileChoice {...props} name="gender" options={genders} />
      <AgeField {...props} />
      <ProfileChoice {...props} name="education" options={EDUCATIONS.map((e) => ({ value: e, text: e }))} />
      <ProfileChoice
        {...props}
        name="occupation"
        options={OCCUPATIONS.map((o) => ({ value: o, text: OCCUPATION_LABELS[o][locale] }))}
      />
    </details>
  );
}

function CommentField({ locale, values, errors }: FieldProps) {
  return (
    <div class={`card ${invalid(errors, 'comment') ?? ''}`} id="f-comment">
      <label class="field" for="comment">
        {t(locale, 'comment')} <span class="small">{t(locale, 'optional')}</span>
      </label>
      <p class="hint" id="comment-hint">
        {t(locale, 'commentHint')}
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
        {t(locale, 'characters', { n: (values.comment ?? '').length })}
      </p>
      <ErrorText name="comment" message={errors.comment} fallback={t(locale, 'errComment')} />
    </div>
  );
}

/** The Turnstile widget where it is configured, then the one button. */
function SubmitArea({ locale, turnstileSiteKey }: Pick<RatingFormProps, 'locale' | 'turnstileSiteKey'>) {
  return (
    <>
      {turnstileSiteKey ? (
        <div
          class="cf-turnstile turnstile"
          data-sitekey={turnstileSiteKey}
          data-action="rating"
          data-language={locale}
          data-size="flexible"
        />
      ) : null}
      <button type="submit">{t(locale, 'submit')}</button>
    </>
  );
}

export function RatingForm(props: RatingFormProps) {
  const { locale } = props;
  const fields: FieldProps = { locale, values: props.values, errors: props.errors };
  return (
    <Page
      locale={locale}
      title={`${t(locale, 'formTitle')} · ${props.unitName}`}
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
      <p>{t(locale, 'intro')}</p>
      <p class="small">{t(locale, 'allRequired')}</p>
      <ErrorSummary locale={locale} errors={props.errors} />
      <div id="status" class="alert" role="alert" hidden={!props.formError}>
        {props.formError ?? ''}
      </div>
      <div class="progress" id="progress" hidden>
        <p>{t(locale, 'progress', { n: 0 })}</p>
        <progress max="9" value="0" aria-hidden="true" />
      </div>
      <form id="rating" method="post" action={props.action} novalidate>
        <input type="hidden" name="submissionId" value={props.submissionId} />
        {props.kioskToken ? <input type="hidden" name="k" value={props.kioskToken} /> : null}
        {props.turnstileSiteKey ? null : <input type="hidden" name="turnstileToken" value="XXXX.DUMMY.TOKEN.XXXX" />}
        <ServiceField {...fields} services={props.services} />
        <p class="small" id="keys-hint">
          {t(locale, 'keysHint')}
        </p>
        {ELEMENTS.map((element, index) => (
          <ElementQuestion {...fields} element={element} index={index} />
        ))}
        <ProfileFields {...fields} />
        <CommentField {...fields} />
        <SubmitArea locale={locale} turnstileSiteKey={props.turnstileSiteKey} />
      </form>
      <p class="small">
        {t(locale, 'privacy')} <a href={localHref('/tentang', locale)}>{t(locale, 'how')}</a>
      </p>
      <script
        type="application/json"
        id="rating-config"
        dangerouslySetInnerHTML={{ __html: JSON.stringify(clientConfig(props)).replaceAll('<', '\\u003c') }}
      />
      <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: script }} />
    </Page>
  );
}
