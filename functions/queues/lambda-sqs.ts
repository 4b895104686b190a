import { SQSClient } from '@aws-sdk/client-sqs';
import type { WorkQueue } from '#functions/dependencies.ts';
import { tracer } from '#functions/lambda-dependencies.ts';
import { sqsQueue } from '#functions/queues/sqs.ts';

/**
 * SQS for the functions that use it (the evaluation API and scheduler send, the evaluation worker
 * dead-letters): only their bundles import this module and carry the SQS client.
 */
let client: SQSClient | undefined;
let queue: WorkQueue | undefined;

/** One SQS client per container, traced. */
export function lambdaSqsClient(): SQSClient {
  client ??= tracer.captureAWSv3Client(new SQSClient({}));
  return client;
}

/** The work queues of `functions/jobs/manifest.ts`, by their URLs from the CDK app. */
export function lambdaWorkQueue(): WorkQueue {
  queue ??= sqsQueue(lambdaSqsClient());
  return queue;
}
