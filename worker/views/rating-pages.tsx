/**
 * @module
 * The pages around the rating form: thanks, a counter that takes no ratings, and the kiosk display.
 */
import type { Locale } from '../../domain/survey';
import { localHref } from '../../i18n/locale';
import { t } from '../../i18n/rating-words';
import { Page } from './layout';

export interface ThanksProps {
  locale: Locale;
  unitName: string;
  counterName: string;
  unitHref: string;
  receipt: string | null;
  /** Stored but held for a staff check before it counts (SPEC §5): the page must not say it counts. */
  held: boolean;
  /** The empty form to return to after 10 seconds (a tablet on the counter), or null. */
  kioskReturnHref: string | null;
}

export function ThanksPage(props: ThanksProps) {
  const { locale } = props;
  return (
    <Page
      locale={locale}
      title={`${t(locale, 'thanksTitle')} · ${props.unitName}`}
      heading={
        <>
          <p class="sub">{props.unitName}</p>
          <p class="sub">{props.counterName}</p>
        </>
      }
      head={props.kioskReturnHref ? <meta http-equiv="refresh" content={`10;url=${props.kioskReturnHref}`} /> : null}
    >
      <div class="card">
        <h1>{t(locale, 'thanksTitle')}</h1>
        <p id="thanks-status">{t(locale, props.held ? 'thanksHeld' : 'thanksBody', { unit: props.unitName })}</p>
        <p>{t(locale, 'thanksComment')}</p>
        {props.receipt ? (
          <p>
            {t(locale, 'receipt')}: <strong id="receipt">{props.receipt}</strong>
          </p>
        ) : null}
        <p>
          <a class="button" href={props.unitHref}>
            {t(locale, 'seeResults', { unit: props.unitName })}
          </a>
        </p>
        {props.kioskReturnHref ? (
          <p role="status">
            {t(locale, 'kioskReturn')} <a href={props.kioskReturnHref}>{t(locale, 'newForm')}</a>
          </p>
        ) : null}
      </div>
    </Page>
  );
}

export function CounterUnavailablePage({ locale, known }: { locale: Locale; known: boolean }) {
  const title = t(locale, known ? 'unavailableTitle' : 'unknownTitle');
  return (
    <Page locale={locale} title={title} heading={<p class="sub">Suara Layanan</p>}>
      <div class="card">
        <h1>{title}</h1>
        <p>{t(locale, known ? 'unavailableBody' : 'unknownBody')}</p>
        <p>
          <a href={localHref('/', locale)}>{t(locale, 'home')}</a>
        </p>
      </div>
    </Page>
  );
}

export interface KioskProps {
  locale: Locale;
  unitName: string;
  counterName: string;
  qrSrc: string;
  rotationSeconds: number;
  nonce: string | undefined;
}

/** Swaps in a fresh QR code every rotation; keeps the old one when the network hiccups. */
const KIOSK_SCRIPT = `(()=>{const img=document.getElementById('qr');const src=img.dataset.src;const every=Number(img.dataset.every)*1000;
setInterval(()=>{const next=new Image();next.onload=()=>{img.src=next.src};next.src=src+'?t='+Date.now()},every)})();`;

export function KioskPage(props: KioskProps) {
  const { locale } = props;
  return (
    <Page
      locale={locale}
      title={`${t(locale, 'kioskTitle')} · ${props.unitName}`}
      heading={
        <>
          <h1>{props.unitName}</h1>
          <p class="sub">{props.counterName}</p>
        </>
      }
      head={
        <noscript>
          <meta http-equiv="refresh" content={String(props.rotationSeconds)} />
        </noscript>
      }
    >
      <div class="card center">
        <h2>{t(locale, 'kioskTitle')}</h2>
        <img
          id="qr"
          class="qr"
          src={props.qrSrc}
          data-src={props.qrSrc}
          data-every={String(props.rotationSeconds)}
          alt={t(locale, 'kioskQrAlt', { counter: props.counterName })}
          width="320"
          height="320"
        />
        <p>{t(locale, 'kioskScan')}</p>
        <p class="small">{t(locale, 'kioskRefresh')}</p>
      </div>
      <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: KIOSK_SCRIPT }} />
    </Page>
  );
}

/** A message about the kiosk display: not enrolled, or an enrolment link that no longer works. */
export function KioskMessagePage({ locale, title, body }: { locale: Locale; title: string; body: string }) {
  return (
    <Page locale={locale} title={title} heading={<p class="sub">Suara Layanan</p>}>
      <div class="card">
        <h1>{title}</h1>
        <p>{body}</p>
      </div>
    </Page>
  );
}

export interface KioskEnrolProps {
  locale: Locale;
  unitName: string;
  counterName: string;
  action: string;
  enrolmentCode: string;
}

/**
 * The enrolment link's page: a button, so that opening (or a link preview fetching) the link uses up nothing; the
 * POST does, and stores the kiosk's credential in an HttpOnly cookie.
 */
export function KioskEnrolPage(props: KioskEnrolProps) {
  const { locale } = props;
  return (
    <Page
      locale={locale}
      title={t(locale, 'kioskEnrolTitle')}
      heading={
        <>
          <h1>{props.unitName}</h1>
          <p class="sub">{props.counterName}</p>
        </>
      }
    >
      <form class="card" method="post" action={props.action}>
        <h2>{t(locale, 'kioskEnrolTitle')}</h2>
        <p>{t(locale, 'kioskEnrolBody', { counter: props.counterName })}</p>
        <input type="hidden" name="kode" value={props.enrolmentCode} />
        <button type="submit">{t(locale, 'kioskEnrolButton')}</button>
      </form>
    </Page>
  );
}
