import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBatches } from '#shared/db/batches.ts';
import { batchKeys } from '#shared/db/entities/batch.ts';
import { orgUnitKeys } from '#shared/db/entities/org-unit.ts';
import { checkConsistency } from '#shared/usecases/consistency.ts';
import { defaultPayPolicy } from '#shared/domain/pay.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Answer, changes, expectServerError, faultyApp } from '../support/fault-injection.ts';
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

const CITY = 'ftc';
const COMMUNITIES = [1, 2, 3].map((i) => `${CITY}/d/s/c${i}`);
/** Big enough for a durable batch (more than one transaction), small enough to run ~20 rounds. */
const ROWS = 40;

let h: Harness;
/** The app and store on the faulty client, and its helpers (`test/support/fault-injection.ts`). */
let f: ReturnType<typeof faultyApp>;
let token: string;

/** Every command reaches DynamoDB Local; writes from the `failFrom`-th on are refused (0: none). */
const inject = (failFrom: number) => f.inject(failFrom);

beforeAll(async () => {
  process.env.BATCH_LEASE_SECONDS = '600';
  h = await startHarness({ now: '2026-05-06T02:00:00.000Z' });
  f = faultyApp(h, CITY);
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
  f?.restore();
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

/** POST through the faulty app as HR of the test city, bounded: a hang fails the test. */
const post = (path: string, body: unknown, key: string) => f.send('POST', path, body, key);

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
const ageIdempotencyRecord = (key: string) => f.ageIdempotencyRecord(key);

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
          await f.real.send(
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

/** Any request through the faulty app as HR of the test city, bounded. */
const send = (method: string, path: string, body: unknown, key: string): Promise<Answer> =>
  f.send(method, path, body, key);
/** Every item but idempotency records, as text by key. */
const tableState = () => f.tableState();

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
          await f.real.send(
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
