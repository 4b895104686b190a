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
import {
  createMentorshipBody,
  endMentorshipBody,
  idParam,
  mentorshipSchema,
} from '#shared/schemas/development.ts';
import { createMentorship, endMentorship, getMentorship } from '#shared/usecases/mentoring/pairing.ts';

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['Mentoring'],
  summary: 'Pair a mentor with a mentee (导师帮带), designating the mentor on their first pairing',
  description:
    'HR officers whose subtree holds both workers. Both must be active; the period is the mentoring policy’s pairingMonths from startDate (default today). A mentor with the policy’s maximum of current mentees → 409 MENTOR_AT_CAPACITY; the same pair twice → 409 ALREADY_PAIRED.',
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(createMentorshipBody) },
  responses: { 201: jsonContent(mentorshipSchema, 'Paired'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Mentoring'],
  summary: 'A pairing (HR of the mentee’s subtree, the mentor, the mentee)',
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: jsonContent(mentorshipSchema, 'The pairing'), ...commonErrors },
});

const end = createRoute({
  method: 'post',
  path: '/{id}/end',
  tags: ['Mentoring'],
  summary: "End a pairing early (frees the mentor's place; the mentor loses access to the mentee)",
  security: bearerSecurity,
  request: {
    params: idParam,
    headers: idempotencyHeader,
    body: { ...jsonBody(endMentorshipBody), required: false },
  },
  responses: { 200: jsonContent(mentorshipSchema, 'Ended'), ...commonErrors },
});

export function mentorshipRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(create, async (c) =>
      c.json(await createMentorship(deps.store, requestContext(c), c.req.valid('json')), 201),
    )
    .openapi(get, async (c) =>
      c.json(await getMentorship(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(end, async (c) => {
      const body = (c.req.valid('json') as { reason?: string } | undefined) ?? {};
      return c.json(await endMentorship(deps.store, requestContext(c), c.req.valid('param').id, body), 200);
    });
}
