import { runBatchRecoveryJob } from '#functions/jobs/batch-recovery/job.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';

/** EventBridge Scheduler target: resumes batches whose writer died (every 5 minutes). */
export const handler = scheduledJobHandler('batch-recovery', (deps) => runBatchRecoveryJob(deps));
