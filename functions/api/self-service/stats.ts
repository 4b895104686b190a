import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { getStatsReport } from '#shared/usecases/stats-sections.ts';
import { statsSchema } from '#shared/schemas/stats.ts';

const get = createRoute({
  method: 'get',
  path: '/',
  tags: ['Stats'],
  summary: 'Figures for an org unit subtree and year (headcount, quota, hires, exits, …)',
  security: bearerSecurity,
  request: { query: z.object({ org: orgId, year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  responses: { 200: jsonContent(statsSchema, 'The figures'), ...commonErrors },
});

export function statsRoutes(deps: Dependencies) {
  return resourceApp().openapi(get, async (c) => {
    const { org, year } = c.req.valid('query');
    const ctx = requestContext(c);
    return c.json(
      await getStatsReport(deps.store, ctx, org, year ?? Number(shanghaiDate(ctx.now).slice(0, 4))),
      200,
    );
  });
}
