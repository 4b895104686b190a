/**
 * Names of the metrics the system writes (`shared/observability.ts`) and the CDK app alarms on and
 * charts (`infra/stacks/monitoring-stack.ts`): one list, so a renamed metric can't silently leave an
 * alarm watching nothing. No side effects (the CDK app imports it at synth time).
 */
export const SERVICE = 'shegong';
export const METRICS_NAMESPACE = 'shegong';

/** Business events counted as metrics (one CloudWatch metric each, dimension `service`). */
export const BUSINESS_EVENTS = {
  hire: 'Hires',
  exit: 'Exits',
  transfer: 'TransferBatches',
  quotaRefusal: 'QuotaRefusals',
  evaluationRun: 'EvaluationRunsStarted',
} as const;
export type BusinessEvent = keyof typeof BUSINESS_EVENTS;

/** Scheduled jobs report each successful run (dimensions `service`, `job`). */
export const JOB_SUCCEEDED_METRIC = 'JobSucceeded';
/** The watchdog's daily verdict per job: 1 overdue, 0 not (dimensions `service`, `job`). */
export const JOB_OVERDUE_METRIC = 'JobOverdue';
/** One per request (dimensions `service`, `context`, `route`, `status`). */
export const REQUESTS_METRIC = 'Requests';
