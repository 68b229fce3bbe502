/**
 * @module
 * Admin: regions, units and services, each change with its audit row in the same batch (docs/spec.md §5).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ADMIN_SECURITY, json, problemResponses } from '../../http/openapi';
import { createRouter } from '../../http/router';
import type { AdminEnv } from '../../security/admin-auth';
import { createRegion, createService, createUnit, updateUnit } from '../../services/admin/organisation';
import { regionUnits, type Unit, unitServices } from '../../services/regions';
import { RegionSchema, regionView } from '../regions';
import {
  RegionCreateSchema,
  RegionParams,
  ServiceCreateSchema,
  ServiceSchema,
  UnitChangesSchema,
  UnitCreateSchema,
  UnitParams,
  UnitSchema,
} from './params';

const postRegion = createRoute({
  method: 'post',
  path: '/regions',
  tags: ['Admin'],
  operationId: 'createRegion',
  summary: 'Create a region (pemerintah daerah)',
  security: ADMIN_SECURITY,
  request: { body: { required: true, ...json(RegionCreateSchema) } },
  responses: { 201: { description: 'Created', ...json(RegionSchema) }, ...problemResponses(400, 401, 403, 409) },
});

const getUnits = createRoute({
  method: 'get',
  path: '/regions/{region}/units',
  tags: ['Admin'],
  operationId: 'listUnits',
  summary: 'List the units of a region',
  security: ADMIN_SECURITY,
  request: { params: RegionParams },
  responses: { 200: { description: 'Units by name', ...json(z.array(UnitSchema)) }, ...problemResponses(401, 404) },
});

const postUnit = createRoute({
  method: 'post',
  path: '/regions/{region}/units',
  tags: ['Admin'],
  operationId: 'createUnit',
  summary: 'Create a unit (unit layanan / OPD)',
  security: ADMIN_SECURITY,
  request: { params: RegionParams, body: { required: true, ...json(UnitCreateSchema) } },
  responses: { 201: { description: 'Created', ...json(UnitSchema) }, ...problemResponses(400, 401, 403, 404, 409) },
});

const patchUnit = createRoute({
  method: 'patch',
  path: '/regions/{region}/units/{unit}',
  tags: ['Admin'],
  operationId: 'updateUnit',
  summary: 'Set or clear the head (kepala) of a unit, who signs its SKM report',
  security: ADMIN_SECURITY,
  request: { params: UnitParams, body: { required: true, ...json(UnitChangesSchema) } },
  responses: {
    200: { description: 'The unit as changed', ...json(UnitSchema) },
    ...problemResponses(400, 401, 403, 404),
  },
});

const getServices = createRoute({
  method: 'get',
  path: '/regions/{region}/units/{unit}/services',
  tags: ['Admin'],
  operationId: 'listServices',
  summary: 'List the services of a unit',
  security: ADMIN_SECURITY,
  request: { params: UnitParams },
  responses: {
    200: { description: 'Services by name', ...json(z.array(ServiceSchema)) },
    ...problemResponses(401, 404),
  },
});

const postService = createRoute({
  method: 'post',
  path: '/regions/{region}/units/{unit}/services',
  tags: ['Admin'],
  operationId: 'createService',
  summary: 'Create a service (jenis layanan)',
  security: ADMIN_SECURITY,
  request: { params: UnitParams, body: { required: true, ...json(ServiceCreateSchema) } },
  responses: { 201: { description: 'Created', ...json(ServiceSchema) }, ...problemResponses(400, 401, 403, 404, 409) },
});

const unitView = (u: Unit) => ({
  slug: u.slug,
  name: u.name,
  population: u.population,
  ikmTarget: u.ikmTarget,
  headName: u.headName,
  headNip: u.headNip,
});

export const adminRegionsRouter = createRouter<AdminEnv>()
  .openapi(postRegion, async (c) => {
    const region = await createRegion(c.env.DB, c.get('actor'), c.req.valid('json'));
    return c.json(regionView(region), 201);
  })
  .openapi(getUnits, async (c) => {
    return c.json((await regionUnits(c.env.DB, c.var.region.id)).map(unitView), 200);
  })
  .openapi(postUnit, async (c) => {
    const region = c.var.region;
    return c.json(unitView(await createUnit(c.env.DB, c.get('actor'), region, c.req.valid('json'))), 201);
  })
  .openapi(patchUnit, async (c) => {
    const { region, unit } = c.var;
    return c.json(unitView(await updateUnit(c.env.DB, c.get('actor'), region, unit, c.req.valid('json'))), 200);
  })
  .openapi(getServices, async (c) => {
    return c.json(
      (await unitServices(c.env.DB, c.var.unit.id)).map(({ slug, name }) => ({ slug, name })),
      200,
    );
  })
  .openapi(postService, async (c) => {
    const { region, unit } = c.var;
    const service = await createService(c.env.DB, c.get('actor'), region, unit, c.req.valid('json'));
    return c.json({ slug: service.slug, name: service.name }, 201);
  });
