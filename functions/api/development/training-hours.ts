import { createRoute } from '@hono/zod-openapi';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { trainingHoursQuery, trainingHoursSchema } from '#shared/schemas/development.ts';
import { unitTrainingHours } from '#shared/usecases/training/unit-hours.ts';

const unitHours = createRoute({
  method: 'get',
  path: '/',
  tags: ['Training'],
  summary: "A unit's workers' training hours for a year, against the weekly and annual requirements",
  description:
    'HR officers of the subtree. Each active worker (org-path order, paged by `cursor`) with hours, person-times, 每周半日学 weeks, progress and standing (`behind`: the share of the requirement done is below the share of the year gone by), and the counts by standing for the whole unit. One Query for the workers and one per training period (three) for the attendances, whatever the unit size.',
  security: bearerSecurity,
  request: { query: trainingHoursQuery },
  responses: { 200: jsonContent(trainingHoursSchema, 'The unit’s hours, one page'), ...commonErrors },
});

export function trainingHoursRoutes(deps: Dependencies) {
  return resourceApp().openapi(unitHours, async (c) =>
    c.json(await unitTrainingHours(deps.store, requestContext(c), c.req.valid('query')), 200),
  );
}
