import type { Dependencies } from '#functions/dependencies.ts';
import { type ScheduledJob, scheduledJobs } from '#functions/jobs/manifest.ts';
import { parseCron, previousOccurrence } from '#functions/jobs/cron.ts';
import type { RequestContext } from '#shared/context.ts';
import {
  ALL_CITIES,
  type JobRun,
  type JobRunTrigger,
  type StartedJobRun,
  toJobRun,
} from '#shared/db/entities/job-run.ts';
import { jobRuns, jobSuccesses } from '#shared/db/job-runs.ts';
import {
  isValidIsoDate,
  isValidIsoMonth,
  previousMonth,
  shanghaiDate,
  shanghaiMonth,
} from '#shared/domain/dates.ts';
import { periodStatus } from '#shared/domain/evaluation-periods.ts';
import { AppError, badRequest, notFound, unprocessable } from '#shared/errors.ts';
import { systemContext } from '#shared/context.ts';
import { mapInfrastructureError } from '#shared/db/store.ts';
import { type StoredMessage, storedMessageOf } from '#shared/messages/stored.ts';
import { logger } from '#shared/observability.ts';

/** The job code behind a manifest entry (see `registry.ts`). */
export type JobRunner = (deps: Dependencies, input: Record<string, unknown>) => Promise<unknown>;

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
    case 'current-day':
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
  if (job.covers === 'current-day') {
    if (!isValidIsoDate(period))
      throw badRequest(`${job.name} runs for a day 'YYYY-MM-DD'`, { period }, 'INVALID_PERIOD');
    if (period > shanghaiDate(now))
      throw unprocessable('PERIOD_NOT_STARTED', `${job.name} for ${period} can't run before that day`, {
        period,
        today: shanghaiDate(now),
      });
    return;
  }
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
export async function recordJobRun(
  deps: Dependencies,
  ctx: RequestContext,
  job: ScheduledJob,
  period: string,
  options: RunOptions,
  runner: JobRunner,
): Promise<JobRun> {
  const auditOrg = options.scope === ALL_CITIES ? 'system' : options.scope;
  const started: StartedJobRun = {
    job: job.name,
    period,
    scope: options.scope,
    trigger: options.trigger,
    status: 'running',
    startedAt: ctx.now.toISOString(),
    by: ctx.actor.sub,
  };
  await deps.store.transact(
    ctx,
    [jobRuns.claim(started, { rerunDone: options.rerunDone, now: ctx.now })],
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
  const finish = async (
    status: 'done' | 'failed',
    outcome: { result?: unknown; failure?: StoredMessage },
  ) => {
    const finishedAt = deps.clock().toISOString();
    const finishCtx: RequestContext = { ...runnerCtx, now: new Date(finishedAt) };
    const finished = {
      status,
      finishedAt,
      result: outcome.result ?? null,
      errorCode: outcome.failure?.code ?? null,
      errorParams: outcome.failure?.params ?? null,
    };
    await deps.store.transact(
      finishCtx,
      [jobRuns.finish(started, finished)],
      [
        {
          entity: `job:${job.name}`,
          org: auditOrg,
          action: status === 'done' ? 'job.finished' : 'job.failed',
          after: { period, scope: options.scope, ...(outcome.failure ? { error: outcome.failure } : {}) },
        },
      ],
    );
    return toJobRun({ ...started, ...finished });
  };
  let result: unknown;
  try {
    const cities = options.scope === ALL_CITIES ? undefined : [options.scope];
    result = await runner(deps, inputForPeriod(job, period, cities));
  } catch (error) {
    // The raw error goes to the log; the run and its audit entry keep a catalogue code + params,
    // rendered in the reader's language (JOB_FAILED for anything unexpected).
    logger.error('job run failed', { job: job.name, period, scope: options.scope, error: String(error) });
    await finish('failed', { failure: storedMessageOf(mapInfrastructureError(error), 'JOB_FAILED') });
    throw error;
  }
  // Results are counts; keep them small and plain (DynamoDB has no `undefined`).
  return finish('done', { result: JSON.parse(JSON.stringify(result ?? null)) });
}

/** Notes in `JOBSUCCESS` that `job`'s run for `dueAt` succeeded (finished now, by `deps.clock`). */
function recordSuccess(deps: Dependencies, job: string, dueAt: Date, period: string | null): Promise<void> {
  return jobSuccesses.record(deps.store, job, {
    dueAt: dueAt.toISOString(),
    finishedAt: deps.clock().toISOString(),
    period,
  });
}

/** The scheduled instant a run started at `at` belongs to: the latest firing of its cron ≤ `at`. */
export function scheduledInstant(job: ScheduledJob, at: Date): Date {
  return previousOccurrence(parseCron(job.schedule), at) ?? at;
}

export interface ScheduledRunOutcome {
  job: string;
  period: string | null;
  /** `skipped`: the period's run is already done or running elsewhere (a duplicate invocation). */
  status: 'done' | 'skipped';
  result: unknown;
  /** The period's run record (jobs that cover a period). */
  run: JobRun | null;
}

/**
 * One scheduled invocation of `job` (EventBridge Scheduler in AWS, the timer in local mode). A job
 * that covers a period is recorded per period (`JOBRUN#…`, claimed with a condition, audited) so a
 * retried or duplicated invocation of a finished period does nothing; every success is also noted
 * in `JOBSUCCESS`, which the watchdog checks. Failures are thrown (the scheduler retries).
 */
export async function runScheduled(
  deps: Dependencies,
  job: ScheduledJob,
  dueAt: Date,
  trigger: JobRunTrigger,
  runner: JobRunner,
): Promise<ScheduledRunOutcome> {
  if (job.covers === 'none') {
    const result = await runner(deps, job.input);
    await recordSuccess(deps, job.name, dueAt, null);
    return { job: job.name, period: null, status: 'done', result, run: null };
  }
  const period = periodCovered(job, dueAt);
  const ctx = systemContext(`scheduler:${job.name}`, deps.clock());
  try {
    const run = await recordJobRun(
      deps,
      ctx,
      job,
      period,
      { scope: ALL_CITIES, trigger, rerunDone: false },
      runner,
    );
    await recordSuccess(deps, job.name, dueAt, period);
    return { job: job.name, period, status: 'done', result: run.result, run };
  } catch (error) {
    if (error instanceof AppError && error.code === 'JOB_ALREADY_RUN') {
      const recorded = await jobRuns.get(deps.store, job.name, period, ALL_CITIES);
      if (recorded?.status === 'done') await recordSuccess(deps, job.name, dueAt, period);
      return {
        job: job.name,
        period,
        status: 'skipped',
        result: recorded?.result ?? null,
        run: recorded ?? null,
      };
    }
    throw error;
  }
}
