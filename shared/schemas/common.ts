import { z } from '@hono/zod-openapi';
import { t } from '#shared/messages/catalogue.ts';

/** Request/response schemas are zod (via @hono/zod-openapi's `z`, which adds `.openapi()` metadata). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => t('ISO_DATE') })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { error: () => t('REAL_DATE') },
  )
  .openapi({ example: '2026-03-01' });

export const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: () => t('ISO_MONTH') })
  .openapi({ example: '2026-03' });

export const fen = z
  .number()
  .int({ error: () => t('INTEGER_FEN') })
  .min(0)
  .openapi({ description: 'Amount in fen (1 yuan = 100 fen)' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().openapi({ description: 'Machine-readable specifics (offending fields, reasons)' }),
    }),
  })
  .openapi('Error');

export const cursorQuery = z.object({
  cursor: z.string().max(2048).optional().openapi({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    items: z.array(item),
    cursor: z.string().optional().openapi({ description: 'Present when more pages follow' }),
  });

/** `?format=xlsx|csv`: the response as an office spreadsheet instead of JSON (or the systems CSV). */
export const exportFormatQuery = z.object({
  format: z.enum(['csv', 'xlsx']).optional().openapi({
    description:
      'xlsx or csv: an office spreadsheet (Chinese headers, 元 with two decimals, dates YYYY-MM-DD Beijing time, Chinese labels; CSV is UTF-8 with BOM), as an attachment with a Chinese file name',
  }),
});
