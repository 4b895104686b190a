import { startScheduledEvaluation } from '#functions/jobs/evaluation-scheduler/job.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';
import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { lambdaWorkQueue } from '#functions/queues/lambda-sqs.ts';

/** EventBridge Scheduler target (monthly and annual evaluation): opens a run and fans it out by org unit. */
export const handler = scheduledJobHandler(
  'evaluation-monthly',
  (deps, event) => startScheduledEvaluation(deps, event as { period?: unknown }),
  () => ({ ...lambdaDependencies(), queue: lambdaWorkQueue() }),
);
