/**
 * @module
 * `GET /bukti/{token}`: the public check of a signed SKP evidence link (PermenPANRB 6/2022). Anyone
 * holding the link (an assessor scanning the report's QR code) sees the signed figures, whether the
 * signature is valid, and whether they still match today's data. A forged, cut or altered token is
 * answered "tidak valid" with 400, never a 5xx. `?format=json` gives the same for e-Kinerja systems.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import { readConfig } from '../env';
import { PUBLIC_SECURITY, problemResponses } from '../http/openapi';
import { createRouter } from '../http/router';
import { claimFigures, verifyEvidenceToken } from '../services/report/evidence';
import { EvidencePage } from '../views/evidence-page';
import { documentOf } from '../views/layout';

const VerificationSchema = z
  .object({
    valid: z.boolean().openapi({ description: 'True when the portal’s signature over the figures is valid' }),
    region: z.string().optional(),
    unit: z.string().optional(),
    period: z.string().optional(),
    responses: z.number().int().optional(),
    ikm: z.number().optional(),
    ikmLow: z.number().optional(),
    ikmHigh: z.number().optional(),
    grade: z.enum(['A', 'B', 'C', 'D']).optional(),
    issuedOn: z.string().optional(),
    matchesCurrentData: z
      .boolean()
      .nullable()
      .optional()
      .openapi({ description: 'Whether today’s n, IKM and grade equal the signed ones; null when the unit is gone' }),
  })
  .openapi('SkpEvidenceVerification');

const verifyRoute = createRoute({
  method: 'get',
  path: '/{token}',
  tags: ['SKP evidence'],
  operationId: 'verifyEvidenceLink',
  security: PUBLIC_SECURITY,
  summary: 'Verify a signed SKP evidence link (public page)',
  request: {
    params: z.object({
      token: z
        .string()
        .max(2000)
        .openapi({ param: { name: 'token', in: 'path' }, description: 'The token of the evidence URL' }),
    }),
    query: z.object({
      format: z
        .enum(['html', 'json'])
        .optional()
        .openapi({ param: { name: 'format', in: 'query' }, description: 'HTML page (default) or JSON' }),
    }),
  },
  responses: {
    200: {
      description: 'A valid signature: the figures, and whether they match today’s data',
      content: { 'text/html': { schema: z.string() }, 'application/json': { schema: VerificationSchema } },
    },
    400: {
      description: 'Not a valid evidence token (forged, cut or altered): the page says "tidak valid"',
      content: { 'text/html': { schema: z.string() }, 'application/json': { schema: VerificationSchema } },
    },
    ...problemResponses(404),
  },
});

export const evidenceRouter = createRouter();

evidenceRouter.use(
  '*',
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  }),
);

evidenceRouter.openapi(verifyRoute, async (c) => {
  const { token } = c.req.valid('param');
  const result = await verifyEvidenceToken(c.env.DB, readConfig(c.env).evidenceSigningKey, token);
  const status = result.valid ? 200 : 400;
  // The answer depends on today's data and carries the assessor's figures: not for shared caches or search engines.
  c.header('Cache-Control', 'no-store');
  c.header('X-Robots-Tag', 'noindex, nofollow');
  if (c.req.valid('query').format === 'json') {
    if (!result.valid) return c.json({ valid: false }, status);
    const { claim } = result;
    return c.json(
      {
        valid: true,
        ...claimFigures(claim),
        matchesCurrentData: result.matches,
      },
      status,
    );
  }
  return c.html(documentOf(<EvidencePage result={result} />), status);
});
