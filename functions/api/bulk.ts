import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from '#shared/errors.ts';
import {
  MAX_BULK_ROWS,
  mapHeader,
  normaliseHeader,
  recordObject,
  type UploadSpec,
} from '#shared/spreadsheets/columns.ts';
import {
  type SpreadsheetFormat,
  SpreadsheetError,
  readTable,
  spreadsheetContent,
  XLSX_CONTENT_TYPE,
} from '#shared/spreadsheets/read.ts';

export { spreadsheetContent };

export { MAX_BULK_ROWS };

/** The content types a bulk upload accepts (JSON, CSV, xlsx, or a multipart form with a `file`). */
export const BULK_CONTENT_TYPES = ['application/json', 'text/csv', XLSX_CONTENT_TYPE, 'multipart/form-data'];

export type RawRow = { row: number; line?: number; value: unknown };

function formatOf(contentType: string, fileName = ''): SpreadsheetFormat | null {
  if (contentType.startsWith(XLSX_CONTENT_TYPE) || /\.xlsx$/i.test(fileName)) return 'xlsx';
  if (
    contentType.startsWith('text/csv') ||
    contentType.startsWith('application/csv') ||
    /\.csv$/i.test(fileName)
  )
    return 'csv';
  return null;
}

/** The spreadsheet in the body: raw CSV/xlsx, or the `file` field of a multipart form. */
async function spreadsheetBody(c: Context, contentType: string) {
  if (!contentType.startsWith('multipart/form-data')) {
    const format = formatOf(contentType);
    return format ? { format, bytes: new Uint8Array(await c.req.arrayBuffer()) } : null;
  }
  const form = await c.req.parseBody();
  const file = form.file;
  if (!(file instanceof File))
    throw badRequest(
      'Send the spreadsheet in a form field named "file"',
      { field: 'file' },
      'VALIDATION_FAILED',
    );
  const format = formatOf(file.type ?? '', file.name);
  if (!format)
    throw badRequest(
      'The file must be .xlsx or .csv',
      { fileName: file.name, contentType: file.type },
      'UNSUPPORTED_MEDIA_TYPE',
    );
  return { format, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/**
 * Rows of a spreadsheet: the header is mapped to fields first, and unknown, missing or duplicate
 * columns are refused (400 INVALID_COLUMNS naming them and the accepted headers) before any row is
 * checked.
 */
async function spreadsheetRows(format: SpreadsheetFormat, bytes: Uint8Array, spec: UploadSpec) {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(bytes, format);
  } catch (error) {
    if (error instanceof SpreadsheetError)
      throw badRequest(
        error.reason === 'malformed-csv'
          ? `CSV error${error.line ? ` on line ${error.line}` : ''}: ${error.parserMessage}`
          : error.reason === 'empty'
            ? 'The spreadsheet is empty (a header row is required)'
            : 'The file is not a readable .xlsx workbook',
        { reason: error.reason, line: error.line },
        format === 'csv' ? 'INVALID_CSV' : 'INVALID_SPREADSHEET',
      );
    throw error;
  }
  const mapping = mapHeader(table.header, spec);
  if (
    mapping.unknown.length > 0 ||
    mapping.missing.length > 0 ||
    mapping.missingOneOf.length > 0 ||
    mapping.duplicate.length > 0
  ) {
    throw badRequest(
      'The columns are not recognised; nothing was checked or saved',
      {
        unknown: mapping.unknown,
        missing: mapping.missing,
        missingOneOf: mapping.missingOneOf,
        duplicate: mapping.duplicate,
        accepted: spec.columns.map((column) => ({ field: column.field, label: column.label })),
      },
      'INVALID_COLUMNS',
    );
  }
  const numeric = new Set(spec.columns.filter((column) => column.numeric).map((column) => column.field));
  return table.records.map(
    (record, i): RawRow => ({
      row: i + 1,
      line: record.line,
      value: numericCells(recordObject(mapping.fields, record.cells), numeric),
    }),
  );
}

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Cells are text: a number column's decimal text becomes a number; anything else is left for the row schema to refuse. */
function numericCells(value: unknown, numeric: Set<string>): unknown {
  if (numeric.size === 0 || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, cell]) => [
      key,
      numeric.has(key) && typeof cell === 'string' && DECIMAL_TEXT.test(cell.trim())
        ? Number(cell.trim())
        : cell,
    ]),
  );
}

/** A JSON row may use the Chinese headers as keys too. */
function jsonRowFields(value: unknown, spec: UploadSpec): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const byName = new Map<string, string>();
  for (const column of spec.columns)
    for (const name of [column.label, ...(column.aliases ?? [])])
      byName.set(normaliseHeader(name), column.field);
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [byName.get(normaliseHeader(key)) ?? key, v]),
  );
}

/**
 * Reads a bulk body: JSON `{ rows: [...] }` / a bare array, `text/csv` (UTF-8 with or without BOM,
 * or GBK), an `.xlsx` workbook, or a multipart form whose `file` is either. Spreadsheet headers may
 * be the Chinese labels or the English field names of `spec`. Every row is validated with
 * `rowSchema`; if any fails, nothing is processed and the 400 lists each failing row (1-based row
 * number, spreadsheet line, field and message). Spreadsheet cells arrive as strings: `rowSchema`
 * should coerce where needed; empty cells are absent.
 */
export async function readBulkRows<S extends z.ZodTypeAny>(
  c: Context,
  rowSchema: S,
  spec: UploadSpec,
): Promise<z.infer<S>[]> {
  const raw = await readBulkCells(c, spec);
  const failures: { row: number; line?: number; path: string; message: string }[] = [];
  const rows: z.infer<S>[] = [];
  for (const { row, line, value } of raw) {
    const result = rowSchema.safeParse(value);
    if (result.success) rows.push(result.data);
    else
      for (const issue of result.error.issues)
        failures.push({ row, ...(line ? { line } : {}), path: issue.path.join('.'), message: issue.message });
  }
  if (failures.length > 0) {
    throw badRequest(
      `${new Set(failures.map((f) => f.row)).size} row(s) are invalid; nothing was saved`,
      failures,
      'VALIDATION_FAILED',
    );
  }
  return rows;
}

/**
 * The body's rows before validation, each with its field → cell mapping (JSON rows as sent).
 * Refuses unreadable files, unknown or missing columns, an empty batch and too many rows (400).
 */
export async function readBulkCells(c: Context, spec: UploadSpec): Promise<RawRow[]> {
  const contentType = (c.req.header('content-type') ?? '').toLowerCase();
  let raw: RawRow[];
  const sheet = contentType.startsWith('application/json') ? null : await spreadsheetBody(c, contentType);
  if (sheet) {
    raw = await spreadsheetRows(sheet.format, sheet.bytes, spec);
  } else if (contentType.startsWith('application/json')) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw badRequest('The request body is not valid JSON');
    }
    const rows = Array.isArray(body) ? body : (body as { rows?: unknown })?.rows;
    if (!Array.isArray(rows))
      throw badRequest(
        'Send { "rows": [ … ] } as JSON, or a spreadsheet (text/csv or .xlsx) with a header row',
        null,
        'VALIDATION_FAILED',
      );
    raw = rows.map((value, i) => ({ row: i + 1, value: jsonRowFields(value, spec) }));
  } else {
    throw badRequest(
      'Send application/json, text/csv or an .xlsx workbook',
      { contentType, accepted: BULK_CONTENT_TYPES },
      'UNSUPPORTED_MEDIA_TYPE',
    );
  }
  if (raw.length === 0) throw badRequest('The batch is empty', null, 'VALIDATION_FAILED');
  if (raw.length > MAX_BULK_ROWS)
    throw badRequest(`At most ${MAX_BULK_ROWS} rows per request`, { rows: raw.length }, 'VALIDATION_FAILED');
  return raw;
}
