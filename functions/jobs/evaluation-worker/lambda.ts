import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Dependencies } from '#functions/dependencies.ts';
import { parseUnitMessage, scoreOrgUnitMessage } from '#functions/jobs/evaluation-worker/job.ts';
import type { SQSBatchResponse, SQSEvent } from '#functions/jobs/sqs-types.ts';
import { lambdaDependencies, requiredEnv } from '#functions/lambda-dependencies.ts';
import { lambdaSqsClient } from '#functions/queues/lambda-sqs.ts';
import { logger } from '#shared/observability.ts';

type SQSRecord = SQSEvent['Records'][number];
/** Puts a poison message on the dead-letter queue, with the reason it was refused. */
export type DeadLetter = (record: SQSRecord, reason: string) => Promise<void>;

/** The consumer's dead-letter queue (the source queue's redrive target), URL from the CDK app. */
export function sqsDeadLetter(client: SQSClient, queueUrl: string): DeadLetter {
  return async (record, reason) => {
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: record.body,
        MessageAttributes: {
          refusedBecause: { DataType: 'String', StringValue: reason.slice(0, 1000) },
          sourceMessageId: { DataType: 'String', StringValue: record.messageId },
        },
      }),
    );
  };
}

/**
 * SQS consumer: scores one org unit of one evaluation run per message (Powertools Batch). A failure
 * is reported as a partial batch failure, so SQS retries that message and, after maxReceiveCount,
 * moves it to the dead-letter queue. A poison message (not JSON, or not a unit message) goes
 * straight to the dead-letter queue with its reason logged and is then acknowledged: retrying
 * can't fix it.
 */
export function evaluationWorkerHandler(deps: () => Dependencies, deadLetter: () => DeadLetter) {
  const processor = new BatchProcessor(EventType.SQS);
  const processRecord = async (record: SQSRecord) => {
    const parsed = parseUnitMessage(record.body);
    if (!parsed.ok) {
      logger.error('poison message moved to the dead-letter queue', {
        messageId: record.messageId,
        reason: parsed.reason,
      });
      await deadLetter()(record, parsed.reason);
      return;
    }
    try {
      await scoreOrgUnitMessage(deps(), parsed.message);
    } catch (error) {
      logger.error('evaluation unit failed; SQS will retry it', { messageId: record.messageId, error });
      throw error;
    }
  };
  return async (event: SQSEvent, context?: object): Promise<SQSBatchResponse> => {
    if (context) logger.addContext(context as never);
    return processPartialResponse(event as never, processRecord as never, processor, {
      // Today's contract: failures are reported per message, never as a failed invocation.
      throwOnFullBatchFailure: false,
    });
  };
}

export const handler = evaluationWorkerHandler(lambdaDependencies, () =>
  sqsDeadLetter(lambdaSqsClient(), requiredEnv('DEAD_LETTER_QUEUE_URL')),
);
