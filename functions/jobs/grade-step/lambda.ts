import { runGradeStepJob } from '#functions/jobs/grade-step/job.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';

/** EventBridge Scheduler target: the yearly grade step on 1 January (idempotent per year). */
export const handler = scheduledJobHandler('grade-step', (deps, event) => runGradeStepJob(deps, event));
