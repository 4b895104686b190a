import { createRoute } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import { requireRole } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { forbidden } from '#shared/errors.ts';
import { mySessionsSchema, workerTrainingSchema, yearQuery } from '#shared/schemas/development.ts';
import { myCoachingSessions } from '#shared/usecases/mentoring/sessions.ts';
import { workerTraining } from '#shared/usecases/training/hours.ts';

/** /v1/me/training and /v1/me/coaching-sessions: a worker's (or mentor's) own development records. */
const training = createRoute({
  method: 'get',
  path: '/training',
  tags: ['Self service'],
  summary: 'My training year: hours, attendances, weekly half-day study, progress to the requirement',
  security: bearerSecurity,
  request: { query: yearQuery },
  responses: { 200: jsonContent(workerTrainingSchema, 'My training year'), ...commonErrors },
});

const sessions = createRoute({
  method: 'get',
  path: '/coaching-sessions',
  tags: ['Self service'],
  summary: 'Coaching sessions I received (and, as a mentor, gave), with my pairings',
  security: bearerSecurity,
  request: { query: yearQuery },
  responses: { 200: jsonContent(mySessionsSchema, 'My sessions'), ...commonErrors },
});

function myWorkerId(ctx: RequestContext): string {
  requireRole(ctx.actor, 'worker', 'mentor');
  if (!ctx.actor.workerId) throw forbidden('Your token carries no worker id');
  return ctx.actor.workerId;
}

export function meDevelopmentRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(training, async (c) => {
      const ctx = requestContext(c);
      return c.json(await workerTraining(deps.store, ctx, myWorkerId(ctx), c.req.valid('query').year), 200);
    })
    .openapi(sessions, async (c) =>
      c.json(await myCoachingSessions(deps.store, requestContext(c), c.req.valid('query').year), 200),
    );
}
