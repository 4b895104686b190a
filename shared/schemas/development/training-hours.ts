import { z } from '@hono/zod-openapi';
import { orgId } from '#shared/schemas/org-unit.ts';
import { trainingLevel } from './training-events.ts';

/** Training hours (学时): one worker's year, and a unit's workers by standing. */

export const workerTrainingSchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    org: z.string(),
    year: z.number().int(),
    policyVersion: z.string(),
    annualRequiredHours: z.number(),
    weeklyStudyMinHours: z.number(),
    totalMinutes: z.number().int(),
    totalHours: z.number(),
    attendances: z.number().int().openapi({ description: 'Person-times in the year' }),
    compliantWeeks: z
      .number()
      .int()
      .openapi({ description: 'ISO weeks with ≥ the weekly minimum (每周半日学)' }),
    weeksInYearSoFar: z.number().int(),
    requirementMet: z.boolean(),
    progressPercent: z
      .number()
      .openapi({ description: 'Of the annual requirement, one decimal, rounded down' }),
    remainingHours: z.number(),
    compliantWeekKeys: z.array(z.string()),
    byLevel: z.record(z.string(), z.object({ attendances: z.number().int(), hours: z.number() })),
    records: z.array(
      z.object({
        eventId: z.string(),
        date: z.string(),
        title: z.string(),
        level: trainingLevel,
        hours: z.number(),
      }),
    ),
  })
  .openapi('WorkerTraining');

export const trainingHoursQuery = z.object({
  org: orgId,
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'Default: this year' }),
  standing: z
    .enum(['met', 'behind', 'on-track'])
    .optional()
    .openapi({ description: 'met 已达标 / behind 进度落后 / on-track 按进度; omitted: everyone' }),
  cursor: z.string().max(2048).optional().openapi({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const trainingHoursSchema = z
  .object({
    org: z.string(),
    year: z.number().int(),
    policyVersion: z.string(),
    annualRequiredHours: z.number(),
    weeklyStudyMinHours: z.number(),
    summary: z
      .object({
        workers: z.number().int(),
        met: z.number().int(),
        behind: z.number().int(),
        onTrack: z.number().int(),
      })
      .openapi({ description: "The unit's active workers by standing (every page)" }),
    items: z.array(
      z.object({
        workerId: z.string(),
        name: z.string(),
        org: z.string(),
        totalMinutes: z.number().int(),
        totalHours: z.number(),
        attendances: z.number().int().openapi({ description: 'Person-times in the year' }),
        compliantWeeks: z.number().int().openapi({ description: 'ISO weeks with ≥ the weekly minimum' }),
        weeksInYearSoFar: z.number().int(),
        requirementMet: z.boolean(),
        progressPercent: z.number(),
        remainingHours: z.number(),
        standing: z.enum(['met', 'behind', 'on-track']).openapi({
          description: 'behind: the share of the requirement done is below the share of the year gone by',
        }),
      }),
    ),
    cursor: z.string().optional().openapi({ description: 'Present when more pages follow' }),
  })
  .openapi('UnitTrainingHours');
