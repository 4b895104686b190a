import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiContexts } from '../../functions/api/manifest.ts';
import { queueConsumers, scheduledJobs } from '../../functions/jobs/manifest.ts';
import { readConfig } from '../../infra/config.ts';
import { longestInterval, missedRunWindow } from '../../infra/stacks/monitoring-stack.ts';
import { tableDefinition } from '../../shared/db/table-definition.ts';
import {
  JOB_OVERDUE_METRIC,
  JOB_SUCCEEDED_METRIC,
  METRICS_NAMESPACE,
  SERVICE,
} from '../../shared/metric-names.ts';
import { App } from 'aws-cdk-lib';
import { synthApp } from './synth.ts';

type Resource = { Type: string; Properties: Record<string, any> };
type Alarm = Resource['Properties'];

const EMAIL = 'ops@example.cn';

/** What an `Fn::ImportValue` in the monitoring stack reads: the producing stack's output value. */
function imported(producers: Template[], value: unknown): unknown {
  const name = (value as { 'Fn::ImportValue'?: string })['Fn::ImportValue'];
  if (!name) return value;
  for (const producer of producers) {
    const outputs = (producer.toJSON().Outputs ?? {}) as Record<
      string,
      { Value: unknown; Export?: { Name: string } }
    >;
    for (const output of Object.values(outputs)) if (output.Export?.Name === name) return output.Value;
  }
  throw new Error(`no export ${name}`);
}

function resourcesOf(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type)) as [string, Resource][];
}

describe('alarms, alarm topic and dashboard (Shegong-Monitoring)', () => {
  let built: ReturnType<typeof synthApp>;
  let monitoring: Template;
  let alarms: Alarm[];
  /** The resource (logical id in its own stack) a simple alarm's dimension points at. */
  let dimensionTarget: (alarm: Alarm, dimension: string) => unknown;

  beforeAll(() => {
    built = synthApp({ alarmEmail: EMAIL });
    monitoring = built.monitoringTemplate;
    alarms = resourcesOf(monitoring, 'AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
    dimensionTarget = (alarm, dimension) =>
      imported(
        [built.jobsTemplate, built.apiTemplate],
        (alarm.Dimensions as { Name: string; Value: unknown }[] | undefined)?.find(
          (d) => d.Name === dimension,
        )?.Value,
      );
  });

  it('passes cdk-nag with no acknowledgement of its own (synth would have thrown otherwise)', () => {
    expect(built.validationReport.pluginReports.flatMap((report) => report.violations ?? [])).toEqual([]);
    expect(
      Annotations.fromStack(built.monitoring).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ).toEqual([]);
    const acknowledged = built.monitoring.node
      .findAll()
      .flatMap((construct) => construct.node.metadata)
      .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules');
    expect(acknowledged).toEqual([]);
  });

  it('sends every alarm (and its return to OK) to the one topic, encrypted with its own rotating key', () => {
    const topics = resourcesOf(monitoring, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [topicId, topic] = topics[0]!;
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    const key = monitoring.toJSON().Resources[keyId];
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    // CloudWatch may use the key to publish; nobody else but the account.
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    );
    monitoring.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions, alarm.AlarmDescription).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions, alarm.AlarmDescription).toEqual([{ Ref: topicId }]);
    }
  });

  it('subscribes the alarmEmail address, and nobody without it', () => {
    monitoring.resourceCountIs('AWS::SNS::Subscription', 1);
    monitoring.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: EMAIL });
    expect(() => readConfig(new App({ context: { alarmEmail: 'not an address' } }).node)).toThrow(
      /alarmEmail/,
    );
  });

  it('alarms on any message in every dead-letter queue', () => {
    const jobs = built.jobsTemplate;
    // Dead-letter queues: those a redrive policy names, and the schedules' (the Scheduler targets').
    const redriveTargets = resourcesOf(jobs, 'AWS::SQS::Queue')
      .map(([, q]) => q.Properties.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0])
      .filter(Boolean);
    const scheduleTargets = resourcesOf(jobs, 'AWS::Scheduler::Schedule').map(
      ([, s]) => s.Properties.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0],
    );
    const deadLetterQueues = new Set<string>([...redriveTargets, ...scheduleTargets]);
    expect(deadLetterQueues.size).toBe(2);
    const watched = alarms
      .filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => {
        expect(a).toMatchObject({
          Namespace: 'AWS/SQS',
          Statistic: 'Maximum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
        return (dimensionTarget(a, 'QueueName') as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      });
    expect(new Set(watched)).toEqual(deadLetterQueues);
  });

  it('alarms on errors and throttles of every function, API and jobs alike', () => {
    const functions = [
      ...resourcesOf(built.apiTemplate, 'AWS::Lambda::Function'),
      ...resourcesOf(built.jobsTemplate, 'AWS::Lambda::Function'),
    ].map(([id]) => id);
    // One function per API context, the account-sync job beside the user pool, one per scheduled-job
    // entry (two evaluation schedules share one) and one per consumer.
    expect(functions.length).toBe(
      apiContexts.length + 1 + new Set(scheduledJobs.map((job) => job.entry)).size + queueConsumers.length,
    );
    for (const metricName of ['Errors', 'Throttles']) {
      const watched = alarms
        .filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === metricName)
        .map((a) => {
          expect(a).toMatchObject({ Statistic: 'Sum', Threshold: 1, Period: 300 });
          return (dimensionTarget(a, 'FunctionName') as { Ref: string }).Ref;
        });
      expect(watched.sort(), metricName).toEqual([...functions].sort());
    }
  });

  it("alarms on the API's 5xx rate", () => {
    const rate = alarms.filter((a) => a.Metrics?.some((m: any) => /errors \/ requests/.test(m.Expression)));
    expect(rate).toHaveLength(1);
    const alarm = rate[0]!;
    expect(alarm).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3 });
    const byId = Object.fromEntries(alarm.Metrics.map((m: any) => [m.Id, m.MetricStat?.Metric]));
    expect(byId.errors.MetricName).toBe('5xx');
    expect(byId.requests.MetricName).toBe('Count');
    const apiId = Object.keys(built.apiTemplate.findResources('AWS::ApiGatewayV2::Api'))[0];
    for (const metric of [byId.errors, byId.requests]) {
      expect(metric.Namespace).toBe('AWS/ApiGateway');
      expect(imported([built.apiTemplate], metric.Dimensions[0].Value)).toEqual({ Ref: apiId });
    }
  });

  it("alarms on the table's throttled requests and system errors, every operation we issue", () => {
    for (const metricName of ['ThrottledRequests', 'SystemErrors']) {
      const found = alarms.filter((a) =>
        a.Metrics?.some((m: any) => m.MetricStat?.Metric.MetricName === metricName),
      );
      expect(found, metricName).toHaveLength(1);
      const stats = found[0]!.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric);
      const operations = stats.map(
        (metric: any) => metric.Dimensions.find((d: any) => d.Name === 'Operation').Value,
      );
      expect(operations).toEqual(
        expect.arrayContaining(['GetItem', 'Query', 'TransactWriteItems', 'UpdateItem', 'BatchWriteItem']),
      );
      expect(operations.length).toBeLessThanOrEqual(10); // CloudWatch's limit per alarm
      for (const metric of stats) {
        expect(metric.Dimensions).toContainEqual({ Name: 'TableName', Value: tableDefinition.defaultName });
      }
    }
  });

  it('alarms when a scheduled job reports no success over two of its periods (missing data breaches)', () => {
    const jobAlarms = alarms.filter((a) => a.MetricName === JOB_SUCCEEDED_METRIC);
    const covered = scheduledJobs.filter((job) => missedRunWindow(job) !== undefined);
    expect(covered.map((job) => job.name)).toContain('batch-recovery');
    expect(jobAlarms).toHaveLength(covered.length);
    for (const job of covered) {
      const window = missedRunWindow(job)!;
      const alarm = jobAlarms.find((a) =>
        a.Dimensions.some((d: any) => d.Name === 'job' && d.Value === job.name),
      );
      expect(alarm, job.name).toMatchObject({
        Namespace: METRICS_NAMESPACE,
        Statistic: 'Sum',
        Period: window.period.toSeconds(),
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
        TreatMissingData: 'breaching',
      });
      // The dimensions Powertools writes: the service and the job (lambda-job.ts).
      expect(alarm!.Dimensions).toEqual(
        expect.arrayContaining([
          { Name: 'service', Value: SERVICE },
          { Name: 'job', Value: job.name },
        ]),
      );
    }
    // The window is the schedule's interval: 5 minutes for batch recovery; CloudWatch can't look back
    // two periods of a weekly or calendar job (seven days at most).
    expect(longestInterval('cron(0/5 * * * ? *)').toSeconds()).toBe(300);
    expect(longestInterval('cron(0 2 1 * ? *)').toDays()).toBe(31);
    expect(missedRunWindow(scheduledJobs.find((j) => j.name === 'batch-recovery')!)?.period.toSeconds()).toBe(
      300,
    );
    expect(missedRunWindow(scheduledJobs.find((j) => j.name === 'evaluation-monthly')!)).toBeUndefined();
  });

  it('alarms on every job CloudWatch cannot watch itself through the watchdog (JobOverdue)', () => {
    const overdueAlarms = alarms.filter((a) => a.MetricName === JOB_OVERDUE_METRIC);
    const watched = scheduledJobs.filter((job) => missedRunWindow(job) === undefined);
    // Monthly and annual evaluation, grade steps, the year-end snapshot, the weekly check.
    expect(watched.map((job) => job.name)).toEqual(
      expect.arrayContaining([
        'evaluation-monthly',
        'evaluation-annual',
        'stats-snapshot',
        'consistency-check',
      ]),
    );
    expect(overdueAlarms).toHaveLength(watched.length);
    for (const job of watched) {
      const alarm = overdueAlarms.find((a) => a.Dimensions.some((d: any) => d.Value === job.name));
      expect(alarm, job.name).toMatchObject({
        Namespace: METRICS_NAMESPACE,
        Statistic: 'Maximum',
        Period: 86_400,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
      });
    }
    // The watchdog itself runs daily, so CloudWatch's own "did not succeed" alarm covers it.
    expect(missedRunWindow(scheduledJobs.find((j) => j.name === 'job-watchdog')!)).toBeDefined();
    const watchdogAlarm = alarms.find(
      (a) =>
        a.MetricName === JOB_SUCCEEDED_METRIC && a.Dimensions.some((d: any) => d.Value === 'job-watchdog'),
    );
    expect(watchdogAlarm).toBeDefined();
  });

  it('has a dashboard with API latency and errors, functions, the table, queue depth and job outcomes', () => {
    const dashboards = resourcesOf(monitoring, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const expected of [
      '\\"Latency\\"',
      'p50',
      'p99',
      '\\"4xx\\"',
      '\\"5xx\\"',
      '\\"Errors\\"',
      '\\"Duration\\"',
      'ConsumedReadCapacityUnits',
      'ConsumedWriteCapacityUnits',
      'ThrottledRequests',
      'SystemErrors',
      'ApproximateNumberOfMessagesVisible',
      JOB_SUCCEEDED_METRIC,
    ]) {
      expect(body, expected).toContain(expected);
    }
    // One errors line per API context.
    for (const context of apiContexts) {
      const fnId = Object.keys(
        built.apiTemplate.findResources('AWS::Lambda::Function', {
          Properties: { Description: context.description },
        }),
      )[0]!;
      expect(body).toContain(fnId);
    }
  });
});

describe('without alarmEmail', () => {
  it('creates the topic but no subscription', () => {
    const built = synthApp({});
    built.monitoringTemplate.resourceCountIs('AWS::SNS::Topic', 1);
    built.monitoringTemplate.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});
