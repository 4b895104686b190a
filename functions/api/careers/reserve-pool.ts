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
import { orgId } from '#shared/schemas/org-unit.ts';
import { reservePoolBody, reservePoolEntrySchema, workerIdParam } from '#shared/schemas/careers.ts';
import { addToReservePool, listReservePool, removeFromReservePool } from '#shared/usecases/promotions.ts';

const add = createRoute({
  method: 'post',
  path: '/',
  tags: ['Promotions'],
  summary: 'Put a worker into the reserve pool (后备力量) for the two committees',
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(reservePoolBody) },
  responses: { 201: jsonContent(reservePoolEntrySchema, 'Added'), ...commonErrors },
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['Promotions'],
  summary: 'Take a worker out of the reserve pool',
  security: bearerSecurity,
  request: { params: workerIdParam, headers: idempotencyHeader },
  responses: {
    200: jsonContent(z.object({ removed: reservePoolEntrySchema }), 'Removed'),
    ...commonErrors,
  },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Promotions'],
  summary: 'The reserve pool under an org unit subtree',
  security: bearerSecurity,
  request: { query: cursorQuery.extend({ org: orgId }) },
  responses: { 200: jsonContent(pageOf(reservePoolEntrySchema), 'Pool entries, one page'), ...commonErrors },
});

export function reservePoolRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(add, async (c) =>
      c.json(await addToReservePool(deps.store, requestContext(c), c.req.valid('json')), 201),
    )
    .openapi(remove, async (c) =>
      c.json(await removeFromReservePool(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(list, async (c) => {
      const { org, cursor, limit } = c.req.valid('query');
      return c.json(await listReservePool(deps.store, requestContext(c), org, cursor, limit), 200);
    });
}
