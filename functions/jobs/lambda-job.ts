import type { Dependencies } from '#functions/dependencies.ts';
import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { logger, recordJobSucceeded } from '#shared/observability.ts';

/** The schedule's input; the CDK app adds the job's manifest name (two jobs may share a function). */
export type ScheduledEvent = Record<string, unknown> & { job?: string };

/**
 * A scheduled job's Lambda handler: logs carry the invocation and the job, and a run that returns
 * (rather than throws) emits `JobSucceeded{job}`, which the job's "did not succeed" alarm reads.
 */
export function scheduledJobHandler(
  defaultJob: string,
  run: (deps: Dependencies, event: ScheduledEvent) => Promise<unknown>,
) {
  return async (event: ScheduledEvent, context?: { functionName?: string; awsRequestId?: string }) => {
    const job = typeof event?.job === 'string' ? event.job : defaultJob;
    if (context) logger.addContext(context as never);
    logger.appendKeys({ job });
    try {
      const result = await run(lambdaDependencies(), event ?? {});
      recordJobSucceeded(job);
      return result;
    } catch (error) {
      logger.error('job failed', { error });
      throw error;
    } finally {
      logger.removeKeys(['job']);
    }
  };
}
