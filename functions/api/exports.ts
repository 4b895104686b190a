import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type ExportFormat, type ExportTable, exportTable } from '#shared/spreadsheets/export.ts';
import { XLSX_CONTENT_TYPE } from '#shared/spreadsheets/media.ts';

/**
 * The office spreadsheet media types of a route's 200 (beside its JSON): `?format=xlsx|csv`. The
 * file name is in Content-Disposition (`filename*=UTF-8''…`, Chinese).
 */
export const spreadsheetExportContent = {
  'text/csv': {
    schema: z.string().openapi({ description: 'CSV, UTF-8 with BOM, CRLF, Chinese headers' }),
  },
  [XLSX_CONTENT_TYPE]: {
    schema: z
      .string()
      .openapi({ format: 'binary', description: '.xlsx workbook, one sheet, Chinese headers' }),
  },
};

export const exportHeaders = z.object({
  'content-disposition': z.string().openapi({
    description: `attachment; filename="ascii.xlsx"; filename*=UTF-8''<the Chinese name, percent-encoded>`,
  }),
});

/** Answers with the table as the asked format, as an attachment. */
export async function sendExport(c: Context, table: ExportTable, format: ExportFormat) {
  const file = await exportTable(table, format);
  return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
    'content-type': file.contentType,
    'content-disposition': file.contentDisposition,
    'x-row-count': String(table.rows.length),
  });
}
