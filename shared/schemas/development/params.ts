import { z } from '@hono/zod-openapi';

/** Path and query parameters shared by the development routes. */

export const workerIdString = z.string().trim().min(1).max(64);
export const workerIdParam = z.object({
  id: workerIdString.openapi({ param: { name: 'id', in: 'path' }, example: 'w_3f2a9c1d0b7e' }),
});
export const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const yearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'Default: this year' }),
});
