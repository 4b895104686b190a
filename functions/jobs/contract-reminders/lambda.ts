import { runContractRemindersJob } from '#functions/jobs/contract-reminders/job.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';

/** EventBridge Scheduler target: contract reminders (续签提醒), daily at 07:00 (idempotent per day). */
export const handler = scheduledJobHandler('contract-reminders', (deps, event) =>
  runContractRemindersJob(deps, event),
);
