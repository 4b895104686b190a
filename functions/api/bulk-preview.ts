import type { Context } from 'hono';
import type { z } from 'zod';
import { readBulkCells } from '#functions/api/bulk.ts';
import { localisedDetails, localisedMessage } from '#functions/api/middleware/errors.ts';
import { AppError } from '#shared/errors.ts';
import { isMessageCode, renderMessage } from '#shared/messages/catalogue.ts';
import { type Language, languageOf } from '#shared/messages/language.ts';
import type { BulkPreview } from '#shared/schemas/bulk-preview.ts';
import type { UploadSpec } from '#shared/spreadsheets/columns.ts';

type RowError = BulkPreview['rows'][number]['errors'][number];

/**
 * A bulk upload's dry run: the same reading and row validation as `readBulkRows`, then — when
 * every row is valid — `check`, the use-case run with its dry-run option (every rule checked,
 * nothing written), which returns what each row would record. Instead of failing on the first
 * refusal, every row comes back with its cells and its errors (a refusal's details are spread
 * over the rows they name), so the console can show the whole sheet before it is committed.
 * Unreadable files and unknown or missing columns are still a 400: there are no rows to show.
 */
export async function previewBulk<S extends z.ZodTypeAny>(
  c: Context,
  rowSchema: S,
  spec: UploadSpec,
  check: (rows: z.infer<S>[]) => Promise<ReadonlyMap<number, Record<string, unknown>> | undefined>,
): Promise<BulkPreview> {
  const language = languageOf(c.req.header('accept-language'));
  const raw = await readBulkCells(c, spec);
  const rows: BulkPreview['rows'] = raw.map(({ row, line, value }) => ({
    row,
    ...(line ? { line } : {}),
    cells: value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {},
    errors: [],
  }));
  const parsed: z.infer<S>[] = [];
  raw.forEach(({ value }, i) => {
    const result = rowSchema.safeParse(value);
    if (result.success) parsed.push(result.data);
    else
      rows[i]!.errors = result.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        code: 'VALIDATION_FAILED',
        message: issue.message,
      }));
  });
  const columns = spec.columns.map(({ field, label }) => ({ field, label }));
  if (parsed.length < raw.length) {
    const invalid = rows.filter((r) => r.errors.length > 0).map((r) => ({ row: r.row }));
    return {
      dryRun: true,
      ok: false,
      columns,
      rows,
      error: {
        code: 'VALIDATION_FAILED',
        message: localisedMessage(language, 'VALIDATION_FAILED', invalid),
        details: invalid,
      },
    };
  }
  try {
    const results = await check(parsed);
    for (const r of rows) {
      const result = results?.get(r.row);
      if (result) r.result = result;
    }
    return { dryRun: true, ok: true, columns, rows, error: null };
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500 || error.status === 401) throw error;
    for (const entry of Array.isArray(error.details) ? error.details : []) {
      const target = entry && typeof entry === 'object' ? rows[Number(entry.row) - 1] : undefined;
      if (target) target.errors.push(rowError(language, error.code, entry));
    }
    return {
      dryRun: true,
      ok: false,
      columns,
      rows,
      error: {
        code: error.code,
        message: localisedMessage(language, error.code, error.details, error.message),
        details: localisedDetails(language, error.details) ?? null,
      },
    };
  }
}

/** One row's share of a refusal, in the caller's language. */
function rowError(language: Language, code: string, entry: Record<string, unknown>): RowError {
  const path = typeof entry.path === 'string' ? entry.path : '';
  const own = typeof entry.code === 'string' ? entry.code : null;
  if (own && isMessageCode(own))
    return { path, code: own, message: localisedMessage(language, own, entry, entry.message as string) };
  const repeated = /row (\d+)/.exec(String(entry.message ?? ''));
  const rowCode =
    code === 'FORBIDDEN'
      ? 'ROW_OUTSIDE_SUBTREE'
      : code === 'UNKNOWN_WORKERS'
        ? 'ROW_WORKER_NOT_HERE'
        : repeated && code === 'VALIDATION_FAILED'
          ? 'ROW_REPEATS_ROW'
          : code;
  const details = repeated ? { ...entry, firstRow: Number(repeated[1]) } : entry;
  const message = isMessageCode(rowCode)
    ? language === 'en' && typeof entry.message === 'string'
      ? entry.message
      : renderMessage(rowCode, language, details)
    : String(entry.message ?? rowCode);
  return { path, code: rowCode, message };
}
