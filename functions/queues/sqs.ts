import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { WorkQueue } from '#functions/dependencies.ts';
import { queueUrlEnvName } from '#functions/jobs/manifest.ts';

/** Queue URLs come from env `QUEUE_URL_<NAME>` (`queueUrlEnvName`, set by the CDK app for producers). */

export function sqsQueue(client = new SQSClient({})): WorkQueue {
  return {
    async send(queue, messages) {
      const url = process.env[queueUrlEnvName(queue)];
      if (!url) throw new Error(`no queue URL for ${queue} (${queueUrlEnvName(queue)})`);
      for (let i = 0; i < messages.length; i += 10) {
        const batch = messages.slice(i, i + 10);
        const out = await client.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: batch.map((message, j) => ({ Id: String(i + j), MessageBody: JSON.stringify(message) })),
          }),
        );
        if (out.Failed && out.Failed.length > 0)
          throw new Error(`SQS refused ${out.Failed.length} messages for ${queue}`);
      }
    },
  };
}
