import { createRoute, z } from '@hono/zod-openapi';
import { readBulkRows, spreadsheetContent } from '#functions/api/bulk.ts';
import { previewBulk } from '#functions/api/bulk-preview.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, idempotencyHeader, jsonContent } from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { bulkPreviewSchema, dryRunQuery } from '#shared/schemas/bulk-preview.ts';
import { onboardingRow, onboardingSchema } from '#shared/schemas/onboarding.ts';
import { uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import {
  authorizeOnboarding,
  getOnboarding,
  MAX_ONBOARDING_ROWS,
  onboardWorkforce,
} from '#shared/usecases/onboarding.ts';

const tags = ['Onboarding'];
const bulkJson = z.union([
  z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
  z.array(z.record(z.string(), z.unknown())),
]);

const importWorkforce = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Onboard the serving workforce (存量人员导入): JSON { rows }, text/csv or .xlsx, all or nothing',
  description: `City-level HR officers (a district's HR gets 403). Rows (Chinese headers in the template): nationalId, name, org (a community or grid of the city: its id, or its name, with its parents' names in front where names repeat, e.g. 东风社区第一网格; AMBIGUOUS_ORG_UNIT names the candidates), education, isPartyMember, hiredOn, post, grade, gradeSince (default hiredOn), probationEndsOn (none when empty; before today = passed), contractStartsOn, contractEndsOn (in force today), certificateLevel/certificateNumber/certificateIssuedOn/certificateRegisteredOn (all or none), annualGrades (\`2024:称职;2025:优秀\`). Every worker comes in through the \`onboarding\` channel with seats on every quota-holding ancestor, their grade history, certificate and past evaluations; the step count in grade is the yearly step rule replayed over the past years under each year's pay policy. Up to ${MAX_ONBOARDING_ROWS} rows; refused as a whole: invalid cells (400 by row), rows that contradict themselves or the records (422 ONBOARDING_ROWS_REFUSED, every problem by row and field), too few seats (409 QUOTA_EXCEEDED naming the units). Written as one audited durable batch (resumed or rolled back after a crash; a retry with the same Idempotency-Key resumes it). With \`?dryRun=true\` nothing is saved: 200 with every row, what it would record and its errors in Chinese.`,
  security: bearerSecurity,
  request: {
    headers: idempotencyHeader,
    query: dryRunQuery,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: bulkJson.openapi({ description: 'rows: serving workers (see description)' }),
        },
        'text/csv': {
          schema: z.string().openapi({
            example:
              '身份证号,姓名,所在单位,学历,是否党员,入职日期,岗位,等级,定级日期,试用期满日期,合同到期日期,历年年度考核\n230902199506150010,张三,qth/xinxing/hongqi/c1/g1,大专,是,2019-03-01,社区工作者,4,2023-01-01,2020-02-29,2028-02-29,2023:称职;2024:优秀;2025:称职\n',
          }),
        },
        ...spreadsheetContent,
      },
    },
  },
  responses: {
    200: jsonContent(bulkPreviewSchema, 'Dry run: every row with what it would record, or its errors'),
    201: jsonContent(onboardingSchema, 'Completed: every worker with their id'),
    ...commonErrors,
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'An onboarding import with every worker it brought in',
  description: 'City-level HR officers of its city.',
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
  responses: { 200: jsonContent(onboardingSchema, 'The import'), ...commonErrors },
});

export function onboardingRoutes(deps: Dependencies) {
  const { store } = deps;
  return resourceApp()
    .openapi(importWorkforce, async (c) => {
      authorizeOnboarding(requestContext(c));
      if (c.req.valid('query').dryRun === 'true') {
        const preview = await previewBulk(c, onboardingRow, uploadSpecs.onboarding, async (rows) => {
          const record = await onboardWorkforce(store, requestContext(c), rows, { dryRun: true });
          return new Map(
            record.persons.map((p, i) => [
              p.row,
              {
                org: p.org,
                post: p.post,
                grade: p.grade,
                hiredOn: p.hiredOn,
                gradeSince: rows[i]!.gradeSince ?? p.hiredOn,
                probationEndsOn: rows[i]!.probationEndsOn ?? null,
                contractEndsOn: rows[i]!.contractEndsOn,
              },
            ]),
          );
        });
        return c.json(preview, 200);
      }
      const rows = await readBulkRows(c, onboardingRow, uploadSpecs.onboarding);
      return c.json(await onboardWorkforce(store, requestContext(c), rows), 201);
    })
    .openapi(get, async (c) =>
      c.json(await getOnboarding(store, requestContext(c), c.req.valid('param').id), 200),
    );
}
