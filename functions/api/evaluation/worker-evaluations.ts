import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import { pageOf } from '#shared/schemas/common.ts';
import { resultSchema, resultsQuery } from '#shared/schemas/evaluation.ts';
import { listWorkerEvaluations } from '#shared/usecases/evaluation-results.ts';

const list = createRoute({
  method: 'get',
  path: '/{id}/evaluations',
  tags: ['Evaluation'],
  summary: "A worker's evaluation results, newest first (monthly and annual)",
  description: 'HR officers of the subtree, the worker, their mentors.',
  security: bearerSecurity,
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    query: resultsQuery,
  },
  responses: { 200: jsonContent(pageOf(resultSchema), 'Results, one page'), ...commonErrors },
});

/** Mounted at /v1/workers (the evaluation context serves /v1/workers/{id}/evaluations). */
export function workerEvaluationRoutes(deps: Dependencies) {
  return resourceApp().openapi(list, async (c) =>
    c.json(
      await listWorkerEvaluations(
        deps.store,
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query'),
      ),
      200,
    ),
  );
}
