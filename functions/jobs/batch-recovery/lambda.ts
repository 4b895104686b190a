import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { runBatchRecoveryJob } from '#functions/jobs/batch-recovery/job.ts';

/** EventBridge Scheduler target: resumes batches whose writer died (every 5 minutes). */
export const handler = async () => runBatchRecoveryJob(lambdaDependencies());
