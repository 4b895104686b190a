import { createRoute, z } from '@hono/zod-openapi';
import { readBulkRows, spreadsheetContent } from '#functions/api/bulk.ts';
import { previewBulk } from '#functions/api/bulk-preview.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, idempotencyHeader, jsonContent } from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { bulkPreviewSchema, dryRunQuery } from '#shared/schemas/bulk-preview.ts';
import { cursorQuery, pageOf } from '#shared/schemas/common.ts';
import { transferBatchSchema, transferQuery, transferRow } from '#shared/schemas/hiring.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import {
  getTransfer,
  listTransfers,
  MAX_TRANSFER_PERSONS,
  transferGridWorkers,
} from '#shared/usecases/transfers.ts';

const tags = ['Transfers'];
const bulkJson = z.union([
  z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
  z.array(z.record(z.string(), z.unknown())),
]);

const transfer = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Bulk transfer of full-time grid workers (集中转任): JSON { rows } or text/csv, all or nothing',
  description: `HR officers; every person's org unit (a community or grid) must lie in their subtree (403 lists the rows). Rows: nationalId, name, org (the unit's id, or its name, with its parents' names in front where names repeat: 东风社区第一网格; names are looked up in the caller's subtree, 422 INVALID_PLACEMENT with AMBIGUOUS_ORG_UNIT naming the candidates), currentMonthlyPayFen, post (default staff), education, isPartyMember. Each person becomes an active worker through the transfer channel at the lowest grade of the post's band whose pay (base + post allowance) is not below their current pay; nobody earns less (422 PAY_WOULD_DROP lists anyone the band can't match). Up to ${MAX_TRANSFER_PERSONS} persons; refused as a whole for invalid rows or the same person twice (400), unknown or wrong org units (422 INVALID_PLACEMENT), persons already active (409 ALREADY_ACTIVE_WORKER), or too few seats on any quota-holding unit (409 QUOTA_EXCEEDED). The response lists each person's worker id, new grade and pay, and previous pay. With \`?dryRun=true\` nothing is saved: 200 with every row, its unit (id), mapped grade and pay, and its errors.`,
  security: bearerSecurity,
  request: {
    headers: idempotencyHeader,
    query: transferQuery.extend(dryRunQuery.shape),
    body: {
      required: false,
      content: {
        'application/json': {
          schema: bulkJson.openapi({ description: 'rows: transfer rows (see description)' }),
        },
        'text/csv': {
          schema: z.string().openapi({
            example:
              '身份证号,姓名,所在单位,现月工资（元）,学历,是否党员\n230902199506150010,张三,qth/xinxing/hongqi/c1/g1,3100.00,college,是\n',
          }),
        },
        ...spreadsheetContent,
      },
    },
  },
  responses: {
    200: jsonContent(bulkPreviewSchema, 'Dry run: every row with its mapped grade and pay, or its errors'),
    201: jsonContent(transferBatchSchema, 'Completed: every person with grade and pay'),
    ...commonErrors,
  },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Transfer batches in an org subtree (without the person lists)',
  description: 'HR officers of the subtree.',
  security: bearerSecurity,
  request: { query: cursorQuery.extend({ org: orgId }) },
  responses: {
    200: jsonContent(pageOf(transferBatchSchema.omit({ persons: true })), 'One page'),
    ...commonErrors,
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'A transfer batch with every person’s grade and pay',
  description: 'HR officers whose subtree contains every person of the batch.',
  security: bearerSecurity,
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: { 200: jsonContent(transferBatchSchema, 'The batch'), ...commonErrors },
});

export function transferRoutes(deps: Dependencies) {
  const { store } = deps;
  return resourceApp()
    .openapi(transfer, async (c) => {
      const { effectiveOn, dryRun } = c.req.valid('query');
      if (dryRun === 'true') {
        const preview = await previewBulk(c, transferRow, uploadSpecs.transfers, async (rows) => {
          const batch = await transferGridWorkers(store, requestContext(c), rows, {
            effectiveOn,
            dryRun: true,
          });
          return new Map(
            batch.persons.map((p) => [
              p.row,
              {
                org: p.org,
                post: p.post,
                grade: p.grade,
                payFen: p.payFen,
                previousPayFen: p.previousPayFen,
              },
            ]),
          );
        });
        return c.json(preview, 200);
      }
      const rows = await readBulkRows(c, transferRow, uploadSpecs.transfers);
      return c.json(await transferGridWorkers(store, requestContext(c), rows, { effectiveOn }), 201);
    })
    .openapi(list, async (c) => {
      const { org, cursor, limit } = c.req.valid('query');
      return c.json(await listTransfers(store, requestContext(c), org, cursor, limit), 200);
    })
    .openapi(get, async (c) =>
      c.json(await getTransfer(store, requestContext(c), c.req.valid('param').id), 200),
    );
}
