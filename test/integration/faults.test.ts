import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  PutCommand,
  UpdateCommand,
  DeleteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApp } from '#functions/local/local-app.ts';
import { localIdentity } from '#functions/identity/local-jwt.ts';
import { createDocumentClient, createReadClient } from '#shared/db/client.ts';
import { Store } from '#shared/db/store.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * Fault injection: the same app against the same DynamoDB Local, but through clients whose
 * TransactWrite (the DocumentClient's) / GetItem (the read client's) can be made to fail the way DynamoDB fails (throttling, transaction
 * conflicts, timeouts). Everything not faulted passes through to the real database.
 */
let h: Harness;
let faulty: DynamoDBDocumentClient;
let mock: ReturnType<typeof mockClient>;
let faultyReads: DynamoDBClient;
let readsMock: ReturnType<typeof mockClient>;
let app: ReturnType<typeof createLocalApp>;
let token: string;
/** Routes every command to the real DynamoDB Local (faults are layered on top per test). */
let passThrough: () => void;
const secret = 'integration-test-secret-0123456789';

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'Rate exceeded',
    $metadata: { httpStatusCode: 400 },
  });
const conflicted = () =>
  new TransactionCanceledException({
    message:
      'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: [{ Code: 'TransactionConflict' }],
  });

beforeAll(async () => {
  h = await startHarness();
  await seedOrgTree(h);
  const real = createDocumentClient({ endpoint: h.endpoint });
  faulty = createDocumentClient({ endpoint: h.endpoint });
  mock = mockClient(faulty);
  const realReads = createReadClient({ endpoint: h.endpoint });
  faultyReads = createReadClient({ endpoint: h.endpoint });
  readsMock = mockClient(faultyReads);
  const store = new Store(faulty, h.tableName, {
    sleep: async () => {},
    conflictRetries: 3,
    reads: faultyReads,
  });
  app = createLocalApp(
    { store, identity: localIdentity(secret), queue: h.deps.queue, clock: h.deps.clock },
    secret,
    { onContractViolation: h.onContractViolation },
  );
  token = await h.token('hr', 'qth');
  passThrough = () => {
    for (const Command of [GetItemCommand, QueryCommand, BatchGetItemCommand]) {
      readsMock.on(Command as any).callsFake((input: any) => realReads.send(new (Command as any)(input)));
    }
    for (const Command of [TransactWriteCommand, PutCommand, UpdateCommand, DeleteCommand]) {
      mock.on(Command as any).callsFake((input: any) => real.send(new (Command as any)(input)));
    }
  };
});
afterAll(async () => {
  mock?.restore();
  readsMock?.restore();
  await h?.stop();
});
beforeEach(() => {
  mock.reset();
  readsMock.reset();
  passThrough();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const street = (id: string) => ({
  id: `qth/xinxing/${id}`,
  name: id,
  level: 'street',
  parentId: 'qth/xinxing',
  urbanPopulation: 10_000,
});

describe('faults: the API answers 503/409 and leaves nothing half-done', () => {
  it('throttled transaction → 503 with Retry-After, nothing written, and the Idempotency-Key is free again', async () => {
    mock.on(TransactWriteCommand).rejects(throttled());
    const res = await post('/v1/org-units', street('s1'), { 'idempotency-key': 'fault-1' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SERVICE_UNAVAILABLE');
    const hr = await h.client('hr', 'qth');
    expect((await hr.get(`/v1/org-units/${orgPath('qth/xinxing/s1')}`)).status).toBe(404);
    // No audit entry: the trail of an entity with none is 404, like one outside the caller's scope.
    expect((await hr.get(`/v1/audit?entity=${encodeURIComponent('org-unit:qth/xinxing/s1')}`)).status).toBe(
      404,
    );
    // The database recovers; the client's retry with the same key now takes effect, once.
    mock.reset();
    passThrough();
    const retry = await post('/v1/org-units', street('s1'), { 'idempotency-key': 'fault-1' });
    expect(retry.status).toBe(201);
    expect((await hr.get(`/v1/org-units/${orgPath('qth/xinxing/s1')}`)).status).toBe(200);
  });

  it('transaction conflicts are retried; if they persist → 409 CONCURRENT_UPDATE and nothing written', async () => {
    mock.on(TransactWriteCommand).rejectsOnce(conflicted());
    const ok = await post('/v1/org-units', street('s2'));
    expect(ok.status).toBe(201);

    mock.on(TransactWriteCommand).rejects(conflicted());
    const res = await post('/v1/org-units', street('s3'));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CONCURRENT_UPDATE');
    // 2 calls for the first request (conflict, then success) + 4 for the second (1 try, 3 retries).
    expect(mock.commandCalls(TransactWriteCommand).length).toBe(2 + 4);
    const hr = await h.client('hr', 'qth');
    expect((await hr.get(`/v1/org-units/${orgPath('qth/xinxing/s3')}`)).status).toBe(404);
  });

  it('a throttled or timed-out read → 503, not 500', async () => {
    readsMock.on(GetItemCommand).rejects(throttled());
    const res = await app.request(`/v1/org-units/${orgPath('qth')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(503);
    const timeout = Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
    readsMock.on(GetItemCommand).rejects(timeout);
    const res2 = await app.request(`/v1/org-units/${orgPath('qth')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res2.status).toBe(503);
  });

  it('an unexpected fault is a 500 with the standard error body and no internals', async () => {
    readsMock.on(GetItemCommand).rejects(new TypeError('boom'));
    const res = await app.request(`/v1/org-units/${orgPath('qth')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('boom');
  });
});
