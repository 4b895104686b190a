import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatchRecoveryJob } from '#functions/jobs/batch-recovery/job.ts';
import type { RequestContext } from '#shared/context.ts';
import { openBatches } from '#shared/db/batches.ts';
import { batchKeys } from '#shared/db/entities/batch.ts';
import { idempotencyKeys } from '#shared/db/entities/idempotency.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { checkConsistency } from '#shared/usecases/consistency.ts';
import { type InputRows, uploadEvaluationInputs } from '#shared/usecases/evaluation-inputs.ts';
import { recordAttendance } from '#shared/usecases/training/attendance.ts';
import { seedWorker } from '../support/fixtures.ts';
import { dyingStore } from '../support/dying-store.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

// Attendance sheets and evaluation-input uploads bigger than one transaction are durable batches:
// killed half-way (the next transaction never returns, like `kill -9`), they are finished by a
// retry with the same Idempotency-Key or by the recovery job, or rolled back by HR, and the
// counters, hours and inputs end as the records say.

// A long lease: the test itself says when a writer counts as dead (expireLease).
process.env.BATCH_LEASE_SECONDS = '600';

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
const G1 = 'qth/xinxing/hongqi/c1/g1';
const SUB = 'hr:qth';
const workers: WorkerRecord[] = [];

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 in Shanghai
  ({ hr } = await seedOrgTree(h, { communityQuota: 400 }));
  for (const id of ['qth/xinxing', 'qth/xinxing/hongqi']) {
    const unit = await hr.get(`/v1/org-units/${orgPath(id)}`);
    await hr.patch(`/v1/org-units/${orgPath(id)}`, {
      urbanPopulation: 400_000,
      expectedVersion: unit.body.version,
    });
  }
  for (let i = 0; i < 150; i++) workers.push(await seedWorker(h, { name: `社工${i}`, org: G1 }));
}, 180_000);
afterAll(async () => h?.stop());

/** The dead writer's lease runs out (instead of waiting BATCH_LEASE_SECONDS). */
const expireLease = (batchId: string) =>
  h.store.client.send(
    new UpdateCommand({
      TableName: h.tableName,
      Key: batchKeys.key(batchId),
      UpdateExpression: 'SET leaseUntil = :past',
      ExpressionAttributeValues: { ':past': Date.now() - 1 },
    }),
  );

/**
 * The request as the idempotency middleware saw it before the process died: the key claimed (lock
 * expired) for this exact body, and the context the use-case ran with.
 */
async function claimedContext(key: string, path: string, body: unknown): Promise<RequestContext> {
  const claim = { ...idempotencyKeys.key(SUB, key), owner: `dead-${key}` };
  const nowSeconds = Math.floor(h.now().getTime() / 1000);
  await h.store.client.send(
    new PutCommand({
      TableName: h.tableName,
      Item: {
        ...claim,
        type: 'idempotency',
        state: 'in-progress',
        requestHash: createHash('sha256')
          .update(`POST ${path}\napplication/json\n${JSON.stringify(body)}`)
          .digest('hex'),
        lockedUntil: nowSeconds - 1,
        expiresAt: nowSeconds + 3600,
      },
    }),
  );
  return {
    actor: { sub: SUB, role: 'hr', org: 'qth' },
    requestId: `req-${key}`,
    now: h.now(),
    idempotency: claim,
  };
}

/** Waits until the dying writer has left an open batch of `kind` at step ≥ `step`. */
async function abandoned(kind: string, step: number) {
  for (let i = 0; i < 200; i++) {
    const open = (await openBatches(h.store, 'qth')).filter((b) => b.kind === kind && b.nextStep >= step);
    if (open.length > 0) {
      expect(open).toHaveLength(1);
      return open[0]!;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no abandoned ${kind} batch`);
}

const trainingStats = async () => (await hr.get('/v1/stats?org=qth&year=2026')).body.training;

async function attendanceItems(eventId: string) {
  const out = await h.store.client.send(
    new QueryCommand({
      TableName: h.tableName,
      IndexName: 'ByCollection',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `ATTENDANCE#${eventId}` },
    }),
  );
  return out.Items ?? [];
}

const auditActions = async (entity: string) =>
  (await hr.get(`/v1/audit?entity=${encodeURIComponent(entity)}&limit=200`)).body.items.map(
    (e: { action: string }) => e.action,
  );

async function createEvent(date: string, hours: number) {
  const res = await hr.post('/v1/training-events', {
    title: '全市大班',
    level: 'city',
    org: 'qth',
    date,
    hours,
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string };
}

describe('attendance sheets bigger than one transaction', () => {
  it('a dry run of 150 rows writes nothing and starts no batch', async () => {
    const event = await createEvent('2026-02-20', 3);
    const rows = workers.map((w) => ({ workerId: w.id }));
    const preview = await hr.post(`/v1/training-events/${event.id}/attendance?dryRun=true`, { rows });
    expect(preview.status, preview.text.slice(0, 300)).toBe(200);
    expect(preview.body.ok).toBe(true);
    expect(await attendanceItems(event.id)).toHaveLength(0);
    expect(await openBatches(h.store, 'qth')).toEqual([]);
  });

  it('killed after its first chunk, a retry with the same Idempotency-Key finishes it, once', async () => {
    const event = await createEvent('2026-02-21', 3);
    const before = await trainingStats();
    const rows = workers.map((w) => ({ workerId: w.id }));
    const path = `/v1/training-events/${event.id}/attendance`;
    const ctx = await claimedContext('attend-crash-1', path, { rows });
    // The plan's header, then the first chunk land; the process dies in the second.
    void recordAttendance(dyingStore(h, 2), ctx, event.id, rows);
    const batch = await abandoned('training-attendance', 1);
    expect(batch).toMatchObject({ status: 'in-progress', nextStep: 1, stepCount: 2 });
    // Half-done: 90 of 150 written, each chunk consistent with its counters.
    expect(await attendanceItems(event.id)).toHaveLength(90);
    expect((await hr.get(`/v1/training-events/${event.id}`)).body.attendees).toBe(90);
    // A retry while the dead writer's lease still runs: refused, nothing doubled.
    const early = await hr.post(path, { rows }, { headers: { 'idempotency-key': 'attend-crash-1' } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('BATCH_IN_PROGRESS');

    await expireLease(batch.id);
    const retry = await hr.post(path, { rows }, { headers: { 'idempotency-key': 'attend-crash-1' } });
    expect(retry.status, retry.text.slice(0, 300)).toBe(201);
    expect(retry.body).toMatchObject({ eventId: event.id, recorded: 150, attendees: 150 });
    expect(retry.body.items).toHaveLength(150);
    const replay = await hr.post(path, { rows }, { headers: { 'idempotency-key': 'attend-crash-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(retry.body);

    expect(await attendanceItems(event.id)).toHaveLength(150);
    expect((await hr.get(`/v1/training-events/${event.id}`)).body.attendees).toBe(150);
    const after = await trainingStats();
    expect(after.personTimes - before.personTimes).toBe(150);
    expect(after.hours - before.hours).toBeCloseTo(450, 6);
    // Each worker is credited the event's hours exactly once.
    for (const w of [workers[0]!, workers[89]!, workers[90]!, workers[149]!]) {
      const year = await hr.get(`/v1/workers/${w.id}/training?year=2026`);
      expect(year.body.records.filter((r: { eventId: string }) => r.eventId === event.id)).toEqual([
        expect.objectContaining({ hours: 3 }),
      ]);
    }
    const actions = await auditActions(`training-event:${event.id}`);
    expect(actions.filter((a: string) => a === 'training.attendance-recorded')).toHaveLength(2);
    expect(await auditActions(`batch:${batch.id}`)).toEqual(
      expect.arrayContaining(['batch.started', 'batch.resumed']),
    );
    expect(await openBatches(h.store, 'qth')).toEqual([]);
    expect((await checkConsistency(h.store)).drift).toEqual([]);
  });

  it('killed half-way, HR rolls it back: no attendance, person-times, hours or minutes left', async () => {
    const event = await createEvent('2026-02-22', 2);
    const before = await trainingStats();
    const rows = workers.map((w) => ({ workerId: w.id }));
    void recordAttendance(
      dyingStore(h, 2),
      { actor: { sub: SUB, role: 'hr', org: 'qth' }, requestId: 'req-attend-rb', now: h.now() },
      event.id,
      rows,
    );
    const batch = await abandoned('training-attendance', 1);
    await expireLease(batch.id);
    const rolled = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'roll-back' });
    expect(rolled.status, rolled.text).toBe(200);
    expect(rolled.body).toMatchObject({ status: 'rolled-back', undoNext: -1 });
    expect(await attendanceItems(event.id)).toHaveLength(0);
    expect((await hr.get(`/v1/training-events/${event.id}`)).body.attendees).toBe(0);
    expect(await trainingStats()).toEqual(before);
    const year = await hr.get(`/v1/workers/${workers[0]!.id}/training?year=2026`);
    expect(year.body.records.map((r: { eventId: string }) => r.eventId)).not.toContain(event.id);
    expect(await auditActions(`training-event:${event.id}`)).toEqual(
      expect.arrayContaining(['training.attendance-recorded', 'training.attendance-rolled-back']),
    );
    expect((await checkConsistency(h.store)).drift).toEqual([]);
    // The sheet can be recorded afterwards (nothing of the rolled-back attempt is in the way).
    const again = await hr.post(`/v1/training-events/${event.id}/attendance`, { rows });
    expect(again.status, again.text.slice(0, 300)).toBe(201);
    expect(again.body).toMatchObject({ recorded: 150, attendees: 150 });
  });
});

describe('evaluation-input uploads bigger than one transaction', () => {
  const inputsOf = async (workerId: string, period: string) =>
    (await hr.get(`/v1/evaluation-inputs?workerId=${workerId}&period=${period}`)).body;
  const hrCtx = (requestId: string): RequestContext => ({
    actor: { sub: SUB, role: 'hr', org: 'qth' },
    requestId,
    now: h.now(),
  });

  it('a dry run of 150 rows writes nothing and starts no batch', async () => {
    const rows = workers.map((w) => ({ workerId: w.id, period: '2026-01', score: 80 }));
    const preview = await hr.post('/v1/evaluation-inputs/poll?dryRun=true', { rows });
    expect(preview.status, preview.text.slice(0, 300)).toBe(200);
    expect(preview.body.ok).toBe(true);
    expect((await inputsOf(workers[0]!.id, '2026-01')).poll).toBeNull();
    expect(await openBatches(h.store, 'qth')).toEqual([]);
  });

  it('killed half-way, the recovery job finishes it; a retry with the key then answers once', async () => {
    const rows = workers.map((w, i) => ({ workerId: w.id, period: '2026-01', score: 60 + (i % 40) }));
    const ctx = await claimedContext('inputs-crash-1', '/v1/evaluation-inputs/poll', { rows });
    void uploadEvaluationInputs(dyingStore(h, 2), ctx, { kind: 'poll', rows } as InputRows);
    const batch = await abandoned('evaluation-inputs', 1);
    expect(batch.stepCount).toBe(2);
    // Half-done: the first step's workers have their score, the rest not yet.
    expect((await inputsOf(workers[0]!.id, '2026-01')).poll).toEqual({ score: 60 });
    expect((await inputsOf(workers[149]!.id, '2026-01')).poll).toBeNull();

    await expireLease(batch.id);
    const job = await runBatchRecoveryJob(h.deps);
    expect(job).toMatchObject({ completed: [batch.id], rolledBack: [] });
    for (const [i, w] of workers.entries())
      if (i % 37 === 0 || i === 149)
        expect((await inputsOf(w.id, '2026-01')).poll, `worker ${i}`).toEqual({ score: 60 + (i % 40) });
    expect(await auditActions('evaluation-inputs:poll')).toContain('evaluation-inputs.uploaded');

    // The client never heard back; its retry answers from the batch and writes nothing more.
    const uploads = (await auditActions('evaluation-inputs:poll')).length;
    const retry = await hr.post(
      '/v1/evaluation-inputs/poll',
      { rows },
      {
        headers: { 'idempotency-key': 'inputs-crash-1' },
      },
    );
    expect(retry.status, retry.text.slice(0, 300)).toBe(200);
    expect(retry.body).toMatchObject({ kind: 'poll', rows: 150, workers: 150, periods: ['2026-01'] });
    expect((await auditActions('evaluation-inputs:poll')).length).toBe(uploads);
    const replay = await hr.post(
      '/v1/evaluation-inputs/poll',
      { rows },
      {
        headers: { 'idempotency-key': 'inputs-crash-1' },
      },
    );
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });

  it('killed half-way and rolled back: each item as it was, other kinds untouched', async () => {
    // Before: duty for everyone, and a poll score for the first worker (a replaced value).
    const duty = await hr.post('/v1/evaluation-inputs/duty', {
      rows: workers.map((w) => ({ workerId: w.id, period: '2026-02', gridPatrols: 20, householdVisits: 30 })),
    });
    expect(duty.status, duty.text.slice(0, 300)).toBe(200);
    const first = await hr.post('/v1/evaluation-inputs/poll', {
      rows: [{ workerId: workers[0]!.id, period: '2026-02', score: 71 }],
    });
    expect(first.status).toBe(200);
    const rows = workers.map((w) => ({ workerId: w.id, period: '2026-02', score: 99 }));
    void uploadEvaluationInputs(dyingStore(h, 2), hrCtx('req-inputs-rb'), {
      kind: 'poll',
      rows,
    } as InputRows);
    const batch = await abandoned('evaluation-inputs', 1);
    expect((await inputsOf(workers[0]!.id, '2026-02')).poll).toEqual({ score: 99 });
    await expireLease(batch.id);
    const rolled = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'roll-back' });
    expect(rolled.status, rolled.text).toBe(200);
    expect(rolled.body.status).toBe('rolled-back');
    const restored = await inputsOf(workers[0]!.id, '2026-02');
    expect(restored).toMatchObject({ poll: { score: 71 }, duty: { gridPatrols: 20, householdVisits: 30 } });
    for (const w of workers.slice(1, 150).filter((_, i) => i % 25 === 0)) {
      const inputs = await inputsOf(w.id, '2026-02');
      expect(inputs.poll).toBeNull();
      expect(inputs.duty).toEqual({ gridPatrols: 20, householdVisits: 30 });
    }
  });

  it('a department upload with several rows per worker item is one group per item (150 × 2 rows)', async () => {
    const rows = workers.flatMap((w) => [
      { workerId: w.id, period: '2026-02', department: '民政', score: 90 },
      { workerId: w.id, period: '2026-02', department: '综治', score: 85 },
    ]);
    const res = await hr.post('/v1/evaluation-inputs/departments', { rows });
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.body).toMatchObject({ rows: 300, workers: 150 });
    expect((await inputsOf(workers[120]!.id, '2026-02')).departments).toEqual({
      scores: { 民政: 90, 综治: 85 },
    });
    expect(await openBatches(h.store, 'qth')).toEqual([]);
  });
});
