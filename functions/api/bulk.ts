import type { Context } from 'hono';
import type { z } from 'zod';
import { CsvError, parseCsv } from '#shared/csv.ts';
import { badRequest } from '#shared/errors.ts';

/** Hard cap on rows in one bulk request (keeps requests inside Lambda's payload and time limits). */
export const MAX_BULK_ROWS = 5000;

/**
 * Reads a bulk body as JSON `{ rows: [...] }` / a bare array, or as `text/csv` with a header row.
 * Every row is validated with `rowSchema`; if any fails, nothing is processed and the 400 lists
 * each failing row (1-based row number, CSV line, field and message). CSV cells arrive as strings:
 * `rowSchema` should coerce (z.coerce.number(), booleans via a preprocess) where needed;
 * empty CSV cells are treated as absent.
 */
export async function readBulkRows<S extends z.ZodTypeAny>(c: Context, rowSchema: S): Promise<z.infer<S>[]> {
  const contentType = (c.req.header('content-type') ?? '').toLowerCase();
  let raw: { row: number; line?: number; value: unknown }[];
  if (contentType.startsWith('text/csv')) {
    let parsed: ReturnType<typeof parseCsv>;
    try {
      parsed = parseCsv(await c.req.text());
    } catch (error) {
      if (error instanceof CsvError)
        throw badRequest(
          `CSV error on line ${error.line}: ${error.message}`,
          { line: error.line },
          'INVALID_CSV',
        );
      throw error;
    }
    raw = parsed.records.map((r, i) => ({
      row: i + 1,
      line: r.line,
      value: Object.fromEntries(Object.entries(r.values).filter(([, v]) => v !== '')),
    }));
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
        'Send { "rows": [ … ] } as JSON, or text/csv with a header row',
        null,
        'VALIDATION_FAILED',
      );
    raw = rows.map((value, i) => ({ row: i + 1, value }));
  } else {
    throw badRequest('Send application/json or text/csv', { contentType }, 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (raw.length === 0) throw badRequest('The batch is empty', null, 'VALIDATION_FAILED');
  if (raw.length > MAX_BULK_ROWS)
    throw badRequest(`At most ${MAX_BULK_ROWS} rows per request`, { rows: raw.length }, 'VALIDATION_FAILED');
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
