import type { Dependencies } from '#functions/dependencies.ts';
import { runAccountSyncJob } from '#functions/jobs/account-sync/job.ts';
import { runBatchRecoveryJob } from '#functions/jobs/batch-recovery/job.ts';
import { runConsistencyJob } from '#functions/jobs/consistency-check/job.ts';
import { runContractRemindersJob } from '#functions/jobs/contract-reminders/job.ts';
import { startScheduledEvaluation } from '#functions/jobs/evaluation-scheduler/job.ts';
import { scoreOrgUnitMessage } from '#functions/jobs/evaluation-worker/job.ts';
import type { JobRunner } from '#functions/jobs/run-records.ts';
import { runJobWatchdog } from '#functions/jobs/job-watchdog/job.ts';
import { runGradeStepJob } from '#functions/jobs/grade-step/job.ts';
import { runStatsSnapshotJob } from '#functions/jobs/stats-snapshot/job.ts';

/**
 * The job code behind each manifest entry, for local mode and on-demand runs (the Lambda entries
 * call the same functions). Keys are `scheduledJobs[].name` and `queueConsumers[].queue`.
 */
export type MessageConsumer = (deps: Dependencies, message: unknown) => Promise<void>;

export const jobRunners: Record<string, JobRunner> = {};

export const messageConsumers: Record<string, MessageConsumer> = {};

jobRunners['batch-recovery'] = (deps) => runBatchRecoveryJob(deps);
jobRunners['account-sync'] = (deps) => runAccountSyncJob(deps);
jobRunners['consistency-check'] = (deps, input) => runConsistencyJob(deps, input);
jobRunners['grade-step'] = (deps, input) => runGradeStepJob(deps, input);
jobRunners['job-watchdog'] = (deps) => runJobWatchdog(deps);
jobRunners['stats-snapshot'] = (deps, input) => runStatsSnapshotJob(deps, input);
jobRunners['contract-reminders'] = (deps, input) => runContractRemindersJob(deps, input);
jobRunners['evaluation-monthly'] = (deps, input) => startScheduledEvaluation(deps, input);
jobRunners['evaluation-annual'] = (deps, input) => startScheduledEvaluation(deps, input);
messageConsumers['evaluation-org-units'] = (deps, message) => scoreOrgUnitMessage(deps, message);
