import { createRoute } from '@hono/zod-openapi';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { myProfileSchema } from '#shared/schemas/me.ts';
import { getMyProfile } from '#shared/usecases/me.ts';

const me = createRoute({
  method: 'get',
  path: '/',
  tags: ['Self service'],
  summary:
    'My own worker record (workers and mentors; national id masked), with my org units’ names, my band and my next grade step',
  security: bearerSecurity,
  responses: { 200: jsonContent(myProfileSchema, 'My record'), ...commonErrors },
});

export function meRoutes(deps: Dependencies) {
  return resourceApp().openapi(me, async (c) =>
    c.json(await getMyProfile(deps.store, requestContext(c)), 200),
  );
}
