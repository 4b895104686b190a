import { createRoute, z } from '@hono/zod-openapi';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { batchStatuses } from '#shared/db/entities/batch.ts';
import { t } from '#shared/messages/catalogue.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { getBatch, listOpenBatches, recoverBatchOnRequest } from '#shared/usecases/batches.ts';

const tags = ['Batches'];

const failureSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z
    .record(z.string(), z.unknown())
    .optional()
    .openapi({ description: 'What the failure names (ids)' }),
});

const batchSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: 'transfer' }),
    org: z.string(),
    subject: z.string().openapi({ example: 'transfer:t_…' }),
    status: z.enum(batchStatuses),
    stepCount: z.number().int(),
    nextStep: z.number().int(),
    undoNext: z.number().int(),
    leaseUntil: z.string(),
    request: z.object({
      actor: z.object({
        sub: z.string(),
        role: z.string(),
        org: z.string(),
        workerId: z.string().optional(),
      }),
      requestId: z.string(),
      now: z.string(),
    }),
    failure: failureSchema.nullable().openapi({
      description: "Why it was rolled back, in the caller's language (Chinese unless Accept-Language: en)",
    }),
    result: z
      .unknown()
      .optional()
      .openapi({ description: "The request's response, replayed to a retry (the batch kind's own shape)" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    rollbackReason: failureSchema.optional(),
  })
  .openapi('Batch');

const batchIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^b_[0-9a-f]+$/, { error: () => t('INVALID_BATCH_ID') })
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Open batches (in progress or rolling back) in an org subtree',
  description:
    'HR officers of the subtree. A batch is a change written in several transactions (transfers, score uploads, …); it is open until it is complete or rolled back.',
  security: bearerSecurity,
  request: { query: z.object({ org: orgId }) },
  responses: { 200: jsonContent(z.object({ items: z.array(batchSchema) }), 'Open batches'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'A batch and how far it got',
  security: bearerSecurity,
  request: { params: batchIdParam },
  responses: { 200: jsonContent(batchSchema, 'The batch'), ...commonErrors },
});

const recover = createRoute({
  method: 'post',
  path: '/{id}/recover',
  tags,
  summary: 'Finish (resume) or undo (roll-back) a batch whose process died',
  description:
    'HR officers of the batch’s org subtree. Only once the lease of the process writing it has expired (409 BATCH_IN_PROGRESS otherwise). `resume` applies the remaining steps, rolling back if one can no longer be applied (the reason is in rollbackReason); `roll-back` undoes every applied step. A batch already complete or rolled back is returned as it is.',
  security: bearerSecurity,
  request: {
    headers: idempotencyHeader,
    params: batchIdParam,
    body: jsonBody(z.object({ action: z.enum(['resume', 'roll-back']) }).openapi('BatchRecovery')),
  },
  responses: { 200: jsonContent(batchSchema, 'The batch, complete or rolled back'), ...commonErrors },
});

export function batchRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(list, async (c) =>
      c.json(await listOpenBatches(deps.store, requestContext(c), c.req.valid('query').org), 200),
    )
    .openapi(get, async (c) =>
      c.json(await getBatch(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(recover, async (c) =>
      c.json(
        await recoverBatchOnRequest(
          deps.store,
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json').action,
        ),
        200,
      ),
    );
}
