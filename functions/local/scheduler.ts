import type { Dependencies } from '#functions/dependencies.ts';
import { type ScheduledJob, scheduledJobs } from '#functions/jobs/manifest.ts';
import { jobRunners } from '#functions/jobs/registry.ts';
import { periodCovered, runScheduled } from '#functions/jobs/run-records.ts';
import type { BusinessClock } from '#functions/local/business-clock.ts';
import { type CronSchedule, parseCron, previousOccurrence } from '#functions/jobs/cron.ts';
import { ALL_CITIES, type JobRun, type JobRunTrigger } from '#shared/db/entities/job-run.ts';
import { jobRuns } from '#shared/db/job-runs.ts';

export interface SchedulerOptions {
  log?: (line: string) => void;
  /** The business clock: when it moves, jobs due by the new instant run and timers are re-armed. */
  clock?: BusinessClock;
  /** Resolves when the in-process queue has no work (a fanned-out evaluation has finished). */
  idle?: () => Promise<void>;
  /** False for a table created just now: a system that never ran has missed nothing. */
  catchUpOnStart?: boolean;
}

/**
 * Runs the manifest's scheduled jobs in process (local mode), on their cron schedules read against
 * the business clock (`deps.clock`). Every run is recorded per job and period (`JOBRUN#…`), so on
 * start — and whenever the business clock jumps forward — each job whose latest scheduled instant
 * has passed without a recorded run for its period is run now, in the order they were due, and the
 * log says so. Only the latest missed period of each job is caught up this way; earlier ones can be
 * run by a city HR officer with POST /v1/jobs/{name}/runs.
 */
export function startScheduler(deps: Dependencies, options: SchedulerOptions = {}) {
  const log = options.log ?? console.log;
  const timers = new Set<NodeJS.Timeout>();
  const plan = new Map<string, Date>();
  let stopped = false;
  const jobs: { job: ScheduledJob; cron: CronSchedule }[] = [];
  for (const job of scheduledJobs) {
    if (!jobRunners[job.name]) log(`scheduler: no runner for ${job.name}; skipped`);
    else jobs.push({ job, cron: parseCron(job.schedule) });
  }

  // Runs one at a time: a catch-up, a timer and a clock move never overlap.
  let chain: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };

  const run = async (job: ScheduledJob, dueAt: Date, trigger: JobRunTrigger): Promise<JobRun | undefined> => {
    const label = job.covers === 'none' ? job.name : `${job.name} for ${periodCovered(job, dueAt)}`;
    try {
      const outcome = await runScheduled(deps, job, dueAt, trigger, jobRunners[job.name]!);
      if (outcome.status === 'skipped') return undefined;
      // A fanned-out job (evaluation) has finished only when its queue has drained.
      if (job.covers !== 'none') await options.idle?.();
      log(`scheduler: ${label} done ${JSON.stringify(outcome.result ?? null).slice(0, 200)}`);
      return outcome.run ?? undefined;
    } catch (error) {
      log(`scheduler: ${label} failed: ${String(error)}`);
      return undefined;
    }
  };

  const catchUp = async (reason: string): Promise<JobRun[]> => {
    const now = deps.clock();
    const due = jobs
      .filter(({ job }) => job.covers !== 'none')
      .map(({ job, cron }) => ({ job, at: previousOccurrence(cron, now) }))
      .filter((d): d is { job: ScheduledJob; at: Date } => d.at !== undefined)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const ran: JobRun[] = [];
    for (const { job, at } of due) {
      if (stopped) break;
      const period = periodCovered(job, at);
      if ((await jobRuns.get(deps.store, job.name, period, ALL_CITIES))?.status === 'done') continue;
      log(`scheduler: ${job.name} for ${period} was due at ${at.toISOString()} (${reason}); running it now`);
      const done = await run(job, at, 'catch-up');
      if (done) ran.push(done);
    }
    return ran;
  };

  const clearTimers = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };

  const arm = (job: ScheduledJob, cron: CronSchedule) => {
    if (stopped) return;
    const next = cron.next(deps.clock());
    plan.set(job.name, next);
    // The business clock runs at the real pace, so the wait is the business time left.
    // setTimeout caps at ~24.8 days; far-off runs re-arm in steps.
    const delay = Math.min(next.getTime() - deps.clock().getTime(), 2 ** 31 - 1);
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        void serially(async () => {
          if (deps.clock().getTime() >= next.getTime()) await run(job, next, 'schedule');
          arm(job, cron);
        });
      },
      Math.max(0, delay),
    );
    timer.unref();
    timers.add(timer);
  };
  const armAll = () => {
    clearTimers();
    for (const { job, cron } of jobs) arm(job, cron);
  };

  for (const { job, cron } of jobs) plan.set(job.name, cron.next(deps.clock()));
  const ready = serially(async () => {
    const ran = options.catchUpOnStart === false ? [] : await catchUp('missed while the system was down');
    armAll();
    return ran;
  });
  options.clock?.onMove(() =>
    serially(async () => {
      clearTimers();
      const ran = await catchUp('the business clock moved past it');
      armAll();
      return ran;
    }),
  );

  return {
    plan: () => [...plan].map(([name, next]) => ({ name, next })),
    /** Resolves with the runs caught up on start. */
    ready,
    stop() {
      stopped = true;
      clearTimers();
    },
  };
}
