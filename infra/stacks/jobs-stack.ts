import * as path from 'node:path';
import { Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { acknowledge } from '../nag.ts';
import type { Construct } from 'constructs';
import { queueConsumers, queueUrlEnvName, scheduledJobs } from '../../functions/jobs/manifest.ts';
import { pascal } from '../config.ts';
import { ShegongFunction } from '../constructs/shegong-function.ts';
import { importTable } from './data-stack.ts';

export interface JobsStackProps extends StackProps {
  /** Physical name of the table in the data stack. */
  tableName: string;
}

/** Consumers process one message (one org unit) at a time; 6x this is the queue's visibility timeout. */
const CONSUMER_TIMEOUT = Duration.minutes(2);
/** Scheduled jobs only open a run and fan out (or step grades in batches). */
const SCHEDULED_TIMEOUT = Duration.minutes(5);

/**
 * Background work from `functions/jobs/manifest.ts`: the queues with their consumers, and the
 * EventBridge Scheduler schedules (Asia/Shanghai) with retries and a dead-letter queue.
 * The queues live here and the API stack references them (the evaluation API starts runs on
 * demand), so the dependency is one-way: Data <- Jobs <- Api.
 */
export class JobsStack extends Stack {
  /** Queues by manifest name, for producers in other stacks. */
  readonly queues = new Map<string, IQueue>();
  /** Every dead-letter queue (one per consumer queue, and the schedules'), by construct id: each gets an alarm. */
  readonly deadLetterQueues = new Map<string, IQueue>();
  /** Every function of this stack (consumers and scheduled jobs), by construct id. */
  readonly functions = new Map<string, ShegongFunction>();
  /** The function that runs each scheduled job, by the job's manifest name. */
  readonly jobFunctions = new Map<string, ShegongFunction>();

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    const table = importTable(this, props.tableName);

    for (const consumer of queueConsumers) {
      const name = pascal(consumer.queue);
      const deadLetterQueue = new Queue(this, `${name}DeadLetterQueue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new Queue(this, `${name}Queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(CONSUMER_TIMEOUT.toSeconds() * 6),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 3 },
      });
      const fn = new ShegongFunction(this, `${name}Consumer`, {
        entry: consumer.entry,
        description: consumer.description,
        table,
        access: 'readwrite',
        timeout: CONSUMER_TIMEOUT,
        // Poison messages (not JSON, not the shape) go straight to the dead-letter queue.
        environment: { DEAD_LETTER_QUEUE_URL: deadLetterQueue.queueUrl },
      });
      deadLetterQueue.grantSendMessages(fn.function);
      fn.function.addEventSource(
        new SqsEventSource(queue, { batchSize: consumer.batchSize, reportBatchItemFailures: true }),
      );
      this.queues.set(consumer.queue, queue);
      this.deadLetterQueues.set(`${name}DeadLetterQueue`, deadLetterQueue);
      this.functions.set(`${name}Consumer`, fn);
    }

    // Failed schedule invocations (after retries) land here; alarm on its depth.
    const scheduleDeadLetterQueue = new Queue(this, 'ScheduleDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.deadLetterQueues.set('ScheduleDeadLetterQueue', scheduleDeadLetterQueue);
    acknowledge(scheduleDeadLetterQueue, {
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the Scheduler schedules.',
    });

    // Schedules that share an entry (monthly and annual evaluation) share one function.
    const functions = new Map<string, { fn: ShegongFunction; role: Role }>();
    const producers = new Set<string>();
    for (const job of scheduledJobs) {
      let entry = functions.get(job.entry);
      if (!entry) {
        const id = pascal(path.basename(path.dirname(job.entry)));
        const fn = new ShegongFunction(this, id, {
          entry: job.entry,
          description: `Scheduled job(s): ${scheduledJobs
            .filter((other) => other.entry === job.entry)
            .map((other) => other.name)
            .join(', ')}`,
          table,
          access: 'readwrite',
          timeout: SCHEDULED_TIMEOUT,
        });
        // The schedules' execution role: assumable by EventBridge Scheduler from this account only;
        // LambdaInvoke grants it lambda:InvokeFunction on this one function (and sqs:SendMessage
        // on the dead-letter queue), nothing else.
        const role = new Role(this, `${id}ScheduleRole`, {
          description: `EventBridge Scheduler role: invoke ${id} only`,
          assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
            conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
          }),
        });
        acknowledge(role, {
          id: `AwsSolutions-IAM5[Resource::<${fn.logicalId}.Arn>:*]`,
          reason:
            'lambda grantInvoke covers this one function and its versions/aliases (<arn>:*), nothing else.',
        });
        entry = { fn, role };
        functions.set(job.entry, entry);
        this.functions.set(id, fn);
      }
      const { fn, role } = entry;
      this.jobFunctions.set(job.name, fn);
      if (job.sendsTo !== undefined) {
        const queue = this.queues.get(job.sendsTo);
        if (!queue) throw new Error(`scheduled job ${job.name} sends to unknown queue ${job.sendsTo}`);
        const envName = queueUrlEnvName(job.sendsTo);
        // Once per function: two schedules of one function send to the same queue.
        if (!producers.has(`${job.entry} ${job.sendsTo}`)) {
          producers.add(`${job.entry} ${job.sendsTo}`);
          fn.function.addEnvironment(envName, queue.queueUrl);
          queue.grantSendMessages(fn.function);
        }
      }

      new Schedule(this, `${pascal(job.name)}Schedule`, {
        description: job.description,
        schedule: ScheduleExpression.expression(job.schedule, TimeZone.of(job.timezone)),
        target: new LambdaInvoke(fn.function, {
          // The job's name rides along: the handler reports success per job (two may share a function).
          input: ScheduleTargetInput.fromObject({ ...job.input, job: job.name }),
          retryAttempts: 3,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: scheduleDeadLetterQueue,
          role,
        }),
      });
    }
  }
}
