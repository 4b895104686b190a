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
import { cursorQuery, pageOf } from '#shared/schemas/common.ts';
import {
  designateMentorBody,
  menteesQuery,
  menteesSchema,
  mentorSchema,
  workerIdParam,
} from '#shared/schemas/development.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { designateMentor, listMentors } from '#shared/usecases/mentoring/mentors.ts';
import { listMentees } from '#shared/usecases/mentoring/mentees.ts';

const designate = createRoute({
  method: 'post',
  path: '/',
  tags: ['Mentoring'],
  summary: 'Designate an active worker as a mentor (also happens on their first pairing)',
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(designateMentorBody) },
  responses: { 201: jsonContent(mentorSchema, 'Designated'), ...commonErrors },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Mentoring'],
  summary: "The designated mentors of an org unit's subtree, with current mentees and free places",
  security: bearerSecurity,
  request: { query: cursorQuery.extend({ org: orgId }) },
  responses: { 200: jsonContent(pageOf(mentorSchema), 'Mentors, one page'), ...commonErrors },
});

const mentees = createRoute({
  method: 'get',
  path: '/{id}/mentees',
  tags: ['Mentoring'],
  summary: "A mentor's mentees: sessions, training hours this year and highest certificate",
  description: "HR officers of the mentor's subtree, or the mentor themself.",
  security: bearerSecurity,
  request: { params: workerIdParam, query: menteesQuery },
  responses: { 200: jsonContent(menteesSchema, 'The mentees'), ...commonErrors },
});

export function mentorRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(designate, async (c) =>
      c.json(await designateMentor(deps.store, requestContext(c), c.req.valid('json').workerId), 201),
    )
    .openapi(list, async (c) => {
      const { org, cursor, limit } = c.req.valid('query');
      return c.json(await listMentors(deps.store, requestContext(c), org, cursor, limit), 200);
    })
    .openapi(mentees, async (c) =>
      c.json(
        await listMentees(
          deps.store,
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('query').include,
        ),
        200,
      ),
    );
}
