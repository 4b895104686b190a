/**
 * Scheduled jobs and queue consumers, as pure data: the CDK app turns each schedule into an
 * EventBridge Scheduler schedule (Asia/Shanghai, retries, DLQ) and the local server runs the same
 * handlers on a timer from the same cron expressions, so AWS and local mode share one schedule.
 */
export interface ScheduledJob {
  name: string;
  description: string;
  /** Lambda entry (exports `handler`), relative to the repo root. */
  entry: string;
  /** EventBridge Scheduler cron expression, evaluated in `timezone`. */
  schedule: string;
  timezone: 'Asia/Shanghai';
  /** Payload the schedule sends to the handler. */
  input: Record<string, unknown>;
  /** Queue the job fans out to, if any (see queueConsumers). */
  sendsTo?: string;
  /**
   * The period a run at its scheduled instant covers (a run at 00:05 on 1 January 2027 snapshots
   * 2026; a daily job's run covers its own day), and how a run for an explicit period is asked for (`{ period }` or `{ year }`): missed
   * runs and on-demand runs (POST /v1/jobs/{name}/runs) name the period. `none`: a maintenance
   * job (batch recovery, consistency check) that covers no period; it runs whenever it is due, is
   * not recorded per period nor caught up, and can't be run on demand for a period.
   */
  covers: 'previous-month' | 'previous-year' | 'current-year' | 'current-day' | 'none';
  periodInput: 'period' | 'year' | 'none';
}

/**
 * `evaluation-org-units` → `QUEUE_URL_EVALUATION_ORG_UNITS`: the env var that gives a producer the
 * queue's URL (set by the CDK app, read by `functions/queues/sqs.ts`).
 */
export function queueUrlEnvName(queue: string): string {
  return `QUEUE_URL_${queue.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
}

export interface QueueConsumer {
  /** Queue name; the producer gets its URL in env var `QUEUE_URL_<NAME in SCREAMING_SNAKE>`. */
  queue: string;
  description: string;
  entry: string;
  batchSize: number;
}

export const queueConsumers: QueueConsumer[] = [
  {
    queue: 'evaluation-org-units',
    description: 'Scores one org unit for one evaluation run (fan-out target)',
    entry: 'functions/jobs/evaluation-worker/lambda.ts',
    batchSize: 1,
  },
];

export const scheduledJobs: ScheduledJob[] = [
  {
    name: 'evaluation-monthly',
    description: 'Monthly evaluation (日常考核) of the previous month, fanned out by org unit',
    entry: 'functions/jobs/evaluation-scheduler/lambda.ts',
    schedule: 'cron(0 2 1 * ? *)',
    timezone: 'Asia/Shanghai',
    input: { period: 'previous-month' },
    sendsTo: 'evaluation-org-units',
    covers: 'previous-month',
    periodInput: 'period',
  },
  {
    name: 'evaluation-annual',
    description: 'Annual evaluation (年度考核) of the previous year, fanned out by org unit',
    entry: 'functions/jobs/evaluation-scheduler/lambda.ts',
    schedule: 'cron(0 3 1 1 ? *)',
    timezone: 'Asia/Shanghai',
    input: { period: 'previous-year' },
    sendsTo: 'evaluation-org-units',
    covers: 'previous-year',
    periodInput: 'period',
  },
  {
    name: 'grade-step',
    description: 'Yearly grade advancement on 1 January (三岗十八级 step rules)',
    entry: 'functions/jobs/grade-step/lambda.ts',
    schedule: 'cron(0 6 1 1 ? *)',
    timezone: 'Asia/Shanghai',
    input: { year: 'current' },
    covers: 'current-year',
    periodInput: 'year',
  },
  {
    name: 'stats-snapshot',
    description: 'Year-end snapshot of stock figures (certified-on-duty rate year on year), 1 January',
    entry: 'functions/jobs/stats-snapshot/lambda.ts',
    schedule: 'cron(5 0 1 1 ? *)',
    timezone: 'Asia/Shanghai',
    input: { year: 'previous' },
    covers: 'previous-year',
    periodInput: 'year',
  },
  {
    name: 'contract-reminders',
    description:
      'Contracts ending within the policy’s reminder days become reminders for HR (续签提醒), daily',
    entry: 'functions/jobs/contract-reminders/lambda.ts',
    schedule: 'cron(0 7 * * ? *)',
    timezone: 'Asia/Shanghai',
    input: { period: 'today' },
    covers: 'current-day',
    periodInput: 'period',
  },
  {
    name: 'batch-recovery',
    description: 'Finishes or rolls back batches whose writing process died (lease expired)',
    entry: 'functions/jobs/batch-recovery/lambda.ts',
    schedule: 'cron(0/5 * * * ? *)',
    timezone: 'Asia/Shanghai',
    input: {},
    covers: 'none',
    periodInput: 'none',
  },
  {
    name: 'consistency-check',
    description: 'Weekly recount of seats, stats counters, mentor caps and honour quotas; logs drift',
    entry: 'functions/jobs/consistency-check/lambda.ts',
    schedule: 'cron(0 4 ? * MON *)',
    timezone: 'Asia/Shanghai',
    input: { repair: false },
    covers: 'none',
    periodInput: 'none',
  },
  {
    name: 'job-watchdog',
    description: 'Daily check that every scheduled job succeeded in its period (JobOverdue per job)',
    entry: 'functions/jobs/job-watchdog/lambda.ts',
    schedule: 'cron(30 9 * * ? *)',
    timezone: 'Asia/Shanghai',
    input: {},
    covers: 'none',
    periodInput: 'none',
  },
];
