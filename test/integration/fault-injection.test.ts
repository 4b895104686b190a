import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIdentity } from '#functions/identity/local-jwt.ts';
import { createLocalApp } from '#functions/local/local-app.ts';
import { openBatches } from '#shared/db/batches.ts';
import { batchKeys } from '#shared/db/entities/batch.ts';
import { idempotencyKeys } from '#shared/db/entities/idempotency.ts';
import { orgUnitKeys } from '#shared/db/entities/org-unit.ts';
import { createDocumentClient } from '#shared/db/client.ts';
import { Store } from '#shared/db/store.ts';
import { checkConsistency } from '#shared/usecases/consistency.ts';
import { nationalIdFor } from '../support/fixtures.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * Fault injection on the write path (issue 13): the real app and DynamoDB Local, through a client
 * (aws-sdk-client-mock) that passes everything on except that, from the n-th write on, DynamoDB
 * refuses every write (throttling), for each n from the first write of a change to its last. The
 * API must answer in the error format within a bounded time (no hang) and the change must end all
 * or nothing: a single transaction is simply not there; a durable batch stopped half-way is
 * rolled back on request (nothing left), and the client's retry with the same Idempotency-Key
 * then applies it exactly once. After every round the counters equal a recount
 * (`checkConsistency`) and the audit trail matches what exists.
 */

const SECRET = 'integration-test-secret-0123456789';
const CITY = 'ftc';
const COMMUNITIES = [1, 2, 3].map((i) => `${CITY}/d/s/c${i}`);
/** Big enough for a durable batch (more than one transaction), small enough to run ~20 rounds. */
const ROWS = 40;
const WRITES = [PutCommand, UpdateCommand, DeleteCommand, TransactWriteCommand, BatchWriteCommand];
const READS = [GetCommand, QueryCommand, BatchGetCommand];

let h: Harness;
let faulty: DynamoDBDocumentClient;
let mock: ReturnType<typeof mockClient>;
let app: ReturnType<typeof createLocalApp>;
let token: string;
let real: DynamoDBDocumentClient;

const throttled = () =>
  new ProvisionedThroughputExceededException({
    message: 'Rate exceeded',
    $metadata: { httpStatusCode: 400 },
  });

/** Every command reaches DynamoDB Local; writes from the `failFrom`-th on are refused (0: none). */
function inject(failFrom: number) {
  mock.reset();
  let writes = 0;
  for (const Command of READS)
    mock.on(Command as any).callsFake((input: any) => real.send(new (Command as any)(input)));
  for (const Command of WRITES)
    mock.on(Command as any).callsFake((input: any) => {
      writes++;
      if (failFrom > 0 && writes >= failFrom) return Promise.reject(throttled());
      return real.send(new (Command as any)(input));
    });
  return { writes: () => writes };
}

beforeAll(async () => {
  process.env.BATCH_LEASE_SECONDS = '600';
  h = await startHarness({ now: '2026-05-06T02:00:00.000Z' });
  real = createDocumentClient({ endpoint: h.endpoint });
  faulty = createDocumentClient({ endpoint: h.endpoint });
  mock = mockClient(faulty);
  inject(0);
  const store = new Store(faulty, h.tableName, { sleep: async () => {}, conflictRetries: 2 });
  app = createLocalApp(
    { store, identity: localIdentity(SECRET), queue: h.deps.queue, clock: h.deps.clock },
    SECRET,
    { onContractViolation: h.onContractViolation },
  );
  token = await h.token('hr', CITY);
  const hr = h.as(token);
  const units = [
    { id: CITY, name: '故障市', level: 'city', approvedQuota: 5000 },
    { id: `${CITY}/d`, name: '故障区', level: 'district', parentId: CITY, urbanPopulation: 3_000_000 },
    {
      id: `${CITY}/d/s`,
      name: '故障街道',
      level: 'street',
      parentId: `${CITY}/d`,
      urbanPopulation: 2_000_000,
    },
    ...COMMUNITIES.map((id, i) => ({
      id,
      name: `故障社区${i + 1}`,
      level: 'community',
      parentId: `${CITY}/d/s`,
      approvedQuota: 1500,
    })),
  ];
  for (const unit of units) {
    const res = await hr.post('/v1/org-units', unit);
    if (res.status !== 201) throw new Error(`${unit.id}: ${res.text}`);
  }
}, 120_000);
afterAll(async () => {
  mock?.restore();
  await h?.stop();
});

let round = 0;
function rows(n: number) {
  round++;
  const birthDate = `19${70 + Math.floor(round / 28)}-0${1 + (round % 9)}-${String(1 + (round % 28)).padStart(2, '0')}`;
  return Array.from({ length: n }, (_, i) => ({
    nationalId: nationalIdFor(birthDate),
    name: `故障${round}号${i + 1}`,
    org: COMMUNITIES[i % COMMUNITIES.length]!,
    currentMonthlyPayFen: 300_000,
    education: 'college',
  }));
}

/** POST through the faulty app, bounded: a hang fails the test instead of stalling it. */
async function post(path: string, body: unknown, key: string) {
  const res = await Promise.race([
    app.request(path, {
      method: 'POST',
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

const used = async (org: string) => ((await h.store.get(orgUnitKeys.key(org)))?.used as number) ?? 0;
const seats = () => Promise.all([CITY, ...COMMUNITIES].map(used));
/** Active workers of the test city whose names carry this round's tag. */
async function workersNamed(prefix: string) {
  const hr = h.as(token);
  const res = await hr.get(`/v1/workers?org=${CITY}&q=${encodeURIComponent(prefix)}&limit=200`);
  expect(res.status, res.text).toBe(200);
  return res.body.items as { id: string; name: string }[];
}

/** Time passes: the request's idempotency lock (held by an attempt that failed) runs out. */
const ageIdempotencyRecord = (key: string) =>
  real
    .send(
      new UpdateCommand({
        TableName: h.tableName,
        Key: idempotencyKeys.key(`hr:${CITY}`, key),
        UpdateExpression: 'SET lockedUntil = :long_ago',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':long_ago': 0 },
      }),
    )
    .catch(() => undefined);

/** A failed attempt's answer: 5xx in the error format (never a hang, never a bare 500 body). */
function expectServerError(res: { status: number; body: any }) {
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(500);
  expect(res.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect(res.body.error).toHaveProperty('details');
}

/** The client's retry with the same key, once the database is back and the lock has run out. */
async function retry(path: string, body: unknown, key: string) {
  await ageIdempotencyRecord(key);
  const res = await post(path, body, key);
  // Applied now, replayed, or (a single transaction that committed before its response was
  // stored) told so: never applied twice.
  if (res.status !== 201)
    expect(res.body.error?.code, JSON.stringify(res.body)).toBe('IDEMPOTENCY_RESPONSE_LOST');
  return res;
}

async function expectConsistent() {
  const report = await checkConsistency(h.store, { cities: [CITY] });
  expect(report.drift).toEqual([]);
}

describe('fault injection at each write of the transaction path', () => {
  it('a single-transaction change stopped at any write is all or nothing and applies once on retry', async () => {
    const { writes } = inject(0);
    const ok = await post('/v1/transfers', { rows: rows(2) }, 'fi-count-small');
    expect(ok.status).toBe(201);
    const total = writes();
    expect(total).toBeGreaterThanOrEqual(2); // the idempotency claim, the transaction, the response
    let notThere = 0;
    for (let n = 1; n <= total; n++) {
      const before = await seats();
      const batchRows = rows(2);
      const tag = `故障${round}号`;
      const key = `fi-small-${n}`;
      inject(n);
      const res = await post('/v1/transfers', { rows: batchRows }, key);
      inject(0);
      if (res.status !== 201) expectServerError(res);
      const written = (await workersNamed(tag)).length;
      expect([0, 2], `n=${n}: ${written} of 2 written`).toContain(written);
      if (res.status === 201) expect(written).toBe(2);
      if (res.status !== 201 && written === 0) notThere++;
      expect((await seats()).map((value, i) => value - before[i]!)).toEqual(
        written ? [2, ...COMMUNITIES.map((c) => batchRows.filter((r) => r.org === c).length)] : [0, 0, 0, 0],
      );
      await expectConsistent();
      await retry('/v1/transfers', { rows: batchRows }, key);
      expect((await workersNamed(tag)).length, `n=${n} after the retry`).toBe(2);
      await expectConsistent();
    }
    // Some rounds failed before the commit: refused and not there at all.
    expect(notThere).toBeGreaterThan(0);
  }, 300_000);

  it('a durable batch stopped at any write ends all or nothing, then applies once on retry', async () => {
    const { writes } = inject(0);
    const first = await post('/v1/transfers', { rows: rows(ROWS) }, 'fi-count-batch');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const total = writes();
    // The plan, the header, at least two steps and the commit: several writes to fail at.
    expect(total).toBeGreaterThanOrEqual(5);
    const hr = h.as(token);
    let refused = 0;
    let rolledBack = 0;
    for (let n = 1; n <= total; n++) {
      const before = await seats();
      const batchRows = rows(ROWS);
      const tag = `故障${round}号`;
      const key = `fi-batch-${n}`;
      inject(n);
      const res = await post('/v1/transfers', { rows: batchRows }, key);
      inject(0);
      if (res.status === 201) expect(await openBatches(h.store, CITY)).toEqual([]);
      else {
        expectServerError(res);
        refused++;
        // What was applied is recorded as an open batch; HR rolls it back (after its lease).
        for (const batch of await openBatches(h.store, CITY)) {
          await real.send(
            new UpdateCommand({
              TableName: h.tableName,
              Key: batchKeys.key(batch.id),
              UpdateExpression: 'SET leaseUntil = :past',
              ExpressionAttributeValues: { ':past': Date.now() - 1 },
            }),
          );
          const rolled = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'roll-back' });
          expect(rolled.status, rolled.text).toBe(200);
          expect(rolled.body.status).toBe('rolled-back');
          rolledBack++;
        }
      }
      const written = (await workersNamed(tag)).length;
      expect([0, ROWS], `n=${n}: ${written} of ${ROWS} written`).toContain(written);
      if (written === 0) expect(await seats(), `n=${n}`).toEqual(before);
      await expectConsistent();

      const again = await retry('/v1/transfers', { rows: batchRows }, key);
      expect(again.status, JSON.stringify(again.body)).toBe(201);
      // Seats taken once per person on the city and on each community, nowhere twice.
      const delta = [ROWS, ...COMMUNITIES.map((c) => batchRows.filter((r) => r.org === c).length)];
      expect((await seats()).map((value, i) => value - before[i]!)).toEqual(delta);
      expect((await workersNamed(tag)).length).toBe(ROWS);
      await expectConsistent();
      // Every person transferred in has their audit entry.
      for (const worker of (await workersNamed(tag)).slice(0, 3)) {
        const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${worker.id}`)}`);
        expect(audit.status, audit.text).toBe(200);
        expect(audit.body.items.length).toBeGreaterThanOrEqual(1);
      }
    }
    // The rounds really stopped batches half-way (not only before the first or after the last write).
    expect(refused).toBeGreaterThan(2);
    expect(rolledBack).toBeGreaterThan(0);
  }, 600_000);
});
