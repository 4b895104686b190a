import {
  type JobRun,
  type JobSuccess,
  jobRunKeys,
  jobSuccessKeys,
  type StartedJobRun,
  startedJobRunItem,
  toJobRun,
  toJobSuccess,
} from '#shared/db/entities/job-run.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { conflict } from '#shared/errors.ts';

/** A run still `running` after this long was cut short (the process died): it may be claimed again. */
export const STALE_RUN_MS = 60 * 60_000;

/**
 * The scheduled jobs' run records (`JOBRUN#<job>` / `<period>#<scope>`): the claim of a period and
 * its outcome, and the reads of the scheduler's catch-up, the watchdog and the runs list. Callers
 * (`functions/jobs/run-records.ts`, the jobs API) compose these and hold no expressions.
 */
export const jobRuns = {
  /** The recorded run of a job for a period and scope, if any (consistent GetItem). */
  async get(store: Store, job: string, period: string, scope: string): Promise<JobRun | undefined> {
    const item = await store.get(jobRunKeys.key(job, period, scope), { consistent: true });
    return item ? toJobRun(item) : undefined;
  },

  /** Every recorded run of a job for a period, whatever its scope (one consistent Query). */
  async ofPeriod(store: Store, job: string, period: string): Promise<JobRun[]> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :period)',
      ExpressionAttributeValues: { ':pk': jobRunKeys.pk(job), ':period': `${period}#` },
      ConsistentRead: true,
    });
    return items.map(toJobRun);
  },

  /** Every recorded run of a job, every period and scope, newest period first (one Query). */
  async ofJob(store: Store, job: string): Promise<JobRun[]> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': jobRunKeys.pk(job) },
      ScanIndexForward: false,
    });
    return items.map(toJobRun);
  },

  /**
   * Claims the run's period and scope: the Put succeeds only if there is no run yet, the last one
   * failed, one still `running` started over `STALE_RUN_MS` before `now` (its process died), or,
   * with `rerunDone`, the last one is done. Otherwise 409 JOB_ALREADY_RUN.
   */
  claim(run: StartedJobRun, options: { rerunDone: boolean; now: Date }): WriteOp {
    const claimable = [
      'attribute_not_exists(pk)',
      '#status = :failed',
      '(#status = :running AND startedAt < :staleBefore)',
      ...(options.rerunDone ? ['#status = :done'] : []),
    ];
    return {
      Put: {
        Item: startedJobRunItem(run),
        ConditionExpression: claimable.join(' OR '),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':running': 'running',
          ':staleBefore': new Date(options.now.getTime() - STALE_RUN_MS).toISOString(),
          ...(options.rerunDone ? { ':done': 'done' } : {}),
        },
      },
      onConditionFailed: () =>
        conflict('JOB_ALREADY_RUN', `${run.job} for ${run.period} is running or has run`, {
          job: run.job,
          period: run.period,
          scope: run.scope,
        }),
    };
  },

  /**
   * Ends the run claimed at `startedAt` (`done` or `failed`, with its result or failure code), only
   * while the record is still that claim; an older error sentence is removed.
   */
  finish(
    run: Pick<StartedJobRun, 'job' | 'period' | 'scope' | 'startedAt'>,
    outcome: {
      status: 'done' | 'failed';
      finishedAt: string;
      result: unknown;
      errorCode: string | null;
      errorParams: Record<string, unknown> | null;
    },
  ): WriteOp {
    return {
      Update: {
        Key: jobRunKeys.key(run.job, run.period, run.scope),
        UpdateExpression:
          'SET #status = :status, finishedAt = :finishedAt, #result = :result, errorCode = :errorCode, errorParams = :errorParams REMOVE #error',
        ConditionExpression: 'startedAt = :startedAt',
        ExpressionAttributeNames: { '#status': 'status', '#result': 'result', '#error': 'error' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':finishedAt': outcome.finishedAt,
          ':result': outcome.result,
          ':errorCode': outcome.errorCode,
          ':errorParams': outcome.errorParams,
          ':startedAt': run.startedAt,
        },
      },
    };
  },
};

/** The last success of every scheduled job (`JOBSUCCESS` / job), which the watchdog checks. */
export const jobSuccesses = {
  /**
   * Records that `job`'s run for the scheduled instant `dueAt` (ISO) succeeded; never moves the
   * record back to an older run (one UpdateItem outside a transaction).
   */
  async record(
    store: Store,
    job: string,
    success: { dueAt: string; finishedAt: string; period: string | null },
  ): Promise<void> {
    await store.updateItem({
      Key: jobSuccessKeys.key(job),
      UpdateExpression:
        'SET #type = :type, job = :job, dueAt = :dueAt, finishedAt = :finishedAt, #period = :period',
      ConditionExpression: 'attribute_not_exists(dueAt) OR dueAt <= :dueAt',
      ExpressionAttributeNames: { '#type': 'type', '#period': 'period' },
      ExpressionAttributeValues: {
        ':type': 'job-success',
        ':job': job,
        ':dueAt': success.dueAt,
        ':finishedAt': success.finishedAt,
        ':period': success.period,
      },
    });
  },

  /** Notes when `job` (the watchdog) first ran (ISO); a later call changes nothing. */
  async recordWatchingSince(store: Store, job: string, since: string): Promise<void> {
    await store.updateItem({
      Key: jobSuccessKeys.key(job),
      UpdateExpression: 'SET #type = :type, job = :job, since = if_not_exists(since, :since)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'job-success', ':job': job, ':since': since },
    });
  },

  /** Every job's last recorded success, by job name (one Query). */
  async all(store: Store): Promise<Map<string, JobSuccess>> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': jobSuccessKeys.pk },
    });
    return new Map(items.map((item) => [item.job as string, toJobSuccess(item)]));
  },
};
