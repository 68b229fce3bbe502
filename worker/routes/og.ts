/**
 * @module
 * Share cards (docs/spec.md §6): `GET /og/card.png`, `/og/{region}/card.png`, `/og/{region}/{unit}/card.png`, the
 * 1200×630 PNG `og:image` of the portal's, a region's and a unit's pages, with the IKM and grade only where the
 * disclosure plan publishes them (SPEC §4). Text from worker/views/og/card.ts, pixels from worker/views/og/raster.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { provinceOfCode } from '../../domain/region-codes';
import { SLUG_PATTERN } from '../../domain/slugs';
import { periodLabel } from '../../i18n/format';
import { t } from '../../i18n/site-words';
import { PeriodQuerySchema } from '../contract/scores';
import { PUBLIC_SECURITY, problemResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { regionFigure, unitFigure } from '../services/public-pages';
import { type CardInput, cardSvg, cardText } from '../views/og/card';
import { rasterize } from '../views/og/raster';

/**
 * A card is a preview that chat apps and crawlers fetch once and keep; ten minutes at the edge (worker/http/edge-cache.ts)
 * makes a link shared in a busy group cost one render, and a new rating shows on the next card soon enough.
 */
export const CARD_CACHE_CONTROL = 'public, max-age=600, stale-while-revalidate=3600';

const Slug = z.string().regex(SLUG_PATTERN, 'Expected a slug (lower-case letters, digits and hyphens).');
const RegionParam = Slug.openapi({ param: { name: 'region', in: 'path' }, example: 'tanjungpinang' });
const UnitParam = Slug.openapi({ param: { name: 'unit', in: 'path' }, example: 'disdukcapil' });
const CardQuery = PeriodQuerySchema.extend({
  lang: PeriodQuerySchema.shape.lang.openapi({
    param: { name: 'lang', in: 'query' },
    description: 'Language of the card (Bahasa Indonesia by default).',
  }),
});

const png = {
  200: {
    description: 'A 1200×630 PNG',
    content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
  },
};

const portalRoute = createRoute({
  method: 'get',
  path: '/card.png',
  tags: ['Public'],
  operationId: 'getPortalCard',
  security: PUBLIC_SECURITY,
  summary: 'Share card (og:image) of the portal',
  request: { query: CardQuery.pick({ lang: true }) },
  responses: { ...png, ...problemResponses(400) },
});

const regionRoute = createRoute({
  method: 'get',
  path: '/{region}/card.png',
  tags: ['Public'],
  operationId: 'getRegionCard',
  security: PUBLIC_SECURITY,
  summary: 'Share card (og:image) of a region',
  description:
    'The region’s name and province, and its pooled IKM and grade for the period where the disclosure plan publishes them (SPEC §4); otherwise only the count of responses.',
  request: { params: z.object({ region: RegionParam }), query: CardQuery },
  responses: { ...png, ...problemResponses(400, 404) },
});

const unitRoute = createRoute({
  method: 'get',
  path: '/{region}/{unit}/card.png',
  tags: ['Public'],
  operationId: 'getUnitCard',
  security: PUBLIC_SECURITY,
  summary: 'Share card (og:image) of a unit',
  description:
    'The unit’s and region’s names, and the unit’s IKM and grade for the period where the disclosure plan publishes them (SPEC §4); otherwise only the count of responses.',
  request: { params: z.object({ region: RegionParam, unit: UnitParam }), query: CardQuery },
  responses: { ...png, ...problemResponses(400, 404) },
});

async function cardResponse(input: CardInput): Promise<Response> {
  return new Response(await rasterize(cardSvg(cardText(input))), {
    headers: {
      'content-type': 'image/png',
      'cache-control': CARD_CACHE_CONTROL,
      // Chat apps and other sites show it: any origin may load it (like the badge).
      'access-control-allow-origin': '*',
    },
  });
}

export const ogRouter = createRouter();

ogRouter
  .openapi(portalRoute, (c) => {
    const locale = c.req.valid('query').lang ?? 'id';
    return cardResponse({ locale, title: t(locale, 'tagline') });
  })
  .openapi(regionRoute, async (c) => {
    const { region: slug } = c.req.valid('param');
    const { period: periodId, lang } = c.req.valid('query');
    const locale = lang ?? 'id';
    const { region, period, figures } = await regionFigure(c.env, slug, periodId, locale);
    const province = provinceOfCode(region.code);
    return cardResponse({
      locale,
      title: region.name,
      subtitle: province ? `${locale === 'id' ? 'Provinsi' : 'Province of'} ${province.name}` : undefined,
      periodLabel: periodLabel(period, locale),
      figures,
    });
  })
  .openapi(unitRoute, async (c) => {
    const { period: periodId, lang } = c.req.valid('query');
    const locale = lang ?? 'id';
    const { region, unit, period, score } = await unitFigure(c.env, c.req.valid('param'), periodId, locale);
    return cardResponse({
      locale,
      title: unit.name,
      subtitle: region.name,
      periodLabel: periodLabel(period, locale),
      figures: score,
    });
  });
