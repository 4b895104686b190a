import { createRoute } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { sendExport, spreadsheetExportContent } from '#functions/api/exports.ts';
import { bearerSecurity, commonErrors } from '#functions/api/openapi.ts';
import { monthParam, payrollQuery } from '#shared/schemas/careers.ts';
import { exportFormatQuery } from '#shared/schemas/common.ts';
import { payrollExport } from '#shared/usecases/exports.ts';
import { payrollCsv } from '#shared/usecases/pay/payroll.ts';

const exportRoute = createRoute({
  method: 'get',
  path: '/{month}',
  tags: ['Pay'],
  summary:
    "A month's payroll for an org unit subtree: the systems CSV, or the office spreadsheet (?format=xlsx|csv)",
  description:
    'One row per worker employed in the month (active, or left during it): base pay, post allowance, certificate allowance, evaluation bonus and total in fen, with grade, post and pay policy version. A part month (hire, transfer-in or exit in the month) is paid by calendar days, line by line, as on the statement: partial_month, days_served, days_in_month say so; X-Total-Fen sums what is paid. UTF-8 with BOM (opens in Excel). With `format=xlsx` or `format=csv`: the office spreadsheet instead (工资表: Chinese headers, 身份证号, the unit by its Chinese path, post in Chinese, amounts in 元 with two decimals, a 合计 row; file name in Chinese). HR officers in the subtree.',
  security: bearerSecurity,
  request: { params: monthParam, query: payrollQuery.extend(exportFormatQuery.shape) },
  responses: {
    200: {
      description: 'The payroll CSV (attachment), or the office spreadsheet with ?format=',
      content: spreadsheetExportContent,
    },
    ...commonErrors,
  },
});

export function payrollRoutes(deps: Dependencies) {
  return resourceApp().openapi(exportRoute, async (c) => {
    const { month } = c.req.valid('param');
    const { org, format } = c.req.valid('query');
    if (format) return sendExport(c, await payrollExport(deps.store, requestContext(c), org, month), format);
    const result = await payrollCsv(deps.store, requestContext(c), org, month);
    return c.body(`\ufeff${result.csv}`, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${result.filename}"`,
      'x-row-count': String(result.count),
      'x-total-fen': String(result.totalFen),
    });
  });
}
