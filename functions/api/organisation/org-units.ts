import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import { cursorQuery, pageOf } from '#shared/schemas/common.ts';
import { createOrgUnitBody, orgId, orgUnitSchema, updateOrgUnitBody } from '#shared/schemas/org-unit.ts';
import { createOrgUnit, getOrgUnit, listChildren, updateOrgUnit } from '#shared/usecases/org-units.ts';

const orgUnitWithVersion = orgUnitSchema.extend({ version: z.number().int() }).openapi('OrgUnitWithVersion');
// Ids are paths (qth/xinxing): in a URL path the slash is encoded, /v1/org-units/qth%2Fxinxing.
const idParam = z.object({ id: orgId.openapi({ param: { name: 'id', in: 'path' } }) });

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['Org units'],
  summary: 'Create an org unit (city → district → street → community → grid)',
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(createOrgUnitBody) },
  responses: { 201: jsonContent(orgUnitWithVersion, 'Created'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Org units'],
  summary: 'An org unit with its quota, seats used and available',
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: jsonContent(orgUnitWithVersion, 'The org unit'), ...commonErrors },
});

const update = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['Org units'],
  summary: 'Rename or change population / approved quota (recomputes the quota)',
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(updateOrgUnitBody) },
  responses: { 200: jsonContent(orgUnitWithVersion, 'Updated'), ...commonErrors },
});

const children = createRoute({
  method: 'get',
  path: '/{id}/children',
  tags: ['Org units'],
  summary: 'The direct children of an org unit',
  security: bearerSecurity,
  request: { params: idParam, query: cursorQuery },
  responses: { 200: jsonContent(pageOf(orgUnitWithVersion), 'Children, one page'), ...commonErrors },
});

export function orgUnitRoutes(deps: Dependencies) {
  const app = resourceApp();
  return app
    .openapi(create, async (c) =>
      c.json(await createOrgUnit(deps.store, requestContext(c), c.req.valid('json')), 201),
    )
    .openapi(children, async (c) => {
      const { cursor, limit } = c.req.valid('query');
      return c.json(
        await listChildren(deps.store, requestContext(c), c.req.valid('param').id, cursor, limit),
        200,
      );
    })
    .openapi(get, async (c) =>
      c.json(await getOrgUnit(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(update, async (c) =>
      c.json(
        await updateOrgUnit(deps.store, requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    );
}
