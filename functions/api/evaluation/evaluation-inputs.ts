import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { readBulkRows } from '#functions/api/bulk.ts';
import { previewBulk } from '#functions/api/bulk-preview.ts';
import { bulkPreviewSchema, dryRunQuery } from '#shared/schemas/bulk-preview.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, idempotencyHeader, jsonContent } from '#functions/api/openapi.ts';
import {
  inputKindParam,
  inputRowSchemas,
  inputsBody,
  inputsUploadResult,
  periodSchema,
  workerInputsSchema,
} from '#shared/schemas/evaluation.ts';
import {
  getWorkerInputs,
  type InputRows,
  uploadEvaluationInputs,
} from '#shared/usecases/evaluation-inputs.ts';
import { resolveWorkerReferences } from '#shared/usecases/workers.ts';
import { uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';

const upload = createRoute({
  method: 'post',
  path: '/{kind}',
  tags: ['Evaluation'],
  summary: 'Record a batch of evaluation inputs (resident poll, department feedback, duty, work orders)',
  description:
    "JSON `{ rows: [...] }` or `text/csv` with a header row, up to 5000 rows of one kind. All rows are validated first and any failure refuses the whole batch, naming the rows (400 malformed rows, 422 workers unknown in the caller's subtree or not working in the period). With `?dryRun=true` nothing is saved: 200 with every row and its errors. Rows are upserts per (worker, period, kind[, department]): sending a row again replaces its value. Periods: 'YYYY-MM' for monthly, 'YYYY' for annual inputs (without annual rows the annual evaluation aggregates the months). HR officers.",
  security: bearerSecurity,
  request: { params: inputKindParam, query: dryRunQuery, headers: idempotencyHeader, body: inputsBody },
  responses: {
    200: jsonContent(
      z.union([bulkPreviewSchema, inputsUploadResult]),
      'Recorded (or, with dryRun=true, the preview of every row; nothing saved)',
    ),
    ...commonErrors,
  },
});

const get = createRoute({
  method: 'get',
  path: '/',
  tags: ['Evaluation'],
  summary: "One worker's recorded inputs for one period",
  security: bearerSecurity,
  request: { query: z.object({ workerId: z.string().min(1).max(100), period: periodSchema }) },
  responses: { 200: jsonContent(workerInputsSchema, 'The inputs'), ...commonErrors },
});

/** Mounted at /v1/evaluation-inputs. */
export function evaluationInputRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(upload, async (c) => {
      const { kind } = c.req.valid('param');
      if (c.req.valid('query').dryRun === 'true') {
        const preview = await previewBulk(c, inputRowSchemas[kind], uploadSpecs[kind], async (rows) => {
          const resolved = await resolveWorkerReferences(deps.store, rows);
          await uploadEvaluationInputs(deps.store, requestContext(c), { kind, rows: resolved } as InputRows, {
            dryRun: true,
          });
          return undefined;
        });
        return c.json(preview, 200);
      }
      const rows = await resolveWorkerReferences(
        deps.store,
        await readBulkRows(c, inputRowSchemas[kind], uploadSpecs[kind]),
      );
      return c.json(
        await uploadEvaluationInputs(deps.store, requestContext(c), { kind, rows } as InputRows),
        200,
      );
    })
    .openapi(get, async (c) => {
      const { workerId, period } = c.req.valid('query');
      return c.json(await getWorkerInputs(deps.store, requestContext(c), workerId, period), 200);
    });
}
