import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '#shared/context.ts';
import { openBatches } from '#shared/db/batches.ts';
import { batchKeys } from '#shared/db/entities/batch.ts';
import { idempotencyKeys } from '#shared/db/entities/idempotency.ts';
import { orgUnitKeys } from '#shared/db/entities/org-unit.ts';
import { statsKeys } from '#shared/db/entities/stats.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { checkConsistency } from '#shared/usecases/consistency.ts';
import { transferGridWorkers } from '#shared/usecases/transfers.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { dyingStore } from '../support/dying-store.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

// A long lease: the test itself says when a writer counts as dead (expireLease).
process.env.BATCH_LEASE_SECONDS = '600';

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
const BIG = 'qth/batchdist';
const grids = [1, 2, 3].map((c) => `${BIG}/s1/c${c}/g1`);

beforeAll(async () => {
  h = await startHarness({ now: '2026-05-06T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
  const units = [
    { id: BIG, name: '批量区', level: 'district', parentId: 'qth', urbanPopulation: 600_000 },
    { id: `${BIG}/s1`, name: '批量街道', level: 'street', parentId: BIG, urbanPopulation: 400_000 },
    ...[1, 2, 3].map((c) => ({
      id: `${BIG}/s1/c${c}`,
      name: `社区${c}`,
      level: 'community',
      parentId: `${BIG}/s1`,
      approvedQuota: 150,
    })),
    ...grids.map((id) => ({
      id,
      name: '网格',
      level: 'grid',
      parentId: id.slice(0, id.lastIndexOf('/')),
      urbanPopulation: 1000,
    })),
  ];
  for (const unit of units) {
    const res = await hr.post('/v1/org-units', unit);
    if (res.status !== 201) throw new Error(`${unit.id}: ${res.text}`);
  }
});
afterAll(async () => h?.stop());

const rowsOf = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    nationalId: nationalIdFor('1986-03-03'),
    name: `${tag}${i + 1}`,
    org: grids[i % grids.length]!,
    currentMonthlyPayFen: 300_000,
    education: 'college' as const,
    post: 'staff' as const,
    isPartyMember: false,
  }));

async function hrCtx(requestId: string): Promise<RequestContext> {
  return { actor: { sub: 'hr-batch-test', role: 'hr', org: 'qth' }, requestId, now: h.now() };
}

const used = async (id: string) => ((await h.store.get(orgUnitKeys.key(id)))?.used as number) ?? 0;
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

describe('durable batches: a batch whose process died is resumed or rolled back', () => {
  it('HR sees the abandoned transfer, may not take it over while its lease lives, then resumes it', async () => {
    const before = { city: await used('qth'), district: await used(BIG) };
    // Header + 2 of the 4+ steps, then the process "dies".
    void transferGridWorkers(dyingStore(h, 3), await hrCtx('req-died-1'), rowsOf(120, '甲'));
    let open: Awaited<ReturnType<typeof openBatches>> = [];
    for (let i = 0; i < 100 && open.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      open = (await openBatches(h.store, 'qth')).filter((b) => b.nextStep >= 2);
    }
    expect(open).toHaveLength(1);
    const batch = open[0]!;
    expect(batch).toMatchObject({ kind: 'transfer', status: 'in-progress', nextStep: 2 });
    expect(batch.stepCount).toBeGreaterThan(2);

    const listed = await hr.get('/v1/batches?org=qth');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((b: any) => b.id)).toContain(batch.id);
    const early = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'resume' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('BATCH_IN_PROGRESS');
    // Another district's HR may not touch it, nor learn that it exists (404 as for a missing one).
    const other = await h.client('hr', 'qth/taoshan');
    expect((await other.post(`/v1/batches/${batch.id}/recover`, { action: 'resume' })).status).toBe(404);

    await expireLease(batch.id);
    const resumed = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'resume' });
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'completed', nextStep: batch.stepCount + 1 });
    const transferId = batch.subject.slice('transfer:'.length);
    const transfer = await hr.get(`/v1/transfers/${transferId}`);
    expect(transfer.body).toMatchObject({ status: 'completed', count: 120 });
    expect(await used(BIG)).toBe(before.district + 120);
    expect(await used('qth')).toBe(before.city + 120);
    const audit = await hr.get(`/v1/audit?entity=batch:${batch.id}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['batch.started', 'batch.resumed']),
    );
    expect(audit.body.items.find((e: any) => e.action === 'batch.resumed').actor.sub).not.toBe(
      'hr-batch-test',
    );
    // Every transferred worker has their audit entry (written by the step that created them).
    for (const person of transfer.body.persons.slice(0, 120)) {
      const trail = await hr.get(`/v1/audit?entity=worker:${person.workerId}`);
      expect(trail.body.items.map((e: any) => e.action)).toContain('worker.transferred-in');
    }
    expect((await checkConsistency(h.store)).drift).toEqual([]);
    // Recovering a finished batch changes nothing.
    const again = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'roll-back' });
    expect(again.body.status).toBe('completed');
  });

  it('HR rolls an abandoned transfer back: workers, guards, seats and counters are gone', async () => {
    const before = { city: await used('qth'), district: await used(BIG) };
    const stock = (await h.store.get(statsKeys.current(BIG)))?.headcount_active ?? 0;
    const rows = rowsOf(120, '乙');
    void transferGridWorkers(dyingStore(h, 4), await hrCtx('req-died-2'), rows);
    let open: Awaited<ReturnType<typeof openBatches>> = [];
    for (let i = 0; i < 100 && open.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      open = (await openBatches(h.store, 'qth')).filter((b) => b.nextStep >= 3);
    }
    const batch = open[0]!;
    expect(await used(BIG)).toBe(before.district + 120); // seats were the first step
    await expireLease(batch.id);
    const rolled = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'roll-back' });
    expect(rolled.status, rolled.text).toBe(200);
    expect(rolled.body).toMatchObject({ status: 'rolled-back', undoNext: -1 });
    expect(await used(BIG)).toBe(before.district);
    expect(await used('qth')).toBe(before.city);
    expect((await h.store.get(statsKeys.current(BIG)))?.headcount_active ?? 0).toBe(stock);
    for (const row of rows.slice(0, 10))
      expect(await h.store.get(workerKeys.activeNationalId(row.nationalId))).toBeUndefined();
    const transfer = await hr.get(`/v1/transfers/${batch.subject.slice('transfer:'.length)}`);
    expect(transfer.body.status).toBe('rolled-back');
    expect((await hr.get('/v1/batches?org=qth')).body.items).toEqual([]);
    expect((await checkConsistency(h.store)).drift).toEqual([]);
    // The same persons can be transferred afterwards.
    const retry = await hr.post('/v1/transfers', { rows });
    expect(retry.status, retry.text.slice(0, 300)).toBe(201);
  });

  it('a retry with the same Idempotency-Key resumes the batch it started', async () => {
    const rows = rowsOf(90, '丙');
    const key = 'transfer-resume-1';
    const body = JSON.stringify({ rows });
    // The first attempt claimed the key (as the idempotency middleware does) and its process died
    // after three transactions.
    const sub = 'hr:qth';
    const claim = { ...idempotencyKeys.key(sub, key), owner: 'dead-process' };
    await h.store.client.send(
      new PutCommand({
        TableName: h.tableName,
        Item: {
          ...idempotencyKeys.key(sub, key),
          type: 'idempotency',
          state: 'in-progress',
          owner: claim.owner,
          requestHash: createHash('sha256')
            .update(`POST /v1/transfers\napplication/json\n${body}`)
            .digest('hex'),
          lockedUntil: Math.floor(h.now().getTime() / 1000) - 1,
          expiresAt: Math.floor(h.now().getTime() / 1000) + 3600,
        },
      }),
    );
    const ctx = {
      ...(await hrCtx('req-died-3')),
      actor: { sub, role: 'hr' as const, org: 'qth' },
      idempotency: claim,
    };
    void transferGridWorkers(dyingStore(h, 3), ctx, rows);
    let open: Awaited<ReturnType<typeof openBatches>> = [];
    for (let i = 0; i < 100 && open.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      open = (await openBatches(h.store, 'qth')).filter((b) => b.nextStep >= 2);
    }
    expect(open).toHaveLength(1);
    await expireLease(open[0]!.id);
    const retry = await hr.post('/v1/transfers', { rows }, { headers: { 'idempotency-key': key } });
    expect(retry.status, retry.text.slice(0, 300)).toBe(201);
    expect(retry.body).toMatchObject({ status: 'completed', count: 90, id: open[0]!.subject.slice(9) });
    expect(await h.store.get(workerKeys.activeNationalId(rows[89]!.nationalId))).toBeDefined();
    const replay = await hr.post('/v1/transfers', { rows }, { headers: { 'idempotency-key': key } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(retry.body.id);
    expect((await checkConsistency(h.store)).drift).toEqual([]);
  });
});

describe('a batch that committed but whose process died before replying', () => {
  it('a retry answers from the completed batch instead of IDEMPOTENCY_RESPONSE_LOST, writing nothing', async () => {
    const rows = rowsOf(40, '丁');
    const key = 'transfer-committed-1';
    const body = JSON.stringify({ rows });
    const sub = 'hr:qth';
    const claim = { ...idempotencyKeys.key(sub, key), owner: 'dead-after-commit' };
    const nowSeconds = Math.floor(h.now().getTime() / 1000);
    await h.store.client.send(
      new PutCommand({
        TableName: h.tableName,
        Item: {
          ...idempotencyKeys.key(sub, key),
          type: 'idempotency',
          state: 'in-progress',
          owner: claim.owner,
          requestHash: createHash('sha256')
            .update(`POST /v1/transfers\napplication/json\n${body}`)
            .digest('hex'),
          lockedUntil: nowSeconds + 600,
          expiresAt: nowSeconds + 3600,
        },
      }),
    );
    const ctx = {
      ...(await hrCtx('req-died-after-commit')),
      actor: { sub, role: 'hr' as const, org: 'qth' },
      idempotency: claim,
    };
    // Every transaction lands, final one included; the "process" dies before the middleware
    // stores the response, so the marker stays `committed`.
    const first = await transferGridWorkers(h.store, ctx, rows);
    const marker = await h.store.get(idempotencyKeys.key(sub, key));
    expect(marker).toMatchObject({ state: 'committed', batchId: expect.stringMatching(/^b_/) });
    // Its lock runs out (and the grace after it).
    await h.store.client.send(
      new UpdateCommand({
        TableName: h.tableName,
        Key: idempotencyKeys.key(sub, key),
        UpdateExpression: 'SET lockedUntil = :past',
        ExpressionAttributeValues: { ':past': nowSeconds - 120 },
      }),
    );
    const auditBefore = (await hr.get(`/v1/audit?entity=${encodeURIComponent(`transfer:${first.id}`)}`)).body
      .items.length;
    const retry = await hr.post('/v1/transfers', { rows }, { headers: { 'idempotency-key': key } });
    expect(retry.status, retry.text.slice(0, 300)).toBe(201);
    expect(retry.body).toMatchObject({ status: 'completed', count: 40, id: first.id });
    const auditAfter = (await hr.get(`/v1/audit?entity=${encodeURIComponent(`transfer:${first.id}`)}`)).body
      .items.length;
    expect(auditAfter).toBe(auditBefore);
    const replay = await hr.post('/v1/transfers', { rows }, { headers: { 'idempotency-key': key } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.id);
    expect((await checkConsistency(h.store)).drift).toEqual([]);
  });
});

describe('consistency checker', () => {
  it('reports drift with the records involved, repairs it (audited), and npm run check agrees', async () => {
    const worker = await seedWorker(h, { org: 'qth/taoshan/taoxi/c2/g1' });
    expect((await checkConsistency(h.store)).drift).toEqual([]);
    // Corrupt three counters the way a half-done batch used to.
    await h.store.client.send(
      new UpdateCommand({
        TableName: h.tableName,
        Key: orgUnitKeys.key('qth/taoshan/taoxi/c2'),
        UpdateExpression: 'SET used = used + :n, available = available - :n',
        ExpressionAttributeValues: { ':n': 5 },
      }),
    );
    await h.store.client.send(
      new UpdateCommand({
        TableName: h.tableName,
        Key: statsKeys.current('qth/taoshan'),
        UpdateExpression: 'ADD headcount_active :n',
        ExpressionAttributeValues: { ':n': 7 },
      }),
    );
    const report = await checkConsistency(h.store);
    expect(report.drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'seats',
          org: 'qth/taoshan/taoxi/c2',
          recounted: (await used('qth/taoshan/taoxi/c2')) - 5,
          records: expect.arrayContaining([`worker:${worker.id}`]),
        }),
        expect.objectContaining({ kind: 'stats', org: 'qth/taoshan', field: 'headcount_active' }),
      ]),
    );
    expect(report.drift).toHaveLength(2);

    const run = promisify(execFile);
    const env = { ...process.env, DYNAMODB_ENDPOINT: h.endpoint, TABLE_NAME: h.tableName };
    const failing = await run('npx', ['tsx', 'scripts/check.ts'], { env }).catch((e) => e);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('发现 2 项计数偏差');
    expect(failing.stdout).toContain(`worker:${worker.id}`);
    const repaired = await run('npx', ['tsx', 'scripts/check.ts', '--repair'], { env }).catch((e) => e);
    expect(repaired.stdout).toContain('已修复 2 项');
    expect((await checkConsistency(h.store)).drift).toEqual([]);
    const unit = await hr.get(`/v1/org-units/${orgPath('qth/taoshan/taoxi/c2')}`);
    expect(unit.body.available).toBe(unit.body.quota - unit.body.used);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent('org-unit:qth/taoshan/taoxi/c2')}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'consistency.repaired' });
    const clean = await run('npx', ['tsx', 'scripts/check.ts'], { env });
    expect(clean.stdout).toContain('未发现偏差');
  }, 120_000);
});
