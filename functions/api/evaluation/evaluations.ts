import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { sendExport, spreadsheetExportContent } from '#functions/api/exports.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import { exportFormatQuery, pageOf } from '#shared/schemas/common.ts';
import { periodSchema, resultSchema, runSchema, startRunBody } from '#shared/schemas/evaluation.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { listUnitResults } from '#shared/usecases/evaluation-results.ts';
import { resultsExport } from '#shared/usecases/exports.ts';
import {
  getEvaluationRun,
  listEvaluationRuns,
  resumeEvaluationRun,
  startEvaluationRun,
} from '#shared/usecases/evaluation-runs.ts';

const runIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const start = createRoute({
  method: 'post',
  path: '/runs',
  tags: ['Evaluation'],
  summary: 'Start an evaluation run for a period (monthly YYYY-MM or annual YYYY) over an org subtree',
  description:
    "Scores every worker of every org unit in `org` (default: the caller's) for a period that has ended, in parallel by org unit; poll GET /v1/evaluations/runs/{id}. A re-run of a period replaces its results. One run at a time per city and period (409 with the running run's id). HR officers of the subtree.",
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(startRunBody) },
  responses: { 202: jsonContent(runSchema, 'Started'), ...commonErrors },
});

const getRun = createRoute({
  method: 'get',
  path: '/runs/{id}',
  tags: ['Evaluation'],
  summary: 'Progress of an evaluation run: units done of total, workers scored, pending units',
  security: bearerSecurity,
  request: { params: runIdParam },
  responses: { 200: jsonContent(runSchema, 'The run'), ...commonErrors },
});

const resume = createRoute({
  method: 'post',
  path: '/runs/{id}/resume',
  tags: ['Evaluation'],
  summary: 'Resume a run that stopped part-way: re-queue the units not yet done',
  security: bearerSecurity,
  request: { params: runIdParam, headers: idempotencyHeader },
  responses: { 202: jsonContent(runSchema, 'Resumed (resentUnits units re-queued)'), ...commonErrors },
});

const listRuns = createRoute({
  method: 'get',
  path: '/runs',
  tags: ['Evaluation'],
  summary: "Runs concerning an org subtree, newest first (default: the caller's org unit)",
  security: bearerSecurity,
  request: {
    query: z.object({
      org: orgId.optional(),
      cursor: z.string().max(2048).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: { 200: jsonContent(pageOf(runSchema), 'Runs, one page'), ...commonErrors },
});

const results = createRoute({
  method: 'get',
  path: '/results',
  tags: ['Evaluation'],
  summary: "One org unit's results for a period, by rank (JSON, or ?format=xlsx|csv)",
  description:
    '`format=xlsx|csv`: the results as an office spreadsheet (考核结果: Chinese headers, the unit by its Chinese path, grades in Chinese, 是/否, dates in Beijing time).',
  security: bearerSecurity,
  request: { query: z.object({ org: orgId, period: periodSchema }).extend(exportFormatQuery.shape) },
  responses: {
    200: {
      description: 'The ranking, or the spreadsheet with ?format=',
      content: {
        'application/json': {
          schema: z.object({ org: z.string(), period: z.string(), items: z.array(resultSchema) }),
        },
        ...spreadsheetExportContent,
      },
    },
    ...commonErrors,
  },
});

/** Mounted at /v1/evaluations. */
export function evaluationRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(start, async (c) =>
      c.json(await startEvaluationRun(deps.store, deps.queue, requestContext(c), c.req.valid('json')), 202),
    )
    .openapi(listRuns, async (c) => {
      const { org, cursor, limit } = c.req.valid('query');
      const ctx = requestContext(c);
      return c.json(await listEvaluationRuns(deps.store, ctx, org ?? ctx.actor.org, cursor, limit), 200);
    })
    .openapi(getRun, async (c) =>
      c.json(await getEvaluationRun(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(resume, async (c) =>
      c.json(
        await resumeEvaluationRun(deps.store, deps.queue, requestContext(c), c.req.valid('param').id),
        202,
      ),
    )
    .openapi(results, async (c) => {
      const { org, period, format } = c.req.valid('query');
      if (format)
        return sendExport(c, await resultsExport(deps.store, requestContext(c), org, period), format);
      return c.json(await listUnitResults(deps.store, requestContext(c), org, period), 200);
    });
}
