import type { SQSBatchResponse, SQSEvent } from '#functions/jobs/sqs-types.ts';
import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { scoreOrgUnitMessage } from '#functions/jobs/evaluation-worker/job.ts';

/** SQS consumer: scores one org unit of one evaluation run; failed messages are retried, then DLQ. */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const deps = lambdaDependencies();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await scoreOrgUnitMessage(deps, JSON.parse(record.body));
    } catch (error) {
      console.error('evaluation worker failed', { messageId: record.messageId, error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
