import { z } from '@hono/zod-openapi';

export const jobNameParam = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'stats-snapshot' }),
});

export const jobRunBody = z
  .object({
    period: z.string().min(4).max(10).openapi({
      description:
        "A day 'YYYY-MM-DD' (contract-reminders), a month 'YYYY-MM' (evaluation-monthly) or a year 'YYYY'",
      example: '2026',
    }),
  })
  .strict()
  .openapi('JobRunRequest');

export const jobRunSchema = z
  .object({
    job: z.string(),
    period: z.string(),
    scope: z.string().openapi({ description: "'all' (the scheduler) or the city the run covered" }),
    trigger: z.enum(['schedule', 'catch-up', 'on-demand']),
    status: z.enum(['running', 'done', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    by: z.string(),
    result: z.unknown().openapi({
      description:
        "The job's own summary (counts); failure entries ({ code, message }) in the caller's language",
    }),
    error: z.string().nullable().openapi({
      description: "Why the run failed, in the caller's language (Chinese unless Accept-Language: en)",
    }),
    errorCode: z
      .string()
      .nullable()
      .openapi({ description: 'The failure’s error code (JOB_FAILED if unexpected)' }),
    errorParams: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'What the failure names (ids, periods); its text is `error`' }),
  })
  .openapi('JobRun');

export const jobRunList = z.object({ items: z.array(jobRunSchema) }).openapi('JobRunList');
