import { z } from '@hono/zod-openapi';

/** Request/response schemas are zod (via @hono/zod-openapi's `z`, which adds `.openapi()` metadata). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a real calendar date',
  )
  .openapi({ example: '2026-03-01' });

export const isoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM')
  .openapi({ example: '2026-03' });

export const fen = z
  .number()
  .int('money is integer fen')
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
  cursor: z.string().optional().openapi({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    items: z.array(item),
    cursor: z.string().optional().openapi({ description: 'Present when more pages follow' }),
  });
