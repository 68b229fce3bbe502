/**
 * @module
 * `/{region}/{unit}/badge.svg`: an embeddable badge with the unit's grade and IKM for the current year (or
 * `?period=`). A suppressed figure shows no number, only "data belum cukup" (docs/spec.md §4).
 */
import { env } from 'cloudflare:workers';
import type { APIRoute } from 'astro';
import { type Grade, gradeLabel } from '../../../../domain/ikm';
import { formatIkm } from '../../../../i18n/format';
import { unitBadge } from '../../../../worker/services/public-pages';

const COLORS: Record<Grade, string> = { A: '#1b6e3a', B: '#2f6690', C: '#8a5a00', D: '#a4262c' };

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Width of text in the badge's 11px sans-serif, estimated (no font metrics on the server). */
const textWidth = (text: string) => Math.ceil(text.length * 6.6) + 12;

export const GET: APIRoute = async ({ params, url, locals }) => {
  const { locale } = locals;
  const badge = await unitBadge(
    env,
    { region: params.region ?? '', unit: params.unit ?? '' },
    url.searchParams.get('period') ?? undefined,
    locale,
  );
  if (badge === 'not-found')
    return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  if (badge === 'bad-period')
    return new Response('Bad period', { status: 400, headers: { 'content-type': 'text/plain' } });
  const { region, unit, period, score } = badge;

  const left = `IKM ${period.id}`;
  const right =
    score.ikm !== null && score.grade
      ? `${formatIkm(score.ikm, locale)} · ${score.grade} ${gradeLabel(score.grade, locale)}`
      : locale === 'id'
        ? 'data belum cukup'
        : 'not enough data';
  const color = score.grade ? COLORS[score.grade] : '#4a5560';
  const title = `${unit.name}, ${region.name}: ${left} ${right}`;
  const lw = textWidth(left);
  const rw = textWidth(right);
  const width = lw + rw;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="28" viewBox="0 0 ${width} 28" role="img" aria-label="${escapeXml(title)}">
<title>${escapeXml(title)}</title>
<rect width="${lw}" height="28" fill="#1a1f24"/>
<rect x="${lw}" width="${rw}" height="28" fill="${color}"/>
<g fill="#fff" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif" font-size="12">
<text x="${lw / 2}" y="18" text-anchor="middle">${escapeXml(left)}</text>
<text x="${lw + rw / 2}" y="18" text-anchor="middle" font-weight="700">${escapeXml(right)}</text>
</g>
</svg>
`;
  return new Response(svg, {
    headers: {
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    },
  });
};
