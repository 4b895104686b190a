import type { Dependencies } from '#functions/dependencies.ts';
import { parseCron, previousOccurrence } from '#functions/jobs/cron.ts';
import { type ScheduledJob, scheduledJobs } from '#functions/jobs/manifest.ts';
import { periodCovered } from '#functions/jobs/run-records.ts';
import { ALL_CITIES, type JobRun, type JobSuccess } from '#shared/db/entities/job-run.ts';
import { jobRuns, jobSuccesses } from '#shared/db/job-runs.ts';
import { logger, recordJobOverdue } from '#shared/observability.ts';
import { allCities } from '#shared/usecases/grade-steps.ts';

export const WATCHDOG_JOB = 'job-watchdog';

/**
 * How long after its scheduled instant a run may still be under way (EventBridge Scheduler retries
 * for up to 2 hours, then the run itself): a job is overdue only once this has passed too.
 */
export const RUN_GRACE_MS = 3 * 3600_000;

export interface JobStatus {
  job: string;
  /** The latest scheduled instant that should have a successful run by now, if any. */
  dueAt: string | null;
  /** The period that instant covers (jobs that cover a period). */
  period: string | null;
  lastSuccess: JobSuccess | null;
  /** `overdue`: no success recorded for `dueAt`; `ok`; `not-watched`: due before watching began. */
  state: 'ok' | 'overdue' | 'not-watched';
  /** Set when the schedule's run is missing but every city ran the period on demand. */
  coveredBy?: 'on-demand';
}

/**
 * Whether a period the schedule missed was made good by hand: the schedule's own run (scope `all`)
 * is done after all, or every city has a done on-demand run of it. A city's run covers only that
 * city, so one city catching up leaves the others' period missing.
 */
export function periodMadeGood(
  runs: readonly Pick<JobRun, 'scope' | 'status'>[],
  cities: readonly string[],
): boolean {
  const done = new Set(runs.filter((run) => run.status === 'done').map((run) => run.scope));
  if (done.has(ALL_CITIES)) return true;
  return cities.length > 0 && cities.every((city) => done.has(city));
}

/**
 * Each job's state at `now`: whether its latest due run (older than the grace) has a recorded
 * success. Instants before `watchingSince` (the watchdog's first run: a new system has missed
 * nothing) are not held against a job. Pure but for its inputs.
 */
export function jobStatuses(
  jobs: readonly ScheduledJob[],
  successes: ReadonlyMap<string, JobSuccess>,
  now: Date,
  watchingSince: Date,
): JobStatus[] {
  return jobs.map((job) => {
    const due = previousOccurrence(parseCron(job.schedule), new Date(now.getTime() - RUN_GRACE_MS));
    const lastSuccess = successes.get(job.name) ?? null;
    if (!due) return { job: job.name, dueAt: null, period: null, lastSuccess, state: 'ok' };
    const period = job.covers === 'none' ? null : periodCovered(job, due);
    const succeeded = lastSuccess?.dueAt != null && lastSuccess.dueAt >= due.toISOString();
    const state = succeeded ? 'ok' : due < watchingSince ? 'not-watched' : 'overdue';
    return { job: job.name, dueAt: due.toISOString(), period, lastSuccess, state };
  });
}

/**
 * The daily watchdog: CloudWatch can't alarm on a missing monthly or annual success (it looks back
 * at most 7 days), so this job reads every job's last recorded success (one Query) and reports each
 * overdue one: an error log line and `JobOverdue{job} = 1` (0 otherwise), which the job's alarm reads.
 */
export async function runJobWatchdog(deps: Dependencies) {
  const now = deps.clock();
  const successes = await jobSuccesses.all(deps.store);
  const since = successes.get(WATCHDOG_JOB)?.since;
  const watchingSince = since ? new Date(since) : now;
  if (!since) await jobSuccesses.recordWatchingSince(deps.store, WATCHDOG_JOB, now.toISOString());
  const statuses = await withOnDemandRuns(
    deps,
    jobStatuses(
      scheduledJobs.filter((job) => job.name !== WATCHDOG_JOB),
      successes,
      now,
      watchingSince,
    ),
  );
  for (const status of statuses) {
    recordJobOverdue(status.job, status.state === 'overdue');
    if (status.state === 'overdue') logger.error('scheduled job overdue', { ...status });
  }
  const overdue = statuses.filter((s) => s.state === 'overdue');
  return {
    checked: statuses.length,
    overdue: overdue.map((s) => ({ job: s.job, dueAt: s.dueAt, period: s.period })),
  };
}

/**
 * Overdue periods that city HR officers ran on demand (`POST /v1/jobs/{name}/runs`) in every city
 * are no longer overdue. Costs a Query only for an overdue job that covers a period (rare), plus one
 * for the list of cities.
 */
async function withOnDemandRuns(deps: Dependencies, statuses: JobStatus[]): Promise<JobStatus[]> {
  const overdue = statuses.filter((s) => s.state === 'overdue' && s.period !== null);
  if (overdue.length === 0) return statuses;
  const cities = await allCities(deps.store);
  const madeGood = new Set<string>();
  for (const status of overdue) {
    if (periodMadeGood(await jobRuns.ofPeriod(deps.store, status.job, status.period!), cities))
      madeGood.add(status.job);
  }
  return statuses.map((s) => (madeGood.has(s.job) ? { ...s, state: 'ok', coveredBy: 'on-demand' } : s));
}
