import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { startScheduledEvaluation } from '#functions/jobs/evaluation-scheduler/job.ts';

/** EventBridge Scheduler target: opens an evaluation run and fans it out by org unit. */
export const handler = async (event: { period: 'previous-month' | 'previous-year' | string }) =>
  startScheduledEvaluation(lambdaDependencies(), event);
