import { runJobWatchdog } from '#functions/jobs/job-watchdog/job.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';

/** EventBridge Scheduler target: the daily check that every scheduled job succeeded in its period. */
export const handler = scheduledJobHandler('job-watchdog', (deps) => runJobWatchdog(deps));
