import type { Dependencies } from '#functions/dependencies.ts';
import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { scheduledJobs } from '#functions/jobs/manifest.ts';
import { runScheduled, scheduledInstant } from '#functions/jobs/run-records.ts';
import { logger, recordJobSucceeded } from '#shared/observability.ts';

/** The schedule's input; the CDK app adds the job's manifest name (two jobs may share a function). */
export type ScheduledEvent = Record<string, unknown> & { job?: string };

/**
 * A scheduled job's Lambda handler. The run goes through `runScheduled`, as in local mode: a job
 * that covers a period is recorded for the period its scheduled instant covers (a retried or
 * duplicated invocation of a finished period does nothing) and every success is noted for the
 * watchdog. Logs carry the invocation and the job; a run that returns (rather than throws) emits
 * `JobSucceeded{job}`, which the job's "did not succeed" alarm reads.
 */
export function scheduledJobHandler(
  defaultJob: string,
  run: (deps: Dependencies, event: ScheduledEvent) => Promise<unknown>,
  dependencies: () => Dependencies = lambdaDependencies,
) {
  return async (event: ScheduledEvent, context?: { functionName?: string; awsRequestId?: string }) => {
    const name = typeof event?.job === 'string' ? event.job : defaultJob;
    if (context) logger.addContext(context as never);
    logger.appendKeys({ job: name });
    try {
      const deps = dependencies();
      const job = scheduledJobs.find((listed) => listed.name === name);
      // A job scheduled outside the manifest (account-sync, beside the user pool in the API stack)
      // covers no period and isn't watched: it just runs; its function's error alarm covers it.
      const outcome = job
        ? await runScheduled(deps, job, scheduledInstant(job, deps.clock()), 'schedule', (d, input) =>
            run(d, { ...input, job: name }),
          )
        : {
            job: name,
            period: null,
            status: 'done' as const,
            result: await run(deps, event ?? {}),
            run: null,
          };
      if (outcome.status === 'skipped')
        logger.info('period already run; nothing to do', { period: outcome.period });
      recordJobSucceeded(name);
      return outcome;
    } catch (error) {
      logger.error('job failed', { error });
      throw error;
    } finally {
      logger.removeKeys(['job']);
    }
  };
}
