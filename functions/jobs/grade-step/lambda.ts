import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { runGradeStepJob } from '#functions/jobs/grade-step/job.ts';

/** EventBridge Scheduler target: the yearly grade step on 1 January (idempotent per year). */
export const handler = async (event: { year: 'current' | number }) =>
  runGradeStepJob(lambdaDependencies(), event);
