import { createRoute } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import { pageOf } from '#shared/schemas/common.ts';
import { resultSchema, resultsQuery } from '#shared/schemas/evaluation.ts';
import { listMyEvaluations } from '#shared/usecases/evaluation-results.ts';

const mine = createRoute({
  method: 'get',
  path: '/evaluations',
  tags: ['Self service', 'Evaluation'],
  summary: 'My evaluation results, newest first: component scores, total, rank, grade',
  security: bearerSecurity,
  request: { query: resultsQuery },
  responses: { 200: jsonContent(pageOf(resultSchema), 'My results, one page'), ...commonErrors },
});

/** Mounted at /v1/me: the signed-in worker's own evaluations. */
export function meEvaluationRoutes(deps: Dependencies) {
  return resourceApp().openapi(mine, async (c) =>
    c.json(await listMyEvaluations(deps.store, requestContext(c), c.req.valid('query')), 200),
  );
}
