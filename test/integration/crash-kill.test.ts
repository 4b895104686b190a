import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateLocalSecret, signLocalToken } from '#functions/identity/local-jwt.ts';
import {
  ensureTable,
  freePort,
  type RunningDynamo,
  startDynamoLocal,
} from '#functions/local/dynamodb-local.ts';
import { openBatches } from '#shared/db/batches.ts';
import { auditKeys } from '#shared/db/entities/audit.ts';
import { recruitmentKeys } from '#shared/db/entities/recruitment.ts';
import { transferKeys } from '#shared/db/entities/transfer.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { createDocumentClient } from '#shared/db/client.ts';
import { Store } from '#shared/db/store.ts';
import { withCheckDigit } from '#shared/domain/national-id.ts';
import { checkConsistency } from '#shared/usecases/consistency.ts';

/**
 * kill -9 in the middle of big batches. A real local-mode server (child process) runs against a
 * DynamoDB Local that this test owns, so the data survives the kill. Each round sends a 240-row
 * batch, kills the server at a random point of it, starts a new server on the same data and then
 * either retries with the same Idempotency-Key (even rounds) or leaves it to the recovery at
 * start and, failing that, HR's recover endpoint (odd rounds). After every round: the batch is
 * complete or absent, no audit entry is missing, and the consistency checker finds no drift
 * (quota `used` = active workers at every level, stats counters = a recount).
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const TABLE = 'shegong';
const CITY = 'kq';
const STREET = `${CITY}/d1/s1`;
const grids = [1, 2, 3, 4].flatMap((c) => [1, 2].map((g) => `${STREET}/c${c}/g${g}`));

let dynamo: RunningDynamo;
let store: Store;
let dataDir: string;
let secret: string;
let server: { child: ChildProcess; base: string } | undefined;
let token: string;

/** Starts a server on a port the OS just handed out; another port if it was taken meanwhile. */
async function startServer(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startServerOn(await freePort());
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 5) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startServerOn(port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_NAME: TABLE,
      DATA_DIR: dataDir,
      // Short enough to keep rounds quick, long enough that a slow step on a busy machine keeps it.
      BATCH_LEASE_SECONDS: '4',
      IDEMPOTENCY_LOCK_SECONDS: '1',
      LOG_REQUESTS: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) {
      if (stderr.includes('EADDRINUSE')) throw new PortTakenError(`port ${port} taken`);
      throw new Error(`server exited: ${stderr}`);
    }
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    if (attempt > 1200) throw new Error(`server did not start: ${stderr}`);
    await sleep(100);
  }
  server = { child, base };
}

async function killServer() {
  const child = server!.child;
  server = undefined;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(method: string, path: string, body?: unknown, key?: string) {
  const res = await fetch(`${server!.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

/** Sends `send()`, kills the server after `delayMs` (if it has not answered), restarts it. */
async function killDuring(send: () => Promise<{ status: number }>, delayMs: number) {
  let answered: number | undefined;
  const inFlight = send().then(
    (r) => {
      answered = r.status;
    },
    () => undefined,
  );
  await Promise.race([sleep(delayMs), inFlight]);
  await killServer();
  await inFlight;
  await startServer();
  return answered;
}

/** Retries while the dead writer's key or batch lease is still live (409 *_IN_PROGRESS). */
async function retry(method: string, path: string, body: unknown, key: string) {
  for (let i = 0; ; i++) {
    const res = await call(method, path, body, key);
    const code = res.body?.error?.code;
    if (res.status !== 409 || !/IN_PROGRESS|TAKEN_OVER/.test(code) || i > 100) return res;
    await sleep(300);
  }
}

/** Waits for the recovery at start; then HR's endpoint for anything it skipped (lease not yet out). */
async function settleOpenBatches() {
  for (let i = 0; i < 20 && (await openBatches(store)).length > 0; i++) await sleep(250);
  for (const batch of await openBatches(store)) {
    for (let i = 0; ; i++) {
      const res = await call('POST', `/v1/batches/${batch.id}/recover`, { action: 'resume' });
      if (res.status === 200 || i > 60) {
        expect(res.status, res.text).toBe(200);
        break;
      }
      await sleep(300);
    }
  }
  expect(await openBatches(store)).toEqual([]);
}

async function expectNoDrift() {
  const report = await checkConsistency(store, { cities: [CITY] });
  expect(report.drift).toEqual([]);
  expect(report.checked.workers).toBeGreaterThan(0);
}

async function hasAudit(entity: string, action: string) {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': auditKeys.pk(entity) },
  });
  return items.some((i) => i.action === action);
}

beforeAll(async () => {
  dynamo = await startDynamoLocal();
  await ensureTable(dynamo.endpoint, TABLE);
  store = new Store(createDocumentClient({ endpoint: dynamo.endpoint }), TABLE);
  dataDir = mkdtempSync(join(tmpdir(), 'shegong-crash-'));
  secret = loadOrCreateLocalSecret(join(dataDir, 'local-jwt-secret'));
  token = await signLocalToken(secret, { role: 'hr', org: CITY }, new Date(), 4 * 3600);
  await startServer();
  // Room for every round's 240 plus the baseline, on every level.
  const seats = (ROUNDS + 2) * 240;
  const units = [
    { id: CITY, name: '垦区市', level: 'city', approvedQuota: seats + 300 },
    { id: `${CITY}/d1`, name: '一区', level: 'district', parentId: CITY, urbanPopulation: seats * 600 },
    { id: STREET, name: '一街道', level: 'street', parentId: `${CITY}/d1`, urbanPopulation: seats * 600 },
    ...[1, 2, 3, 4].map((c) => ({
      id: `${STREET}/c${c}`,
      name: `社区${c}`,
      level: 'community',
      parentId: STREET,
      approvedQuota: seats,
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
    const res = await call('POST', '/v1/org-units', unit);
    if (res.status !== 201) throw new Error(`${unit.id}: ${res.text}`);
  }
}, 600_000);

afterAll(async () => {
  if (server) await killServer();
  await dynamo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** 240 distinct people for round `round` (birth date per round, serial per row). */
function transferRows(round: number) {
  const birth = `1980${String(1 + Math.floor(round / 28)).padStart(2, '0')}${String(1 + (round % 28)).padStart(2, '0')}`;
  return Array.from({ length: 240 }, (_, i) => ({
    nationalId: withCheckDigit(`230902${birth}${String(i).padStart(3, '0')}`),
    name: `转任${round}-${i}`,
    org: grids[i % grids.length],
    currentMonthlyPayFen: 280_000 + (i % 12) * 15_000,
    education: 'college',
    isPartyMember: i % 3 === 0,
  }));
}

describe('kill -9 during big batches', () => {
  it(`a 240-row transfer killed at a random point, ${ROUNDS} times, ends complete or absent`, async () => {
    // Baseline: how long an uninterrupted 240-row transfer takes here (the kill window).
    const t0 = Date.now();
    const baseline = await retry('POST', '/v1/transfers', { rows: transferRows(99) }, 'baseline');
    expect(baseline.status, baseline.text.slice(0, 300)).toBe(201);
    const window = Date.now() - t0;
    const outcomes = { complete: 0, absent: 0 };

    for (let round = 0; round < ROUNDS; round++) {
      const rows = transferRows(round);
      const key = `crash-transfer-${round}`;
      await killDuring(() => call('POST', '/v1/transfers', { rows }, key), Math.random() * window);
      if (round % 2 === 0) {
        const res = await retry('POST', '/v1/transfers', { rows }, key);
        expect(res.status, res.text.slice(0, 300)).toBe(201);
        expect(res.body).toMatchObject({ status: 'completed', count: 240 });
      }
      await settleOpenBatches();

      // Complete (every person an active worker, with audit) or absent (nobody).
      const guards = await store.batchGet(rows.map((r) => workerKeys.activeNationalId(r.nationalId)));
      expect([0, 240], `round ${round}`).toContain(guards.length);
      if (guards.length === 240) {
        outcomes.complete++;
        const workers = await store.batchGet(guards.map((g) => workerKeys.key(g.workerId as string)));
        expect(workers.every((w) => w.status === 'active')).toBe(true);
        const transferId = (workers[0]!.source as { transferBatchId: string }).transferBatchId;
        expect((await store.get(transferKeys.key(transferId)))?.status).toBe('completed');
        expect(await hasAudit(`transfer:${transferId}`, 'transfer.completed')).toBe(true);
        for (const w of workers)
          expect(await hasAudit(`worker:${w.id}`, 'worker.transferred-in'), `audit of ${w.id}`).toBe(true);
      } else outcomes.absent++;
      await expectNoDrift();
    }
    expect(outcomes.complete + outcomes.absent).toBe(ROUNDS);
  }, 1_800_000);

  it(`a 240-row score upload killed at a random point, ${ROUNDS} times, ends complete or absent`, async () => {
    const opened = await call('POST', '/v1/recruitments', {
      title: '崩溃测试招聘',
      org: `${STREET}/c1`,
      places: 10,
    });
    expect(opened.status, opened.text).toBe(201);
    const recruitmentId = opened.body.id as string;
    const candidates: string[] = [];
    for (let i = 0; i < 240; i += 8) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, (_, j) =>
          call('POST', `/v1/recruitments/${recruitmentId}/candidates`, {
            nationalId: withCheckDigit(`23090219960401${String(i + j).padStart(3, '0')}`),
            name: `候选人${i + j}`,
            education: 'college',
            politicalRecordClear: true,
            meetsHealthRequirement: true,
            hasLocalResidence: true,
          }),
        ),
      );
      for (const res of batch) {
        expect(res.status, res.text).toBe(201);
        candidates.push(res.body.id);
      }
    }
    expect(
      (await call('POST', `/v1/recruitments/${recruitmentId}/stage`, { to: 'written-exam' })).status,
    ).toBe(200);
    const scoresOf = (round: number) => candidates.map((_, i) => 40 + ((i * 7 + round * 13) % 60));
    const readScores = async () => {
      const items = await store.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': recruitmentKeys.key(recruitmentId).pk, ':c': 'CANDIDATE#' },
      });
      const byId = new Map(
        items.map((c) => [c.id as string, (c.scores as { written: number | null }).written]),
      );
      return candidates.map((id) => byId.get(id) ?? null);
    };
    const t0 = Date.now();
    const first = await retry(
      'POST',
      `/v1/recruitments/${recruitmentId}/scores`,
      { rows: candidates.map((candidateId, i) => ({ candidateId, written: scoresOf(-1)[i] })) },
      'scores-baseline',
    );
    expect(first.status, first.text.slice(0, 300)).toBe(200);
    const window = Date.now() - t0;
    let previous = scoresOf(-1);
    const outcomes = { complete: 0, absent: 0 };

    for (let round = 0; round < ROUNDS; round++) {
      const next = scoresOf(round);
      const body = { rows: candidates.map((candidateId, i) => ({ candidateId, written: next[i] })) };
      const key = `crash-scores-${round}`;
      const path = `/v1/recruitments/${recruitmentId}/scores`;
      await killDuring(() => call('POST', path, body, key), Math.random() * window);
      if (round % 2 === 0) {
        const res = await retry('POST', path, body, key);
        expect(res.status, res.text.slice(0, 300)).toBe(200);
        expect(res.body).toMatchObject({ recorded: 240 });
      }
      await settleOpenBatches();

      const now = await readScores();
      const complete = now.every((s, i) => s === next[i]);
      const absent = now.every((s, i) => s === previous[i]);
      expect(complete || absent, `round ${round}: a mix of old and new scores`).toBe(true);
      if (complete) {
        outcomes.complete++;
        const trail = await store.queryAll({
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': auditKeys.pk(`recruitment:${recruitmentId}`) },
        });
        const recorded = trail.filter((e) => e.action === 'recruitment.scores-recorded');
        // One audit entry per upload that took effect (baseline + every complete round).
        expect(recorded).toHaveLength(outcomes.complete + 1);
        previous = next;
      } else outcomes.absent++;
      await expectNoDrift();
    }
    expect(outcomes.complete + outcomes.absent).toBe(ROUNDS);
  }, 1_800_000);
});
