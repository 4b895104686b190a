import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { type ConsistencyJobInput, runConsistencyJob } from '#functions/jobs/consistency-check/job.ts';

/** EventBridge Scheduler target: the weekly consistency check (reports drift; repairs on request). */
export const handler = async (event: ConsistencyJobInput) => runConsistencyJob(lambdaDependencies(), event);
