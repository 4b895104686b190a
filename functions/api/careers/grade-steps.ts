import { createRoute } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import { localiseOutcomes } from '#shared/messages/catalogue.ts';
import { gradeStepBody, gradeStepResult } from '#shared/schemas/careers.ts';
import { runGradeStepsOnDemand } from '#shared/usecases/grade-steps.ts';

const run = createRoute({
  method: 'post',
  path: '/',
  tags: ['Pay'],
  summary: "Run the yearly grade step (1 January rules) for the caller's city on demand",
  description:
    'The same code as the scheduled job. Idempotent per year: a second run for the same year changes nothing. City-level HR officers only.',
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(gradeStepBody) },
  responses: { 200: jsonContent(gradeStepResult, 'Counts of the run'), ...commonErrors },
});

export function gradeStepRoutes(deps: Dependencies) {
  return resourceApp().openapi(run, async (c) =>
    c.json(
      localiseOutcomes(await runGradeStepsOnDemand(deps.store, requestContext(c), c.req.valid('json'))),
      200,
    ),
  );
}
