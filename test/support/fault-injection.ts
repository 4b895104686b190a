import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { expect } from 'vitest';
import { localIdentity } from '#functions/identity/local-jwt.ts';
import { createLocalApp } from '#functions/local/local-app.ts';
import { createDocumentClient } from '#shared/db/client.ts';
import { idempotencyKeys } from '#shared/db/entities/idempotency.ts';
import { Store } from '#shared/db/store.ts';
import type { Harness } from './harness.ts';

const SECRET = 'integration-test-secret-0123456789';
const WRITES = [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand];

export interface Answer {
  status: number;
  body: any;
}

/**
 * Fault injection over DynamoDB Local (issue 13): a second app and `store` whose writes go through a
 * client (aws-sdk-client-mock) that passes them on except that, from the n-th write on, DynamoDB
 * refuses every write (throttling); reads go through the store's own read client, unfaulted. `inject(n)` arms it (0: no fault) and counts writes.
 */
export function faultyApp(h: Harness, city: string) {
  const real: DynamoDBDocumentClient = createDocumentClient({ endpoint: h.endpoint });
  const faulty = createDocumentClient({ endpoint: h.endpoint });
  const mock = mockClient(faulty);
  const store = new Store(faulty, h.tableName, { sleep: async () => {}, conflictRetries: 2 });
  const app = createLocalApp(
    { store, identity: localIdentity(SECRET), queue: h.deps.queue, clock: h.deps.clock },
    SECRET,
    { onContractViolation: h.onContractViolation },
  );

  function inject(failFrom: number) {
    mock.reset();
    let writes = 0;
    for (const Command of WRITES)
      mock.on(Command as any).callsFake((input: any) => {
        writes++;
        if (failFrom > 0 && writes >= failFrom)
          return Promise.reject(
            new ProvisionedThroughputExceededException({
              message: 'Rate exceeded',
              $metadata: { httpStatusCode: 400 },
            }),
          );
        return real.send(new (Command as any)(input));
      });
    return { writes: () => writes };
  }
  inject(0);

  /** A request through the faulty app as HR of the city, bounded: a hang fails the test. */
  async function send(method: string, path: string, body: unknown, key: string): Promise<Answer> {
    const token = await h.token('hr', city);
    const res = await Promise.race([
      app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${path} hung`)), 60_000)),
    ]);
    return { status: res.status, body: (await res.json()) as any };
  }

  /** Every item but idempotency records, as text by key (a Scan: test-only, the table is small). */
  async function tableState(): Promise<Map<string, string>> {
    const state = new Map<string, string>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await real.send(new ScanCommand({ TableName: h.tableName, ExclusiveStartKey: start }));
      for (const item of page.Items ?? [])
        if (!String(item.pk).startsWith('IDEMPOTENCY#'))
          state.set(`${item.pk} ${item.sk}`, JSON.stringify(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return state;
  }

  /** Time passes: the request's idempotency lock (held by an attempt that failed) runs out. */
  const ageIdempotencyRecord = (key: string) =>
    real
      .send(
        new UpdateCommand({
          TableName: h.tableName,
          Key: idempotencyKeys.key(`hr:${city}`, key),
          UpdateExpression: 'SET lockedUntil = :long_ago',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':long_ago': 0 },
        }),
      )
      .catch(() => undefined);

  return { app, store, real, inject, send, tableState, ageIdempotencyRecord, restore: () => mock.restore() };
}

/** Keys of the items added, removed or changed from `a` to `b`. */
export function changes(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

/** A failed attempt's answer: 5xx in the error format (never a hang, never a bare 500 body). */
export function expectServerError(res: Answer) {
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(500);
  expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect(res.body.error).toHaveProperty('details');
}
