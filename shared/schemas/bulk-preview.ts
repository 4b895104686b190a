import { z } from '@hono/zod-openapi';

/** `?dryRun=true` on a bulk upload: check everything, save nothing, answer the preview (200). */
export const dryRunQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().openapi({
    description:
      'true: validate the upload (columns, every row, and the business rules) and answer a preview of every row with its mapped values and errors; nothing is saved',
  }),
});

export const bulkPreviewRowSchema = z.object({
  row: z.number().int().openapi({ description: '1-based data row' }),
  line: z.number().int().optional().openapi({ description: 'Spreadsheet line (the header is line 1)' }),
  cells: z.record(z.string(), z.unknown()).openapi({ description: 'The row as read, by field name' }),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
  result: z
    .record(z.string(), z.unknown())
    .optional()
    .openapi({ description: 'What committing would record for this row (e.g. a transfer’s grade and pay)' }),
});

export const bulkPreviewSchema = z
  .object({
    dryRun: z.literal(true),
    ok: z.boolean().openapi({ description: 'true when committing the same upload would be accepted now' }),
    columns: z.array(z.object({ field: z.string(), label: z.string() })),
    rows: z.array(bulkPreviewRowSchema),
    error: z
      .object({ code: z.string(), message: z.string(), details: z.unknown() })
      .nullable()
      .openapi({ description: 'Why committing would be refused (the error the upload would get), or null' }),
  })
  .openapi('BulkPreview');
export type BulkPreview = z.infer<typeof bulkPreviewSchema>;
