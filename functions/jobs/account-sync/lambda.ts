import { runAccountSyncJob } from '#functions/jobs/account-sync/job.ts';
import { lambdaAccountDirectory } from '#functions/identity/lambda-accounts.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';

/** Scheduled in the API stack (beside the user pool): retries pending account changes every 5 minutes. */
export const handler = scheduledJobHandler('account-sync', (deps) =>
  runAccountSyncJob({ ...deps, accounts: lambdaAccountDirectory() }),
);
