import { z } from '@hono/zod-openapi';
import { exitSituations } from '#shared/domain/exits.ts';
import { honourTypes } from '#shared/domain/honours.ts';
import { sessionModes } from '#shared/domain/mentoring.ts';
import { POSTS } from '#shared/domain/pay.ts';
import { COMMITTEE_ROLES, COMMITTEES } from '#shared/domain/promotion.ts';
import { trainingLevels } from '#shared/domain/training.ts';

/**
 * GET /v1/stats, every section declared (no catch-all): the response-contract check then catches a
 * section that adds, drops or renames a figure without the document (and the web client) knowing.
 */

const count = z.number().int().min(0);
/** Percentage with two decimals (35.63 = 35.63 %); null when there is no base to divide by. */
const percent = z.number().nullable();
const countsBy = <const T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((key) => [key, count])) as { [K in T[number]]: typeof count });

export const hiringStatsSchema = z.object({
  headcount: z.object({ active: count }).openapi({ description: '在岗人数 (stock, now)' }),
  hires: z.object({
    openRecruitment: count,
    transfer: count,
    helperAppointment: count,
    onboarding: count.openapi({ description: '存量导入: serving workers onboarded, by their hire year' }),
    total: count,
  }),
  exits: z.object({
    bySituation: countsBy(exitSituations.map((s) => String(s.situation)) as [string, ...string[]]).openapi({
      description: 'Exits in the year by the rule book’s exit situation number',
    }),
    total: count,
  }),
});

const committeeFigures = countsBy([...COMMITTEE_ROLES, 'total'] as const);

export const careersStatsSchema = z.object({
  careers: z.object({
    workersByPostAndGrade: z.object(
      Object.fromEntries(
        POSTS.map((post) => [
          post,
          z.object({
            total: count,
            byGrade: z
              .record(z.string().regex(/^\d+$/), count)
              .openapi({ description: 'Non-zero grades only' }),
          }),
        ]),
      ) as Record<
        (typeof POSTS)[number],
        z.ZodObject<{ total: typeof count; byGrade: z.ZodRecord<z.ZodString, typeof count> }>
      >,
    ),
    promotions: z.object({
      ...(Object.fromEntries(COMMITTEES.map((committee) => [committee, committeeFigures])) as Record<
        (typeof COMMITTEES)[number],
        typeof committeeFigures
      >),
      total: count,
    }),
    honours: z.object({
      byType: z.object(
        Object.fromEntries(
          honourTypes.map((type) => [type, z.object({ nominations: count, awards: count })]),
        ) as Record<
          (typeof honourTypes)[number],
          z.ZodObject<{ nominations: typeof count; awards: typeof count }>
        >,
      ),
      nominations: count,
      awards: count,
    }),
    gradeSteps: z.object({ regular: count, early: count }),
  }),
});

export const developmentStatsSchema = z.object({
  training: z.object({
    events: countsBy(trainingLevels),
    totalEvents: count,
    personTimes: count,
    hours: z.number().min(0).openapi({ description: 'Training hours, two decimals' }),
    microClassrooms: count,
  }),
  mentoring: z.object({
    mentors: count,
    mentees: count,
    sessions: count,
    sessionMinutes: count,
    sessionsByMode: countsBy(sessionModes),
  }),
  certification: z.object({
    certificatesRegistered: count,
    certifiedActive: count.nullable(),
    active: count.nullable(),
    certifiedOnDutyRate: percent.openapi({ description: '持证上岗比例, percent with two decimals' }),
    basis: z.enum(['live', 'year-end snapshot']).nullable(),
    previousYearRate: percent,
    changePoints: z
      .number()
      .nullable()
      .openapi({ description: 'Percentage points since the previous year-end' }),
  }),
});

const gradeDistribution = countsBy(['excellent', 'competent', 'basic', 'failed'] as const);
const evaluationDistribution = z.object({
  period: z.string(),
  workersEvaluated: count,
  gradeDistribution,
  averageScore: z.number().nullable(),
});

export const evaluationStatsSchema = z.object({
  evaluation: z.object({
    annual: evaluationDistribution.nullable(),
    latestMonth: evaluationDistribution.nullable(),
    gradeDistribution,
    workOrders: z.object({
      assigned: count,
      completed: count,
      satisfied: count,
      completionRate: percent,
      satisfactionRate: percent,
      source: z.enum(['annual', 'months']).nullable(),
      periods: z.array(z.string()),
    }),
  }),
});

export const statsSchema = z
  .object({
    org: z.string(),
    year: z.number().int(),
    quota: z.object({
      holdsQuota: z.boolean(),
      quota: z.number().int().nullable(),
      used: z.number().int(),
      available: z.number().int().nullable(),
    }),
    counters: z.record(z.string(), z.number()).openapi({ description: 'Raw counters behind the figures' }),
  })
  .extend(hiringStatsSchema.shape)
  .extend(careersStatsSchema.shape)
  .extend(developmentStatsSchema.shape)
  .extend(evaluationStatsSchema.shape)
  .openapi('Stats');

export type HiringStats = z.infer<typeof hiringStatsSchema>;
export type CareersStats = z.infer<typeof careersStatsSchema>;
export type DevelopmentStats = z.infer<typeof developmentStatsSchema>;
export type EvaluationStats = z.infer<typeof evaluationStatsSchema>;
export type Stats = z.infer<typeof statsSchema>;
