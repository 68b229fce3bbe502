/**
 * @module
 * The share card (`og:image`, docs/spec.md §6): what a 1200×630 preview of a page says, as SVG text, before
 * worker/views/og/raster.ts turns it into a PNG. Pure: a suppressed figure (SPEC §4) is never part of the text.
 */
import { type Grade, gradeLabel } from '../../../domain/ikm';
import type { Locale } from '../../../domain/survey';
import { formatCount, formatIkm } from '../../../i18n/format';
import { t } from '../../../i18n/site-words';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** The published figures of the card's subject for one period: a public Score or a region's pooled summary. */
export interface CardFigures {
  responses: number;
  ikm: number | null;
  grade: Grade | null;
  suppressed: boolean;
}

export interface CardInput {
  locale: Locale;
  /** The page's subject: the portal's tagline, a region's or a unit's name. */
  title: string;
  /** The line under it: the unit's region, or a region's province. */
  subtitle?: string;
  /** The period the figures cover, written out ("Tahun 2026"); absent on the portal's card. */
  periodLabel?: string;
  figures?: CardFigures;
}

/** Every piece of text the card draws, in drawing order: what a test reads to know what a picture shows. */
export interface CardText {
  portal: string;
  kicker: string;
  titleLines: string[];
  titleSize: number;
  subtitle: string | null;
  period: string | null;
  /** The IKM and grade, only when the disclosure plan publishes them. */
  figure: { ikm: string; grade: Grade; gradeText: string } | null;
  /** The line under the period: the count of responses, or why there is no figure. */
  note: string | null;
}

const GRADE_COLOURS: Record<Grade, string> = { A: '#1b6e3a', B: '#2f6690', C: '#8a5a00', D: '#a4262c' };
const MARGIN = 64;
const TEXT_WIDTH = CARD_WIDTH - 2 * MARGIN;

/** What the card says: the figure only when it is published (not suppressed, with an IKM and a grade). */
export function cardText(input: CardInput): CardText {
  const { locale, figures } = input;
  const published = figures && !figures.suppressed && figures.ikm !== null && figures.grade !== null;
  const title = fitTitle(input.title);
  // The portal's own card, without figures, says what the portal is.
  let note: string | null = input.periodLabel === undefined && !figures ? t(locale, 'cardAbout') : null;
  if (figures) {
    const count = `${formatCount(figures.responses, locale)} ${t(locale, 'responses').toLowerCase()}`;
    if (published) note = count;
    else if (figures.responses > 0) note = `${t(locale, 'cardNotEnough')} · ${count}`;
    else note = t(locale, 'noData');
  }
  return {
    portal: t(locale, 'siteName'),
    kicker: t(locale, 'ikmLong'),
    titleLines: title.lines,
    titleSize: title.size,
    subtitle: input.subtitle ?? null,
    period: input.periodLabel ?? null,
    figure:
      published && figures.ikm !== null && figures.grade !== null
        ? {
            ikm: formatIkm(figures.ikm, locale),
            grade: figures.grade,
            gradeText: `${figures.grade} · ${gradeLabel(figures.grade, locale)}`,
          }
        : null,
    note,
  };
}

/** The card as SVG, drawn in the bundled font (Inter Bold) only: no system font is asked for. */
export function cardSvg(text: CardText): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" viewBox="0 0 ${CARD_WIDTH} ${CARD_HEIGHT}">`,
    `<rect width="${CARD_WIDTH}" height="${CARD_HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${CARD_WIDTH}" height="112" fill="#0b5cad"/>`,
    `<g font-family="Inter" font-weight="700">`,
    textAt(MARGIN, 72, 44, '#ffffff', text.portal),
    textAt(CARD_WIDTH - MARGIN, 70, 26, '#ffffff', text.kicker, 'end'),
  ];
  let y = 112 + 36 + text.titleSize;
  for (const line of text.titleLines) {
    parts.push(textAt(MARGIN, y, text.titleSize, '#1a1f24', line));
    y += Math.round(text.titleSize * 1.2);
  }
  if (text.subtitle) parts.push(textAt(MARGIN, y + 4, 34, '#4a5560', ellipsis(text.subtitle, 34, TEXT_WIDTH)));
  if (text.period) parts.push(textAt(MARGIN, 450, 30, '#4a5560', text.period));
  if (text.figure) {
    const ikmSize = 112;
    parts.push(textAt(MARGIN, 568, ikmSize, '#1a1f24', `IKM ${text.figure.ikm}`));
    const pillX = MARGIN + estimateWidth(`IKM ${text.figure.ikm}`, ikmSize) + 40;
    const pillWidth = estimateWidth(text.figure.gradeText, 44) + 48;
    parts.push(
      `<rect x="${pillX}" y="488" width="${pillWidth}" height="80" rx="12" fill="${GRADE_COLOURS[text.figure.grade]}"/>`,
      textAt(pillX + 24, 543, 44, '#ffffff', text.figure.gradeText),
    );
    if (text.note) parts.push(textAt(CARD_WIDTH - MARGIN, 450, 30, '#4a5560', text.note, 'end'));
  } else if (text.note) {
    parts.push(textAt(MARGIN, 540, 48, '#4a5560', ellipsis(text.note, 48, TEXT_WIDTH)));
  }
  parts.push('</g>', `<rect y="${CARD_HEIGHT - 14}" width="${CARD_WIDTH}" height="14" fill="#0b5cad"/>`, '</svg>');
  return parts.join('\n');
}

function textAt(x: number, y: number, size: number, fill: string, content: string, anchor?: 'end'): string {
  const align = anchor ? ` text-anchor="${anchor}"` : '';
  return `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}"${align}>${escapeXml(content)}</text>`;
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/**
 * Width of `text` in Inter Bold at `size` px, estimated from character classes (an over-estimate, so wrapped
 * text stays inside the card): the Worker has no text layout before the rasterizer draws.
 */
export function estimateWidth(text: string, size: number): number {
  let em = 0;
  for (const char of text) {
    if (char === ' ') em += 0.26;
    else if (/[iljtfr.,:;'!|()\-·]/.test(char)) em += 0.36;
    else if (/[mwMW]/.test(char)) em += 0.9;
    else if (/[A-Z0-9]/.test(char)) em += 0.7;
    else em += 0.6;
  }
  return Math.ceil(em * size);
}

/** The title in at most two lines of 64 px, else three of 52 px, the last cut with an ellipsis when still longer. */
function fitTitle(title: string): { lines: string[]; size: number } {
  for (const [size, maxLines] of [
    [64, 2],
    [52, 3],
  ] as const) {
    const lines = wrap(title, size);
    if (lines.length <= maxLines) return { lines, size };
    if (size === 52) {
      const kept = lines.slice(0, maxLines);
      kept[maxLines - 1] = ellipsis(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, size, TEXT_WIDTH);
      return { lines: kept, size };
    }
  }
  return { lines: [title], size: 52 };
}

function wrap(text: string, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && estimateWidth(next, size) > TEXT_WIDTH) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.map((l) => ellipsis(l, size, TEXT_WIDTH));
}

function ellipsis(text: string, size: number, width: number): string {
  if (estimateWidth(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && estimateWidth(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
