/**
 * The one logger and metrics sink of the system (Powertools for AWS Lambda). In Lambda: JSON log
 * lines (level from POWERTOOLS_LOG_LEVEL / LOG_LEVEL, default INFO) and CloudWatch metrics as EMF
 * log lines, namespace `shegong`. Elsewhere (local mode, tests, scripts) the same logger prints the
 * same one-line JSON and metrics are off (POWERTOOLS_METRICS_DISABLED); POWERTOOLS_DEV=true indents it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  BUSINESS_EVENTS,
  type BusinessEvent,
  JOB_OVERDUE_METRIC,
  JOB_SUCCEEDED_METRIC,
  METRICS_NAMESPACE,
  REQUESTS_METRIC,
  SERVICE,
} from './metric-names.ts';

export { BUSINESS_EVENTS, type BusinessEvent, JOB_SUCCEEDED_METRIC, METRICS_NAMESPACE, SERVICE };

// Outside Lambda metrics are off unless asked for; the logger writes the same one-line JSON as in
// Lambda (Powertools' dev mode, POWERTOOLS_DEV=true, indents it over ~25 lines per request line).
if (!process.env.AWS_LAMBDA_FUNCTION_NAME) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

export const logger = new Logger({ serviceName: SERVICE });
/**
 * Whether metrics are written at all (in Lambda, or when a test asks with
 * POWERTOOLS_METRICS_DISABLED=false): callers skip building them otherwise.
 */
export const metricsEnabled = (): boolean =>
  Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) || process.env.POWERTOOLS_METRICS_DISABLED === 'false';
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE });

/** Counts a business event now (its own EMF line, so it never mixes with a request's dimensions). */
export function recordBusinessEvent(event: BusinessEvent, count = 1): void {
  if (!metricsEnabled()) return;
  metrics.singleMetric().addMetric(BUSINESS_EVENTS[event], MetricUnit.Count, count);
}

/** Scheduled jobs report each successful run; the alarm for a job that missed its period reads this. */
export function recordJobSucceeded(job: string): void {
  if (!metricsEnabled()) return;
  const single = metrics.singleMetric();
  single.addDimension('job', job);
  single.addMetric(JOB_SUCCEEDED_METRIC, MetricUnit.Count, 1);
}

/** The watchdog's verdict on one job (1 overdue, 0 not); the job's "overdue" alarm reads it. */
export function recordJobOverdue(job: string, overdue: boolean): void {
  if (!metricsEnabled()) return;
  const single = metrics.singleMetric();
  single.addDimension('job', job);
  single.addMetric(JOB_OVERDUE_METRIC, MetricUnit.Count, overdue ? 1 : 0);
}

/** One request: a count with dimensions context, route (the route's pattern, not the path) and status. */
export function recordRequest(context: string, route: string, status: number): void {
  if (!metricsEnabled()) return;
  const single = metrics.singleMetric();
  single.addDimensions({ context, route, status: String(status) });
  single.addMetric(REQUESTS_METRIC, MetricUnit.Count, 1);
}
