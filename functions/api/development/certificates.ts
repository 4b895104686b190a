import { createRoute, z } from '@hono/zod-openapi';
import { readBulkRows, spreadsheetContent } from '#functions/api/bulk.ts';
import { previewBulk } from '#functions/api/bulk-preview.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, idempotencyHeader, jsonContent } from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { bulkPreviewSchema, dryRunQuery } from '#shared/schemas/bulk-preview.ts';
import {
  certificateHoldersQuery,
  certificateHoldersSchema,
  certificateRow,
  certificatesRecordedSchema,
} from '#shared/schemas/development.ts';
import { uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import { listCertificateHolders, recordCertificates } from '#shared/usecases/certificates.ts';

const bulkJson = z.union([
  z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
  z.array(z.record(z.string(), z.unknown())),
]);

const upload = createRoute({
  method: 'post',
  path: '/',
  tags: ['Certificates'],
  summary: 'Record certificates from a sheet (证书登记表): JSON { rows }, CSV or .xlsx, all or nothing',
  description:
    'HR officers; every worker must be active and in their subtree. Columns (Chinese headers or field names; template: GET /v1/templates/certificates): 身份证号 or 人员编号, 姓名 (not matched), 证书等级, 证书编号, 发证日期, 登记日期. Each row is checked as a single certificate is: invalid rows → 400 by row; rows the rules refuse (a worker not found in your subtree, registered in the future, a number already recorded or twice in the sheet, a worker no longer active) → 422 CERTIFICATES_REJECTED listing every refused row; nothing is saved in either case. With `?dryRun=true` nothing is saved: 200 with every row, the worker it names and its errors.',
  security: bearerSecurity,
  request: {
    query: dryRunQuery,
    headers: idempotencyHeader,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: bulkJson.openapi({
            description: 'rows: { workerId? | nationalId?, level, number, issuedOn, registeredOn }',
          }),
        },
        'text/csv': {
          schema: z.string().openapi({
            example:
              '身份证号,姓名,证书等级,证书编号,发证日期,登记日期\n230902199506150010,张三,助理社会工作师,ZS2025230900123,2025-06-20,2025-07-01\n',
          }),
        },
        ...spreadsheetContent,
      },
    },
  },
  responses: {
    200: jsonContent(bulkPreviewSchema, 'Dry run: every row with the worker it names, or its errors'),
    201: jsonContent(certificatesRecordedSchema, 'Recorded: every certificate with its worker'),
    ...commonErrors,
  },
});

const holders = createRoute({
  method: 'get',
  path: '/',
  tags: ['Certificates'],
  summary: "Who holds a certificate: a subtree's active workers by the highest level held, one page",
  description:
    'HR officers of the subtree. `holding=certified` (any level) or `uncertified`, or `level` (the highest level held); each worker with that certificate and the monthly allowance it earns under the pay policy in force. Served by the ByCertification index (one Query per level), ordered by org path, paged by `cursor`.',
  security: bearerSecurity,
  request: { query: certificateHoldersQuery },
  responses: { 200: jsonContent(certificateHoldersSchema, 'Holders, one page'), ...commonErrors },
});

export function certificateUploadRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(holders, async (c) =>
      c.json(await listCertificateHolders(deps.store, requestContext(c), c.req.valid('query')), 200),
    )
    .openapi(upload, async (c) => {
      const ctx = requestContext(c);
      if (c.req.valid('query').dryRun === 'true') {
        const preview = await previewBulk(c, certificateRow, uploadSpecs.certificates, async (rows) => {
          const result = await recordCertificates(deps.store, ctx, rows, { dryRun: true });
          return new Map(result.certificates.map(({ row, workerId, name }) => [row, { workerId, name }]));
        });
        return c.json(preview, 200);
      }
      const rows = await readBulkRows(c, certificateRow, uploadSpecs.certificates);
      return c.json(await recordCertificates(deps.store, ctx, rows), 201);
    });
}
