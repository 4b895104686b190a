import { createRoute } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import { checkPeriod, runJobForPeriod, scheduledJob } from '#functions/jobs/runs.ts';
import { authorize } from '#shared/auth/authorize.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import { ALL_CITIES, type JobRun } from '#shared/db/entities/job-run.ts';
import { jobRuns } from '#shared/db/job-runs.ts';
import { localiseOutcomes } from '#shared/messages/catalogue.ts';
import { currentLanguage } from '#shared/messages/language.ts';
import { renderStored } from '#shared/messages/stored.ts';
import { jobNameParam, jobRunBody, jobRunList, jobRunSchema } from '#shared/schemas/jobs.ts';

const run = createRoute({
  method: 'post',
  path: '/{name}/runs',
  tags: ['Jobs'],
  summary: "Run a scheduled job for a past period in the caller's city (a run the schedule missed)",
  description:
    'Jobs: evaluation-monthly (period YYYY-MM), evaluation-annual, grade-step, stats-snapshot (period YYYY), contract-reminders (period YYYY-MM-DD, today or earlier). The same code as the schedule; each job is idempotent for its period, so running it again changes nothing that is already right. City-level HR officers only; the run is recorded and audited (entity job:<name>). 409 JOB_ALREADY_RUN while a run of the same period is in progress.',
  security: bearerSecurity,
  request: { params: jobNameParam, headers: idempotencyHeader, body: jsonBody(jobRunBody) },
  responses: { 200: jsonContent(jobRunSchema, 'The finished run'), ...commonErrors },
});

const list = createRoute({
  method: 'get',
  path: '/{name}/runs',
  tags: ['Jobs'],
  summary: "Recorded runs of a job (the schedule's and the caller's city's), newest period first",
  security: bearerSecurity,
  request: { params: jobNameParam },
  responses: { 200: jsonContent(jobRunList, 'Runs'), ...commonErrors },
});

/**
 * A run as the caller reads it: the failure and the result's failure entries in the request's
 * language, rendered from the stored code + params. Runs recorded before that kept an English
 * sentence: Chinese from the code, English that sentence.
 */
function runView(run: JobRun): JobRun {
  const code = run.errorCode;
  const error =
    code === null
      ? run.error
      : run.error !== null && currentLanguage() === 'en'
        ? run.error
        : renderStored({ code, params: run.errorParams ?? {} });
  return { ...run, result: localiseOutcomes(run.result), error };
}

export function jobRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(run, async (c) => {
      const ctx = requestContext(c);
      const city = rootOf(ctx.actor.org);
      authorize(ctx.actor, 'job:run', { org: city });
      const job = scheduledJob(c.req.valid('param').name);
      const { period } = c.req.valid('json');
      checkPeriod(job, period, ctx.now);
      return c.json(
        runView(
          await runJobForPeriod(deps, ctx, job, period, {
            scope: city,
            trigger: 'on-demand',
            rerunDone: true,
          }),
        ),
        200,
      );
    })
    .openapi(list, async (c) => {
      const ctx = requestContext(c);
      const city = rootOf(ctx.actor.org);
      authorize(ctx.actor, 'job:run', { org: city });
      const job = scheduledJob(c.req.valid('param').name);
      const runs = await jobRuns.ofJob(deps.store, job.name);
      return c.json(
        {
          items: runs.filter((r) => r.scope === ALL_CITIES || r.scope === city).map(runView),
        },
        200,
      );
    });
}
