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
  gradeViewSchema,
  monthParam,
  promoteBody,
  promotionHistorySchema,
  promotionPreviewSchema,
  promotionSchema,
  setGradeBody,
  statementSchema,
  workerIdParam,
} from '#shared/schemas/careers.ts';
import { getGrade, setGrade } from '#shared/usecases/pay/grades.ts';
import { getStatement } from '#shared/usecases/pay/statements.ts';
import { listPromotions, previewPromotion, promote } from '#shared/usecases/promotions.ts';

const statement = createRoute({
  method: 'get',
  path: '/{id}/statements/{month}',
  tags: ['Pay'],
  summary: "A worker's pay statement for a month, line by line in fen, with grade, post and policy version",
  description:
    'The pay policy in effect on the month’s first day and the post/grade in force on its last day apply. In the month of hire, transfer-in or exit every line is paid by calendar days served (amount × days ÷ days in the month, rounded to the fen); `service` gives the days. HR officers in the subtree and the worker themself.',
  security: bearerSecurity,
  request: { params: workerIdParam.merge(monthParam) },
  responses: { 200: jsonContent(statementSchema, 'The statement'), ...commonErrors },
});

const getGradeRoute = createRoute({
  method: 'get',
  path: '/{id}/grade',
  tags: ['Pay'],
  summary: "A worker's post and grade, band, step state and grade history",
  security: bearerSecurity,
  request: { params: workerIdParam },
  responses: { 200: jsonContent(gradeViewSchema, 'Current grade and history'), ...commonErrors },
});

const putGrade = createRoute({
  method: 'put',
  path: '/{id}/grade',
  tags: ['Pay'],
  summary: "Set a worker's post and grade within the post's band (HR)",
  security: bearerSecurity,
  request: { params: workerIdParam, headers: idempotencyHeader, body: jsonBody(setGradeBody) },
  responses: { 200: jsonContent(gradeViewSchema, 'The new grade and history'), ...commonErrors },
});

const promoteRoute = createRoute({
  method: 'post',
  path: '/{id}/promotions',
  tags: ['Promotions'],
  summary: 'Promote a worker into the party or residents’ committee (两委); pay never drops',
  security: bearerSecurity,
  request: { params: workerIdParam, headers: idempotencyHeader, body: jsonBody(promoteBody) },
  responses: { 201: jsonContent(promotionSchema, 'Promoted'), ...commonErrors },
});

const promotionPreview = createRoute({
  method: 'post',
  path: '/{id}/promotions/preview',
  tags: ['Promotions'],
  summary: 'Preview a promotion: new post and grade, pay before and after, and every refusal; writes nothing',
  description:
    "HR officers of the worker's subtree. Same body, reads and checks as POST /v1/workers/{id}/promotions; 200 even when the promotion would be refused: `refusals` lists each refusal it would give (code, status, message in the request's language), `allowed` is true when there is none. 400/403/404 as for the promotion.",
  security: bearerSecurity,
  request: { params: workerIdParam, body: jsonBody(promoteBody) },
  responses: { 200: jsonContent(promotionPreviewSchema, 'What the promotion would do'), ...commonErrors },
});

const promotionHistory = createRoute({
  method: 'get',
  path: '/{id}/promotions',
  tags: ['Promotions'],
  summary: "A worker's promotions, oldest first, and current committee seats",
  security: bearerSecurity,
  request: { params: workerIdParam },
  responses: { 200: jsonContent(promotionHistorySchema, 'Promotion history'), ...commonErrors },
});

/** Careers routes under /v1/workers/{id}/… (statements, grade, promotions). */
export function workerCareerRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(statement, async (c) => {
      const { id, month } = c.req.valid('param');
      return c.json(await getStatement(deps.store, requestContext(c), id, month), 200);
    })
    .openapi(getGradeRoute, async (c) =>
      c.json(await getGrade(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(putGrade, async (c) =>
      c.json(
        await setGrade(deps.store, requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(promoteRoute, async (c) =>
      c.json(await promote(deps.store, requestContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(promotionPreview, async (c) =>
      c.json(
        await previewPromotion(deps.store, requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
    )
    .openapi(promotionHistory, async (c) =>
      c.json(await listPromotions(deps.store, requestContext(c), c.req.valid('param').id), 200),
    );
}
