import { runConsistencyJob } from '#functions/jobs/consistency-check/job.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';

/** EventBridge Scheduler target: the weekly consistency check (reports drift; repairs on request). */
export const handler = scheduledJobHandler('consistency-check', (deps, event) =>
  runConsistencyJob(deps, event),
);
