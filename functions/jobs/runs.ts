import type { Dependencies } from '#functions/dependencies.ts';
import { type ScheduledJob, scheduledJobs } from '#functions/jobs/manifest.ts';
import { jobRunners } from '#functions/jobs/registry.ts';
import type { RequestContext } from '#shared/context.ts';
import {
  ALL_CITIES,
  type JobRun,
  type JobRunTrigger,
  jobRunKeys,
  toJobRun,
} from '#shared/db/entities/job-run.ts';
import { isValidIsoMonth, previousMonth, shanghaiDate, shanghaiMonth } from '#shared/domain/dates.ts';
import { periodStatus } from '#shared/domain/evaluation-periods.ts';
import { badRequest, conflict, notFound, unprocessable } from '#shared/errors.ts';

/** A run still `running` after this long was cut short (the process died): it may be claimed again. */
const STALE_RUN_MS = 60 * 60_000;

export function scheduledJob(name: string): ScheduledJob {
  const job = scheduledJobs.find((j) => j.name === name);
  if (!job) throw notFound('job', name);
  return job;
}

/** The period a run of `job` at instant `at` covers, in Asia/Shanghai (00:05 on 1 Jan 2027 → '2026'). */
export function periodCovered(job: ScheduledJob, at: Date): string {
  const year = Number(shanghaiDate(at).slice(0, 4));
  switch (job.covers) {
    case 'previous-month':
      return previousMonth(shanghaiMonth(at));
    case 'previous-year':
      return String(year - 1);
    case 'current-year':
      return String(year);
    case 'none':
      return shanghaiDate(at);
  }
}

/**
 * A period a job may be run for at `now`: the right shape (a month for monthly jobs, else a year),
 * and over (previous-period jobs) or begun (current-year jobs): 400 / 422 otherwise.
 */
export function checkPeriod(job: ScheduledJob, period: string, now: Date): void {
  if (job.covers === 'none')
    throw unprocessable('NOT_A_PERIOD_JOB', `${job.name} covers no period; it runs on its schedule`, {
      job: job.name,
    });
  const monthly = job.covers === 'previous-month';
  const shapeOk = monthly ? isValidIsoMonth(period) : /^\d{4}$/.test(period) && Number(period) >= 2000;
  if (!shapeOk) {
    throw badRequest(
      `${job.name} runs for a ${monthly ? "month 'YYYY-MM'" : "year 'YYYY'"}`,
      { period },
      'INVALID_PERIOD',
    );
  }
  const status = periodStatus(period, now);
  if (job.covers === 'current-year' ? status === 'not-started' : status !== 'ended') {
    throw unprocessable(
      job.covers === 'current-year' ? 'PERIOD_NOT_STARTED' : 'PERIOD_NOT_ENDED',
      job.covers === 'current-year'
        ? `${job.name} for ${period} can't run before the year begins`
        : `${job.name} for ${period} can only run once the period is over`,
      { period, today: shanghaiDate(now) },
    );
  }
}

/** The job's own input for an explicit period (and, for on-demand runs, one city). */
export function inputForPeriod(
  job: ScheduledJob,
  period: string,
  cities?: string[],
): Record<string, unknown> {
  return {
    ...(job.periodInput === 'period' ? { period } : { year: Number(period) }),
    ...(cities ? { cities } : {}),
  };
}

export interface RunOptions {
  /** `all` (the scheduler: every city) or one city id (on demand). */
  scope: string;
  trigger: JobRunTrigger;
  /** A finished run of the same period and scope is run again (on demand: the jobs are idempotent). */
  rerunDone: boolean;
}

/**
 * Runs `job` for `period`, recording the run (`JOBRUN#…`) with audit entries as it starts and ends.
 * The start is claimed with a condition, so two schedulers (or a retry) never run the same period
 * at once; a finished period is skipped by the scheduler (409 JOB_ALREADY_RUN) and may be re-run on
 * demand, which the jobs allow because each is idempotent for its period.
 */
export async function runJobForPeriod(
  deps: Dependencies,
  ctx: RequestContext,
  job: ScheduledJob,
  period: string,
  options: RunOptions,
): Promise<JobRun> {
  const runner = jobRunners[job.name];
  if (!runner) throw notFound('job', job.name);
  const key = jobRunKeys.key(job.name, period, options.scope);
  const auditOrg = options.scope === ALL_CITIES ? 'system' : options.scope;
  const startedAt = ctx.now.toISOString();
  const claimable = [
    'attribute_not_exists(pk)',
    '#status = :failed',
    '(#status = :running AND startedAt < :staleBefore)',
    ...(options.rerunDone ? ['#status = :done'] : []),
  ];
  const started = {
    ...key,
    type: 'job-run',
    job: job.name,
    period,
    scope: options.scope,
    trigger: options.trigger,
    status: 'running',
    startedAt,
    by: ctx.actor.sub,
  };
  await deps.store.transact(
    ctx,
    [
      {
        Put: {
          Item: started,
          ConditionExpression: claimable.join(' OR '),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':running': 'running',
            ':staleBefore': new Date(ctx.now.getTime() - STALE_RUN_MS).toISOString(),
            ...(options.rerunDone ? { ':done': 'done' } : {}),
          },
        },
        onConditionFailed: () =>
          conflict('JOB_ALREADY_RUN', `${job.name} for ${period} is running or has run`, {
            job: job.name,
            period,
            scope: options.scope,
          }),
      },
    ],
    [
      {
        entity: `job:${job.name}`,
        org: auditOrg,
        action: 'job.started',
        after: { period, scope: options.scope, trigger: options.trigger },
      },
    ],
  );
  // The idempotency marker belongs to the claim's transaction only.
  const { idempotency: _claimed, ...runnerCtx } = ctx;
  const finish = async (status: 'done' | 'failed', outcome: { result?: unknown; error?: string }) => {
    const finishedAt = deps.clock().toISOString();
    const finishCtx: RequestContext = { ...runnerCtx, now: new Date(finishedAt) };
    await deps.store.transact(
      finishCtx,
      [
        {
          Update: {
            Key: key,
            UpdateExpression:
              'SET #status = :status, finishedAt = :finishedAt, #result = :result, #error = :error',
            ConditionExpression: 'startedAt = :startedAt',
            ExpressionAttributeNames: { '#status': 'status', '#result': 'result', '#error': 'error' },
            ExpressionAttributeValues: {
              ':status': status,
              ':finishedAt': finishedAt,
              ':result': outcome.result ?? null,
              ':error': outcome.error ?? null,
              ':startedAt': startedAt,
            },
          },
        },
      ],
      [
        {
          entity: `job:${job.name}`,
          org: auditOrg,
          action: status === 'done' ? 'job.finished' : 'job.failed',
          after: { period, scope: options.scope, ...(outcome.error ? { error: outcome.error } : {}) },
        },
      ],
    );
    return toJobRun({ ...started, status, finishedAt, result: outcome.result ?? null, error: outcome.error });
  };
  let result: unknown;
  try {
    const cities = options.scope === ALL_CITIES ? undefined : [options.scope];
    result = await runner(deps, inputForPeriod(job, period, cities));
  } catch (error) {
    await finish('failed', { error: String(error instanceof Error ? error.message : error) });
    throw error;
  }
  // Results are counts; keep them small and plain (DynamoDB has no `undefined`).
  return finish('done', { result: JSON.parse(JSON.stringify(result ?? null)) });
}

/** The recorded run of a job for a period and scope, if any (the scheduler's catch-up check). */
export async function recordedRun(
  deps: Dependencies,
  job: string,
  period: string,
  scope: string,
): Promise<JobRun | undefined> {
  const item = await deps.store.get(jobRunKeys.key(job, period, scope), { consistent: true });
  return item ? toJobRun(item) : undefined;
}
