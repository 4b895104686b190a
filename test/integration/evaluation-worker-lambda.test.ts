import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#shared/db/client.ts';
import { Store } from '#shared/db/store.ts';
import {
  type DeadLetter,
  evaluationWorkerHandler,
  sqsDeadLetter,
} from '#functions/jobs/evaluation-worker/lambda.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The SQS consumer's Lambda entry (Powertools Batch) against DynamoDB Local: poison messages go
 * straight to the dead-letter queue (not through retries), failures are partial batch failures.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const record = (messageId: string, body: string) => ({ messageId, body });

describe('evaluation worker Lambda', () => {
  it('dead-letters poison messages with their reason and acknowledges them; scores the rest', async () => {
    const deadLettered: { id: string; reason: string }[] = [];
    const deadLetter: DeadLetter = async (r, reason) => {
      deadLettered.push({ id: r.messageId, reason });
    };
    const handler = evaluationWorkerHandler(
      () => h.deps,
      () => deadLetter,
    );
    const out = await handler({
      Records: [
        record('not-json', '{"runId": "r_1", org'),
        record('wrong-shape', JSON.stringify({ runId: 'r_1' })),
        // Well-formed, for a run that doesn't exist: logged and done, not retried.
        record('unknown-run', JSON.stringify({ runId: 'r_missing', org: 'qth' })),
      ],
    });
    expect(out.batchItemFailures).toEqual([]);
    expect(deadLettered.map((d) => d.id)).toEqual(['not-json', 'wrong-shape']);
    expect(deadLettered[0]!.reason).toMatch(/^not JSON/);
    expect(deadLettered[1]!.reason).toMatch(/^not an org-unit message: org/);
  });

  it('reports a message whose processing fails as a partial batch failure (SQS retries it)', async () => {
    // A store whose endpoint refuses connections: the unit can't be read, the message must come back.
    const broken = new Store(createDocumentClient({ endpoint: 'http://127.0.0.1:9' }), 'shegong');
    const deadLettered: string[] = [];
    const handler = evaluationWorkerHandler(
      () => ({ ...h.deps, store: broken }),
      () => async (r) => {
        deadLettered.push(r.messageId);
      },
    );
    const out = await handler({
      Records: [record('poison', 'nope'), record('fails', JSON.stringify({ runId: 'r_1', org: 'qth' }))],
    });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'fails' }]);
    expect(deadLettered).toEqual(['poison']);
  });

  it('a poison message that cannot be dead-lettered is retried instead of lost', async () => {
    const handler = evaluationWorkerHandler(
      () => h.deps,
      () => async () => {
        throw new Error('SQS unavailable');
      },
    );
    const out = await handler({ Records: [record('poison', 'nope')] });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'poison' }]);
  });

  it('sends the poison body to the dead-letter queue URL with the reason as an attribute', async () => {
    // SQS has no local stand-in here: the client is mocked to see what would be sent.
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
    await sqsDeadLetter(new SQSClient({ region: 'cn-north-1' }), 'https://sqs.example/dlq')(
      record('m-1', 'nope'),
      'not JSON: Unexpected token',
    );
    const sent = sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
    expect(sent).toEqual([
      {
        QueueUrl: 'https://sqs.example/dlq',
        MessageBody: 'nope',
        MessageAttributes: {
          refusedBecause: { DataType: 'String', StringValue: 'not JSON: Unexpected token' },
          sourceMessageId: { DataType: 'String', StringValue: 'm-1' },
        },
      },
    ]);
    sqs.restore();
  });
});
