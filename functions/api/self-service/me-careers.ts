import { createRoute } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import { monthParam, statementSchema } from '#shared/schemas/careers.ts';
import { getMyStatement } from '#shared/usecases/pay/statements.ts';

const myStatement = createRoute({
  method: 'get',
  path: '/statements/{month}',
  tags: ['Self service', 'Pay'],
  summary: 'My pay statement for a month: what my grade is, what I am paid, and why, line by line',
  security: bearerSecurity,
  request: { params: monthParam },
  responses: { 200: jsonContent(statementSchema, 'My statement'), ...commonErrors },
});

/** Mounted at /v1/me: the signed-in worker's own pay statements. */
export function meCareerRoutes(deps: Dependencies) {
  return resourceApp().openapi(myStatement, async (c) =>
    c.json(await getMyStatement(deps.store, requestContext(c), c.req.valid('param').month), 200),
  );
}
