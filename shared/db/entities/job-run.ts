/**
 * One run of a scheduled job for one period (`JOBRUN#<job>` / `<period>#<scope>`): the scheduler's
 * runs cover every city (scope `all`), a city HR officer's on-demand run covers their city (scope
 * = the city id). Local mode reads these on start to find the runs it missed while it was down.
 */
export const ALL_CITIES = 'all';

export const jobRunKeys = {
  /** One run: the scheduler's catch-up check and the claim of a period (GetItem / conditional Put). */
  key: (job: string, period: string, scope: string) => ({ pk: `JOBRUN#${job}`, sk: `${period}#${scope}` }),
  /** Every run of a job (Query, newest period first: the runs list), or of one period (`begins_with`). */
  pk: (job: string) => `JOBRUN#${job}`,
};

export type JobRunStatus = 'running' | 'done' | 'failed';
export type JobRunTrigger = 'schedule' | 'catch-up' | 'on-demand';

export interface JobRun {
  job: string;
  period: string;
  scope: string;
  trigger: JobRunTrigger;
  status: JobRunStatus;
  startedAt: string;
  finishedAt: string | null;
  by: string;
  /** The job's own summary (counts), as it returned it. */
  result: unknown;
  /**
   * Runs recorded before failures were stored as code + params: their English sentence. Newer runs
   * store none (the raw error is only logged); readers render `errorCode` + `errorParams`.
   */
  error: string | null;
  /** A catalogue code (`JOB_FAILED` for an unexpected error); null for runs without one. */
  errorCode: string | null;
  /** The params the code's text reads (ids, periods); null without a failure. */
  errorParams: Record<string, unknown> | null;
}

/** A run as its claim writes it: `running`, not yet finished. */
export interface StartedJobRun {
  job: string;
  period: string;
  scope: string;
  trigger: JobRunTrigger;
  status: 'running';
  startedAt: string;
  by: string;
}

export function startedJobRunItem(run: StartedJobRun): Record<string, unknown> {
  return { ...jobRunKeys.key(run.job, run.period, run.scope), type: 'job-run', ...run };
}

export function toJobRun(item: Record<string, unknown>): JobRun {
  return {
    job: item.job as string,
    period: item.period as string,
    scope: item.scope as string,
    trigger: item.trigger as JobRunTrigger,
    status: item.status as JobRunStatus,
    startedAt: item.startedAt as string,
    finishedAt: (item.finishedAt as string | undefined) ?? null,
    by: item.by as string,
    result: item.result ?? null,
    error: (item.error as string | undefined) ?? null,
    errorCode: (item.errorCode as string | undefined) ?? null,
    errorParams: (item.errorParams as Record<string, unknown> | undefined) ?? null,
  };
}

/**
 * The last success of every scheduled job, in one partition (`JOBSUCCESS` / job name), so the
 * watchdog reads them all with one Query. Written by scheduled runs in Lambda and local mode alike.
 */
export const jobSuccessKeys = {
  pk: 'JOBSUCCESS',
  key: (job: string) => ({ pk: 'JOBSUCCESS', sk: job }),
};

export interface JobSuccess {
  job: string;
  /** The scheduled instant the last successful run was for (ISO); null before any success. */
  dueAt: string | null;
  finishedAt: string | null;
  period: string | null;
  /** The watchdog's own record: when it first ran (it holds no job to instants before that). */
  since?: string;
}

export function toJobSuccess(item: Record<string, unknown>): JobSuccess {
  return {
    job: item.job as string,
    dueAt: (item.dueAt as string | undefined) ?? null,
    finishedAt: (item.finishedAt as string | undefined) ?? null,
    period: (item.period as string | null | undefined) ?? null,
    ...(typeof item.since === 'string' ? { since: item.since } : {}),
  };
}
