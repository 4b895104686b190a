import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { runStatsSnapshotJob, type StatsSnapshotJobInput } from '#functions/jobs/stats-snapshot/job.ts';

/** EventBridge Scheduler target: year-end stock snapshots on 1 January, 00:05 (idempotent per year). */
export const handler = async (event: StatsSnapshotJobInput) =>
  runStatsSnapshotJob(lambdaDependencies(), event);
