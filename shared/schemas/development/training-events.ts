import { z } from '@hono/zod-openapi';
import { trainingLevelNames, trainingLevels } from '#shared/domain/training.ts';
import { t } from '#shared/messages/catalogue.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { nationalIdInput } from '#shared/schemas/hiring/fields.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';
import { workerIdString } from './params.ts';

/** Training events (培训) and their attendance. */

export const trainingLevel = vocabularyCode(trainingLevels, trainingLevelNames).openapi({
  description: 'city 市级 / district 县区级 / street 街道级 / community 社区微课堂 (micro-classroom)',
});
const hours = z.number().positive().max(24).openapi({ example: 4 });

export const createTrainingEventBody = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: '社区治理专题培训' }),
    level: trainingLevel,
    date: isoDate,
    hours,
    org: orgId.openapi({ description: 'The organising unit; its level must match `level`' }),
    location: z.string().trim().max(200).nullable().optional(),
    description: z.string().trim().max(2000).nullable().optional(),
  })
  .openapi('CreateTrainingEvent');

export const updateTrainingEventBody = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    level: trainingLevel.optional(),
    org: orgId
      .optional()
      .openapi({ description: 'A new organising unit (inside your subtree); its level must match `level`' }),
    date: isoDate.optional(),
    hours: hours.optional(),
    expectedVersion: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'The version you read; guards concurrent edits' }),
  })
  .openapi('UpdateTrainingEvent');

export const attendeeParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
  workerId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'workerId', in: 'path' } }),
});

export const attendanceRemovedSchema = z
  .object({
    eventId: z.string(),
    workerId: z.string(),
    removedHours: z.number(),
    attendees: z.number().int(),
  })
  .openapi('AttendanceRemoved');

export const trainingEventSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    level: trainingLevel,
    date: z.string(),
    hours: z.number(),
    minutes: z.number().int(),
    org: z.string(),
    location: z.string().nullable(),
    description: z.string().nullable(),
    attendees: z.number().int().openapi({ description: 'Person-times (人次) recorded' }),
    policyVersion: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('TrainingEvent');

export const listTrainingEventsQuery = z.object({
  org: orgId,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  level: trainingLevel.optional(),
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * One attendance row (JSON `{ rows: [...] }`, a bare array, or CSV with header `workerId,hours`).
 * A JSON row may be just the worker id. `hours` defaults to the event's (give fewer for a partial stay).
 */
export const attendanceRowSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { workerId: value } : value),
  z
    .object({
      workerId: workerIdString.optional(),
      nationalId: nationalIdInput.optional(),
      hours: z.coerce.number().positive().max(24).optional(),
    })
    .refine((row) => row.workerId !== undefined || row.nationalId !== undefined, {
      error: () => t('WORKER_REFERENCE_REQUIRED'),
      path: ['workerId'],
    }),
);

/**
 * The JSON body as documented. Rows are deliberately loose here: `readBulkRows` validates each one
 * with `attendanceRowSchema` and reports failures by row, for JSON and CSV alike.
 */
export const attendanceBodyDoc = z
  .union([
    z.object({
      rows: z.array(z.unknown()).openapi({
        description: '`{ workerId, hours? }` objects or bare worker ids',
        example: [{ workerId: 'w_1' }, { workerId: 'w_2', hours: 2 }, 'w_3'],
      }),
    }),
    z.array(z.unknown()),
  ])
  .openapi('AttendanceBatch', {
    description:
      '`{ rows: [...] }` or a bare array; or text/csv with header `workerId,hours`. At most 1,000 rows.',
  });

export const attendanceResultSchema = z
  .object({
    eventId: z.string(),
    recorded: z.number().int(),
    attendees: z.number().int(),
    items: z.array(z.object({ workerId: z.string(), hours: z.number() })),
  })
  .openapi('AttendanceRecorded');

export const attendanceListSchema = z
  .object({
    eventId: z.string(),
    attendees: z.number().int(),
    items: z.array(
      z.object({
        workerId: z.string(),
        workerOrg: z.string(),
        hours: z.number(),
        recordedAt: z.string(),
      }),
    ),
    cursor: z.string().optional(),
  })
  .openapi('AttendanceList');
