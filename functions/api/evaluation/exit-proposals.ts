import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import { pageOf } from '#shared/schemas/common.ts';
import { confirmExitBody, dismissExitBody, exitProposalSchema } from '#shared/schemas/evaluation.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import {
  confirmExitProposal,
  dismissExitProposal,
  getExitProposal,
  listExitProposals,
} from '#shared/usecases/exit-proposals.ts';
import { EXIT_PROPOSAL_STATUSES } from '#shared/domain/exits.ts';

const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Exit proposals'],
  summary: "Exit proposals (situation 1) of an org subtree by status (default: the caller's org, pending)",
  security: bearerSecurity,
  request: {
    query: z.object({
      org: orgId.optional(),
      status: z.enum(EXIT_PROPOSAL_STATUSES).optional(),
      cursor: z.string().max(2048).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: { 200: jsonContent(pageOf(exitProposalSchema), 'Proposals, one page'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Exit proposals'],
  summary: 'One exit proposal with its evidence',
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: jsonContent(exitProposalSchema, 'The proposal'), ...commonErrors },
});

const confirm = createRoute({
  method: 'post',
  path: '/{id}/confirm',
  tags: ['Exit proposals'],
  summary: 'Confirm: the worker exits for situation 1 (考核清退) on effectiveOn',
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(confirmExitBody) },
  responses: { 200: jsonContent(exitProposalSchema, 'Confirmed; the worker has exited'), ...commonErrors },
});

const dismiss = createRoute({
  method: 'post',
  path: '/{id}/dismiss',
  tags: ['Exit proposals'],
  summary: 'Dismiss with a reason: the worker stays',
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(dismissExitBody) },
  responses: { 200: jsonContent(exitProposalSchema, 'Dismissed'), ...commonErrors },
});

/** Mounted at /v1/exit-proposals. */
export function exitProposalRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(list, async (c) =>
      c.json(await listExitProposals(deps.store, requestContext(c), c.req.valid('query')), 200),
    )
    .openapi(get, async (c) =>
      c.json(await getExitProposal(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(confirm, async (c) =>
      c.json(
        await confirmExitProposal(
          deps.store,
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
    )
    .openapi(dismiss, async (c) =>
      c.json(
        await dismissExitProposal(
          deps.store,
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
    );
}
