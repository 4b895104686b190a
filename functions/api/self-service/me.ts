import { createRoute } from '@hono/zod-openapi';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { workerSchema } from '#shared/schemas/hiring.ts';
import { getMe } from '#shared/usecases/worker-records.ts';

const me = createRoute({
  method: 'get',
  path: '/',
  tags: ['Self service'],
  summary: 'My own worker record (workers and mentors; national id masked)',
  security: bearerSecurity,
  responses: { 200: jsonContent(workerSchema, 'My record'), ...commonErrors },
});

export function meRoutes(deps: Dependencies) {
  return resourceApp().openapi(me, async (c) => c.json(await getMe(deps.store, requestContext(c)), 200));
}
