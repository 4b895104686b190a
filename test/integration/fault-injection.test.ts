import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
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
import { defaultPayPolicy } from '#shared/domain/pay.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
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

// ----------------------------------------------------------------------------------------------
// Beyond transfers: every other change that writes several items, failed at each of its writes.

interface Answer {
  status: number;
  body: any;
}

/** Any request through the faulty app as `who` (HR of the test city by default), bounded. */
async function send(method: string, path: string, body: unknown, key: string, who = token): Promise<Answer> {
  const res = await Promise.race([
    app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${who}`,
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

/** Keys of the items added, removed or changed from `a` to `b`. */
function changes(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

/**
 * Fails the change `prepare(n)` returns at its n-th write, for each n from the first write to the
 * last (counted on a clean run). Each failed attempt answers 5xx in the error format, and leaves
 * either nothing (the retry with the same key then applies it) or all of it (committed before the
 * failure: the retry writes nothing more, answering that the response was lost); never part. The
 * counters equal a recount after every round.
 */
async function failAtEachWrite(
  label: string,
  prepare: (round: number) => Promise<(key: string) => Promise<Answer>>,
) {
  const clean = await prepare(0);
  const { writes } = inject(0);
  const ok = await clean(`${label}-count`);
  expect(ok.status, JSON.stringify(ok.body)).toBeLessThan(300);
  const total = writes();
  expect(total, `${label}: writes of a clean run`).toBeGreaterThanOrEqual(2);
  const outcomes = { nothing: 0, all: 0 };
  for (let n = 1; n <= total; n++) {
    const call = await prepare(n);
    const key = `${label}-${n}`;
    const before = await tableState();
    inject(n);
    const res = await call(key);
    inject(0);
    const after = await tableState();
    const written = changes(before, after);
    if (res.status < 300) {
      // Only the response's bookkeeping failed, after the answer: nothing to retry.
      outcomes.all++;
      await expectConsistent();
      continue;
    }
    expectServerError(res);
    await ageIdempotencyRecord(key);
    const again = await call(key);
    const settled = await tableState();
    if (written.length === 0) {
      outcomes.nothing++;
      expect(
        again.status,
        `${label} n=${n}: the retry applies it (${JSON.stringify(again.body)})`,
      ).toBeLessThan(300);
      expect(changes(after, settled).length, `${label} n=${n}: the retry wrote it`).toBeGreaterThan(0);
    } else {
      outcomes.all++;
      // Committed before the failure: the retry adds nothing (part of a change would be completed here).
      expect(again.body.error?.code, `${label} n=${n}: ${JSON.stringify(again.body)}`).toBe(
        'IDEMPOTENCY_RESPONSE_LOST',
      );
      expect(changes(after, settled), `${label} n=${n}: the retry wrote more`).toEqual([]);
    }
    await expectConsistent();
  }
  // Failures both before the commit and after it were met.
  expect(outcomes.nothing, label).toBeGreaterThan(0);
  expect(outcomes.all, label).toBeGreaterThan(0);
  return outcomes;
}

describe('fault injection beyond transfers: every multi-item change is all or nothing', () => {
  const C1 = COMMUNITIES[0]!;
  const seed = (overrides: Partial<WorkerRecord> = {}) =>
    seedWorker(h, { org: C1, name: '故障社工', hiredOn: '2024-03-01', ...overrides });

  it('an exit (worker, seats, counters, nominations, pairings, history, audit)', async () => {
    await failAtEachWrite('fi-exit', async () => {
      const worker = await seed();
      return (key) =>
        send(
          'POST',
          `/v1/workers/${worker.id}/exits`,
          { situation: 5, effectiveOn: '2026-05-06', evidence: '本人辞职申请' },
          key,
        );
    });
  }, 300_000);

  it('a promotion into the two committees (worker, grade history, promotion, counters, audit)', async () => {
    await failAtEachWrite('fi-promotion', async () => {
      const worker = await seed({ grade: 5 });
      return (key) =>
        send(
          'POST',
          `/v1/workers/${worker.id}/promotions`,
          {
            committee: 'party',
            role: 'member',
            effectiveOn: '2026-05-06',
            reason: '换届选举',
            outsidePoolReason: '选举产生',
          },
          key,
        );
    });
  }, 300_000);

  it('a certificate recorded (number guard, worker, counters, audit)', async () => {
    await failAtEachWrite('fi-certificate', async (round) => {
      const worker = await seed();
      return (key) =>
        send(
          'POST',
          `/v1/workers/${worker.id}/certificates`,
          {
            level: 'assistant',
            number: `FI-CERT-${round}`,
            issuedOn: '2025-06-01',
            registeredOn: '2026-04-01',
          },
          key,
        );
    });
  }, 300_000);

  it('an honour nomination and its result (quota seat, guard, counters, audit)', async () => {
    const hr = h.as(token);
    const cycle = await hr.post('/v1/honour-cycles', {
      honourType: 'outstanding-party-member',
      name: '故障注入评优',
      year: 2026,
      quotas: [{ org: C1, seats: 100 }],
    });
    expect(cycle.status, cycle.text).toBe(201);
    const nominee = () => seed({ isPartyMember: true, annualGrades: { '2025': 'competent' } });
    await failAtEachWrite('fi-nomination', async () => {
      const worker = await nominee();
      return (key) =>
        send(
          'POST',
          `/v1/honour-cycles/${cycle.body.id}/nominations`,
          { workerId: worker.id, reason: '优秀' },
          key,
        );
    });
    await failAtEachWrite('fi-honour-result', async () => {
      const worker = await nominee();
      const nomination = await hr.post(`/v1/honour-cycles/${cycle.body.id}/nominations`, {
        workerId: worker.id,
        reason: '优秀',
      });
      expect(nomination.status, nomination.text).toBe(201);
      return (key) =>
        send(
          'POST',
          `/v1/honour-cycles/${cycle.body.id}/nominations/${nomination.body.id}/result`,
          { awarded: true },
          key,
        );
    });
  }, 300_000);

  it('a pay policy published (policy version, audit)', async () => {
    await failAtEachWrite('fi-pay-policy', async (round) => {
      const doc = {
        ...structuredClone(defaultPayPolicy),
        baseMonthlyPayFen: defaultPayPolicy.baseMonthlyPayFen.map((fen) => fen + 100 * (round + 1)),
      };
      return (key) => send('PUT', `/v1/policies/pay/2026-08-${String(round + 1).padStart(2, '0')}`, doc, key);
    });
  }, 300_000);

  it('an attendance sheet in one transaction (attendances, event, counters, audit)', async () => {
    const hr = h.as(token);
    const attendees = [await seed(), await seed(), await seed()];
    await failAtEachWrite('fi-attendance', async (round) => {
      const event = await hr.post('/v1/training-events', {
        title: `故障培训${round}`,
        level: 'community',
        org: C1,
        date: '2026-05-01',
        hours: 2,
      });
      expect(event.status, event.text).toBe(201);
      return (key) =>
        send(
          'POST',
          `/v1/training-events/${event.body.id}/attendance`,
          { rows: attendees.map((a) => ({ workerId: a.id })) },
          key,
        );
    });
  }, 300_000);

  it('an attendance sheet bigger than one transaction (a durable batch) ends all or nothing', async () => {
    const hr = h.as(token);
    const attendees: WorkerRecord[] = [];
    for (let i = 0; i < 95; i++) attendees.push(await seed());
    const rows = attendees.map((a) => ({ workerId: a.id }));
    const sheet = async (round: number) => {
      const event = await hr.post('/v1/training-events', {
        title: `故障大班${round}`,
        level: 'community',
        org: C1,
        date: '2026-05-02',
        hours: 2,
      });
      expect(event.status, event.text).toBe(201);
      return event.body.id as string;
    };
    const attendeesOf = async (eventId: string) =>
      (await hr.get(`/v1/training-events/${eventId}`)).body.attendees;
    const { writes } = inject(0);
    const clean = await sheet(0);
    expect(
      (await send('POST', `/v1/training-events/${clean}/attendance`, { rows }, 'fi-big-count')).status,
    ).toBe(201);
    const total = writes();
    expect(total).toBeGreaterThanOrEqual(5); // plan, header, two steps, the commit
    let rolledBack = 0;
    for (let n = 1; n <= total; n++) {
      const eventId = await sheet(n);
      const key = `fi-big-${n}`;
      inject(n);
      const res = await send('POST', `/v1/training-events/${eventId}/attendance`, { rows }, key);
      inject(0);
      if (res.status !== 201) {
        expectServerError(res);
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
          expect(rolled.body.status).toBe('rolled-back');
          rolledBack++;
        }
      }
      expect([0, rows.length], `n=${n}`).toContain(await attendeesOf(eventId));
      await expectConsistent();
      const again = await retry(`/v1/training-events/${eventId}/attendance`, { rows }, key);
      expect([201, 409], JSON.stringify(again.body)).toContain(again.status);
      expect(await attendeesOf(eventId), `n=${n} after the retry`).toBe(rows.length);
      await expectConsistent();
    }
    expect(rolledBack).toBeGreaterThan(0);
  }, 600_000);
});
