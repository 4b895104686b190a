import { z } from '@hono/zod-openapi';
import { EVALUATION_GRADES } from '#shared/domain/evaluation.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { workerSchema } from '#shared/schemas/hiring.ts';

/** `GET /v1/me`: the worker record plus what 我的 shows that a worker cannot read elsewhere. */
export const myProfileSchema = workerSchema
  .extend({
    orgPath: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          level: z.enum(['city', 'district', 'street', 'community', 'grid']).nullable(),
        }),
      )
      .openapi({ description: 'The org unit and its ancestors, city first, with their names' }),
    band: z
      .object({ min: z.number().int(), max: z.number().int() })
      .openapi({ description: 'The grades of the post under the pay policy in force today' }),
    gradeSince: isoDate.openapi({ description: 'When the current post and grade took effect' }),
    nextStep: z
      .union([
        z.object({
          on: isoDate,
          yearsToCount: z.number().int(),
          yearsInGrade: z.number().int(),
          minGrade: z.enum(EVALUATION_GRADES),
          grade: z.number().int(),
        }),
        z.object({ on: z.null(), reason: z.literal('top-of-band') }),
      ])
      .nullable()
      .openapi({
        description:
          'The next regular grade step (1 January) under the pay policy in force, if every coming year is evaluated at least minGrade; null after an exit',
      }),
    payPolicy: z.object({ version: z.string(), effectiveFrom: isoDate }),
  })
  .openapi('MyProfile');
