import { runStatsSnapshotJob } from '#functions/jobs/stats-snapshot/job.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';

/** EventBridge Scheduler target: year-end stock snapshots on 1 January, 00:05 (idempotent per year). */
export const handler = scheduledJobHandler('stats-snapshot', (deps, event) =>
  runStatsSnapshotJob(deps, event),
);
