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
import {
  createHonourCycleBody,
  cycleIdParam,
  honourCycleDetailSchema,
  honourCycleListQuery,
  honourCycleSchema,
  nominateBody,
  nominationParams,
  nominationResultBody,
  nominationSchema,
} from '#shared/schemas/careers.ts';
import {
  createHonourCycle,
  getHonourCycle,
  listHonourCycles,
  nominate,
  recordNominationResult,
} from '#shared/usecases/honours.ts';

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['Honours'],
  summary: 'Open an honour cycle with seats reserved for community workers per org unit (指标单列)',
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(createHonourCycleBody) },
  responses: { 201: jsonContent(honourCycleSchema, 'Created'), ...commonErrors },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Honours'],
  summary: "Honour cycles of the caller's city that the caller takes part in",
  security: bearerSecurity,
  request: { query: honourCycleListQuery },
  responses: { 200: jsonContent(z.object({ items: z.array(honourCycleSchema) }), 'Cycles'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Honours'],
  summary: 'A cycle with seats used per org unit and its nominations (those in your subtree)',
  security: bearerSecurity,
  request: { params: cycleIdParam },
  responses: { 200: jsonContent(honourCycleDetailSchema, 'The cycle'), ...commonErrors },
});

const nominateRoute = createRoute({
  method: 'post',
  path: '/{id}/nominations',
  tags: ['Honours'],
  summary: 'Nominate a worker: takes a reserved seat atomically; refused past the quota',
  security: bearerSecurity,
  request: { params: cycleIdParam, headers: idempotencyHeader, body: jsonBody(nominateBody) },
  responses: { 201: jsonContent(nominationSchema, 'Nominated'), ...commonErrors },
});

const result = createRoute({
  method: 'post',
  path: '/{id}/nominations/{nominationId}/result',
  tags: ['Honours'],
  summary: 'Record whether the nominee was awarded',
  security: bearerSecurity,
  request: { params: nominationParams, headers: idempotencyHeader, body: jsonBody(nominationResultBody) },
  responses: { 200: jsonContent(nominationSchema, 'The nomination with its result'), ...commonErrors },
});

export function honourCycleRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(create, async (c) =>
      c.json(await createHonourCycle(deps.store, requestContext(c), c.req.valid('json')), 201),
    )
    .openapi(list, async (c) =>
      c.json(await listHonourCycles(deps.store, requestContext(c), c.req.valid('query').year), 200),
    )
    .openapi(get, async (c) =>
      c.json(await getHonourCycle(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(nominateRoute, async (c) =>
      c.json(
        await nominate(deps.store, requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(result, async (c) => {
      const { id, nominationId } = c.req.valid('param');
      return c.json(
        await recordNominationResult(deps.store, requestContext(c), id, nominationId, c.req.valid('json')),
        200,
      );
    });
}
