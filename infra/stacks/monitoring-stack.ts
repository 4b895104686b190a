import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type ScheduledJob, scheduledJobs } from '../../functions/jobs/manifest.ts';
import { parseCron } from '../../functions/jobs/cron.ts';
import {
  BUSINESS_EVENTS,
  JOB_OVERDUE_METRIC,
  JOB_SUCCEEDED_METRIC,
  METRICS_NAMESPACE,
  SERVICE,
} from '../../shared/metric-names.ts';
import { pascal } from '../config.ts';
import type { ShegongFunction } from '../constructs/shegong-function.ts';
import { importTable } from './data-stack.ts';

export interface MonitoringStackProps extends StackProps {
  /** Physical name of the table in the data stack. */
  tableName: string;
  api: HttpApi;
  /** API functions by context name. */
  apiFunctions: ReadonlyMap<string, ShegongFunction>;
  /** Job functions (consumers and scheduled) by construct id. */
  jobFunctions: ReadonlyMap<string, ShegongFunction>;
  /** Consumer queues by manifest name (their depth is on the dashboard). */
  queues: ReadonlyMap<string, IQueue>;
  deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** Context `alarmEmail`: subscribe this address to the alarm topic. */
  alarmEmail?: string;
}

/**
 * Alarm thresholds. Operational settings, not business rules (those are policies): change here.
 * Periods are five minutes unless stated.
 */
export const ALARM_THRESHOLDS = {
  /** Percentage of API responses that are 5xx, in 2 of 3 periods. */
  apiServerErrorPercent: 1,
  /** Any function error / throttle, any DynamoDB throttled request or system error, any dead letter. */
  any: 1,
} as const;

/** The DynamoDB operations `shared/db` issues (CloudWatch alarms take at most 10 metrics). */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

const FIVE_MINUTES = Duration.minutes(5);
const ONE_DAY_SECONDS = 86_400;
const SEVEN_DAYS_SECONDS = 7 * ONE_DAY_SECONDS;

/** The longest gap between two consecutive runs of a cron schedule (over a sample of runs from 2026 on). */
export function longestInterval(schedule: string): Duration {
  const cron = parseCron(schedule);
  let at = cron.next(new Date('2026-01-01T00:00:00Z'));
  let longest = 0;
  for (let i = 0; i < 30; i += 1) {
    const next = cron.next(at);
    longest = Math.max(longest, next.getTime() - at.getTime());
    at = next;
  }
  return Duration.seconds(longest / 1000);
}

/**
 * The window of a job's "did not succeed" alarm: two of its periods without a `JobSucceeded`
 * (missing data is breaching), so one missed run alarms once the next is due. CloudWatch evaluates
 * at most one day for periods under an hour and seven days otherwise, so a job whose two periods
 * are longer (weekly, monthly, annual) has no such alarm: `undefined`.
 */
export function missedRunWindow(job: ScheduledJob): { period: Duration; periods: number } | undefined {
  const interval = longestInterval(job.schedule).toSeconds();
  const limit = interval < 3600 ? ONE_DAY_SECONDS : SEVEN_DAYS_SECONDS;
  if (interval % 60 !== 0 || 2 * interval > limit) return undefined;
  return { period: Duration.seconds(interval), periods: 2 };
}

/** The watchdog's daily verdict on `job` (maximum over a day: 1 overdue). */
export function jobOverdueMetric(job: string): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: JOB_OVERDUE_METRIC,
    dimensionsMap: { service: SERVICE, job },
    statistic: Stats.MAXIMUM,
    period: Duration.days(1),
  });
}

export function jobSucceededMetric(job: string, period: Duration): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: JOB_SUCCEEDED_METRIC,
    // Powertools adds `service` to every metric; the job handler adds `job`.
    dimensionsMap: { service: SERVICE, job },
    statistic: Stats.SUM,
    period,
  });
}

/**
 * Alarms, the topic they notify and the operations dashboard. Its own stack, deployed last: it only
 * reads names from the others (function names, queue names, the API id, the table by name).
 *
 * Alarms: every dead-letter queue (any message visible), the API's 5xx rate, each function's
 * errors and throttles, the table's throttled requests and system errors, and each scheduled job
 * whose run did not succeed in its period (where CloudWatch can look back that far; see
 * `missedRunWindow`). All notify one SNS topic encrypted with its own KMS key.
 */
export class MonitoringStack extends Stack {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const table = importTable(this, props.tableName);

    const key = new Key(this, 'AlarmTopicKey', {
      description: 'shegong: encrypts the alarm topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic: it needs the key for that.
    key.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      'kms:Decrypt',
      'kms:GenerateDataKey*',
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'shegong alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);

    const alarm = (
      alarmId: string,
      description: string,
      metric: IMetric,
      options: {
        threshold?: number;
        periods?: number;
        datapoints?: number;
        missing?: TreatMissingData;
        comparison?: ComparisonOperator;
      } = {},
    ) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold: options.threshold ?? ALARM_THRESHOLDS.any,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: options.periods ?? 1,
        datapointsToAlarm: options.datapoints ?? options.periods ?? 1,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    // Dead-letter queues: any message means work was given up on.
    for (const [queueId, queue] of props.deadLetterQueues) {
      alarm(
        `${queueId}Alarm`,
        `Messages in dead-letter queue ${queueId}: work was given up on (read the messages, fix, redrive).`,
        queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period: FIVE_MINUTES }),
      );
    }

    // The API's 5xx rate.
    const requests = props.api.metricCount({ statistic: Stats.SUM, period: FIVE_MINUTES });
    const serverErrors = props.api.metricServerError({ statistic: Stats.SUM, period: FIVE_MINUTES });
    const serverErrorRate = new MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      label: 'API 5xx %',
      period: FIVE_MINUTES,
    });
    alarm(
      'ApiServerErrorRateAlarm',
      `More than ${ALARM_THRESHOLDS.apiServerErrorPercent}% of API responses were 5xx in 2 of 3 five-minute periods.`,
      serverErrorRate,
      {
        threshold: ALARM_THRESHOLDS.apiServerErrorPercent,
        comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        periods: 3,
        datapoints: 2,
      },
    );

    // Every function: errors (a throw, a timeout, out of memory) and throttles.
    const allFunctions = [
      ...[...props.apiFunctions].map(([name, fn]) => [`${pascal(name)}Api`, fn] as const),
      ...props.jobFunctions,
    ];
    for (const [fnId, fn] of allFunctions) {
      alarm(
        `${fnId}ErrorsAlarm`,
        `Function ${fnId} failed (error, timeout or out of memory).`,
        fn.function.metricErrors({ statistic: Stats.SUM, period: FIVE_MINUTES }),
      );
      alarm(
        `${fnId}ThrottlesAlarm`,
        `Function ${fnId} was throttled (account or reserved concurrency exhausted).`,
        fn.function.metricThrottles({ statistic: Stats.SUM, period: FIVE_MINUTES }),
      );
    }

    // The table.
    const throttled = table.metricThrottledRequestsForOperations({
      operations: TABLE_OPERATIONS,
      period: FIVE_MINUTES,
    });
    const systemErrors = table.metricSystemErrorsForOperations({
      operations: TABLE_OPERATIONS,
      period: FIVE_MINUTES,
    });
    alarm('TableThrottledRequestsAlarm', 'DynamoDB throttled requests on the table.', throttled);
    alarm('TableSystemErrorsAlarm', 'DynamoDB system errors (HTTP 500) on the table.', systemErrors);

    // Scheduled jobs that did not succeed in their period (JobSucceeded missing is breaching).
    for (const job of scheduledJobs) {
      const window = missedRunWindow(job);
      if (!window) {
        // Longer than CloudWatch looks back (weekly, monthly, annual): the daily watchdog job reads
        // the recorded runs and reports JobOverdue{job} (the watchdog, daily, has its own alarm).
        alarm(
          `${pascal(job.name)}OverdueAlarm`,
          `Scheduled job ${job.name} has no recorded success for its latest due run (job-watchdog).`,
          jobOverdueMetric(job.name),
          {
            threshold: 1,
            comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            periods: 1,
            missing: TreatMissingData.NOT_BREACHING,
          },
        );
        continue;
      }
      alarm(
        `${pascal(job.name)}DidNotSucceedAlarm`,
        `Scheduled job ${job.name} reported no success for ${window.periods} of its periods.`,
        jobSucceededMetric(job.name, window.period),
        {
          threshold: 1,
          comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
          periods: window.periods,
          missing: TreatMissingData.BREACHING,
        },
      );
    }

    this.dashboard = this.buildDashboard(props, {
      serverErrorRate,
      throttled,
      systemErrors,
      allFunctions,
      table,
    });
  }

  private buildDashboard(
    props: MonitoringStackProps,
    parts: {
      serverErrorRate: MathExpression;
      throttled: IMetric;
      systemErrors: IMetric;
      allFunctions: (readonly [string, ShegongFunction])[];
      table: ReturnType<typeof importTable>;
    },
  ): Dashboard {
    const dashboard = new Dashboard(this, 'Dashboard', {
      // Named like the table (default `shegong`): one dashboard per deployment in an account.
      dashboardName: props.tableName,
      defaultInterval: Duration.hours(24),
    });
    const api = props.api;
    const period = FIVE_MINUTES;
    const apiFunctions = parts.allFunctions.filter(([id]) => id.endsWith('Api'));
    const jobFunctions = parts.allFunctions.filter(([id]) => !id.endsWith('Api'));
    const perFunction = (
      fns: (readonly [string, ShegongFunction])[],
      metric: (fn: ShegongFunction) => Metric,
    ): IMetric[] => fns.map(([id, fn]) => metric(fn).with({ label: id }));

    dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# shegong 社工 — 运行状况\nAPI、函数、DynamoDB、队列与定时任务。告警说明见 README “Alarms and dashboard”。',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      new AlarmStatusWidget({ title: '告警 Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'API 延迟 latency p50 / p99 (ms)',
        left: [
          api.metricLatency({ statistic: Stats.percentile(50), period, label: 'p50' }),
          api.metricLatency({ statistic: Stats.percentile(99), period, label: 'p99' }),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'API 请求与错误 requests, 4xx, 5xx',
        left: [
          api.metricCount({ statistic: Stats.SUM, period, label: 'requests' }),
          api.metricClientError({ statistic: Stats.SUM, period, label: '4xx' }),
          api.metricServerError({ statistic: Stats.SUM, period, label: '5xx' }),
        ],
        right: [parts.serverErrorRate],
        width: 8,
      }),
      new GraphWidget({
        title: '业务事件 business events',
        left: Object.values(BUSINESS_EVENTS).map(
          (metricName) =>
            new Metric({
              namespace: METRICS_NAMESPACE,
              metricName,
              dimensionsMap: { service: SERVICE },
              statistic: Stats.SUM,
              period: Duration.hours(1),
            }),
        ),
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'API 函数错误 errors per context',
        left: perFunction(apiFunctions, (fn) => fn.function.metricErrors({ statistic: Stats.SUM, period })),
        width: 12,
      }),
      new GraphWidget({
        title: 'API 函数耗时 duration p99 per context (ms)',
        left: perFunction(apiFunctions, (fn) =>
          fn.function.metricDuration({ statistic: Stats.percentile(99), period }),
        ),
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'DynamoDB 消耗容量 consumed capacity',
        left: [
          parts.table.metricConsumedReadCapacityUnits({ statistic: Stats.SUM, period, label: 'read' }),
          parts.table.metricConsumedWriteCapacityUnits({ statistic: Stats.SUM, period, label: 'write' }),
        ],
        width: 8,
      }),
      // One graph each: the two sums use the same per-operation metric ids.
      new GraphWidget({ title: 'DynamoDB 限流 throttled requests', left: [parts.throttled], width: 8 }),
      new GraphWidget({ title: 'DynamoDB 系统错误 system errors', left: [parts.systemErrors], width: 8 }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: '队列深度 queue depth (visible messages)',
        left: [
          ...[...props.queues].map(([name, queue]) =>
            queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period, label: name }),
          ),
          ...[...props.deadLetterQueues].map(([id, queue]) =>
            queue.metricApproximateNumberOfMessagesVisible({ statistic: Stats.MAXIMUM, period, label: id }),
          ),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: '定时任务成功 JobSucceeded per job (daily)',
        left: scheduledJobs.map((job) =>
          jobSucceededMetric(job.name, Duration.days(1)).with({ label: job.name }),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: '任务函数错误 job function errors',
        left: perFunction(jobFunctions, (fn) => fn.function.metricErrors({ statistic: Stats.SUM, period })),
        width: 8,
      }),
    );
    return dashboard;
  }
}
