import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationWorkerTestHooks } from '#functions/jobs/evaluation-worker/job.ts';
import { jobRunners } from '#functions/jobs/registry.ts';
import { systemContext } from '#shared/context.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { recordExit } from '#shared/usecases/exits.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * Monthly evaluation end to end through HTTP: inputs → run (fanned out by org unit over the
 * in-process queue) → results, ranks, grades, the excellent cap with ties, the satisfaction floor,
 * idempotent re-runs, resume after an injected failure, reading and stats.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
const C2 = 'qth/taoshan/taoxi/c2';
const C2G1 = 'qth/taoshan/taoxi/c2/g1';
const PERIOD = '2026-02';
const w: Record<string, WorkerRecord> = {};

/** Inputs per worker for February: [poll, department scores, duty, work orders]. */
type Inputs = {
  poll?: number;
  departments?: Record<string, number>;
  duty?: [number, number];
  orders?: [number, number, number];
};

async function upload(kind: string, rows: unknown[]) {
  const res = await hr.post(`/v1/evaluation-inputs/${kind}`, { rows });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function uploadInputs(inputs: Record<string, Inputs>, period = PERIOD) {
  const entries = Object.entries(inputs);
  const poll = entries.flatMap(([id, i]) =>
    i.poll === undefined ? [] : [{ workerId: id, period, score: i.poll }],
  );
  const departments = entries.flatMap(([id, i]) =>
    Object.entries(i.departments ?? {}).map(([department, score]) => ({
      workerId: id,
      period,
      department,
      score,
    })),
  );
  const duty = entries.flatMap(([id, i]) =>
    i.duty ? [{ workerId: id, period, gridPatrols: i.duty[0], householdVisits: i.duty[1] }] : [],
  );
  const orders = entries.flatMap(([id, i]) =>
    i.orders
      ? [{ workerId: id, period, assigned: i.orders[0], completed: i.orders[1], satisfied: i.orders[2] }]
      : [],
  );
  if (poll.length) await upload('poll', poll);
  if (departments.length) await upload('departments', departments);
  if (duty.length) await upload('duty', duty);
  if (orders.length) await upload('work-orders', orders);
}

async function runAndWait(body: { period: string; org?: string }) {
  const res = await hr.post('/v1/evaluations/runs', body);
  expect(res.status, res.text).toBe(202);
  await h.queue.idle();
  return (await hr.get(`/v1/evaluations/runs/${res.body.id}`)).body;
}

async function unitResults(org: string, period = PERIOD) {
  const res = await hr.get(`/v1/evaluations/results?org=${orgPath(org)}&period=${period}`);
  expect(res.status, res.text).toBe(200);
  return res.body.items as any[];
}

const byWorker = (items: any[]) => Object.fromEntries(items.map((r) => [r.workerId, r]));

beforeAll(async () => {
  h = await startHarness();
  ({ hr } = await seedOrgTree(h));
  // Community c1 (5 workers) and its grid g1 (1 worker) are ranked together (grids rank with their
  // community by default): 6 workers, cap = floor(6 × 20%) = 1. Community c2: 10 workers, cap 2.
  const mentor = await seedWorker(h, { id: 'w_mentor', org: 'qth/xinxing/hongqi' });
  w.mentor = mentor;
  for (const id of ['a', 'b', 'c', 'd', 'e']) w[id] = await seedWorker(h, { id: `w_c1_${id}`, org: C1 });
  // b is the mentor's current mentee (a real pairing: mentors read only current mentees' records).
  const pairing = await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: w.b!.id });
  expect(pairing.status, pairing.text).toBe(201);
  w.g = await seedWorker(h, { id: 'w_g1_g', org: G1 });
  for (const id of ['t0', 'x1', 'x2', 'x3', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6'])
    w[id] = await seedWorker(h, { id: `w_c2_${id}`, org: C2 });

  const filler: Inputs = { poll: 80, departments: { civil: 80 }, duty: [20, 30], orders: [10, 10, 8] };
  const x1: Inputs = { poll: 90, departments: { civil: 90 }, duty: [20, 30], orders: [10, 10, 10] };
  await uploadInputs({
    // 30×90 + 20×90 + 30×100 + 20×100 → 95.00
    [w.a!.id]: { poll: 90, departments: { civil: 80, police: 100 }, duty: [25, 30], orders: [10, 10, 10] },
    // 30×80 + 20×70 + 30×50 + 20×77.5 → 68.50 (duty 10/20 and 15/30; orders 80% done, 75% satisfied)
    [w.b!.id]: { poll: 80, departments: { civil: 70 }, duty: [10, 15], orders: [10, 8, 6] },
    // c: nothing at all → 0, every component missing
    // 95.00 by score, but 50% satisfied is below the 60% floor → failed
    [w.d!.id]: { poll: 100, departments: { civil: 100 }, duty: [20, 30], orders: [10, 10, 5] },
    [w.e!.id]: filler,
    [w.g!.id]: filler,
    // c2: cap = floor(10 × 20%) = 2. t0 96.00 with satisfaction exactly at the 60% floor.
    [w.t0!.id]: { poll: 100, departments: { civil: 100 }, duty: [20, 30], orders: [10, 10, 6] },
    // x1 and x3 tie on everything (95.00, work orders 100): the lower id wins rank 2.
    [w.x1!.id]: x1,
    [w.x3!.id]: x1,
    // x2 also 95.00 but with work orders 85: ranks after x1/x3.
    [w.x2!.id]: { poll: 100, departments: { civil: 90 }, duty: [20, 30], orders: [10, 10, 7] },
    ...Object.fromEntries(['f1', 'f2', 'f3', 'f4', 'f5', 'f6'].map((id) => [w[id]!.id, filler])),
  });
});
afterAll(async () => {
  delete evaluationWorkerTestHooks.afterResultsWritten;
  await h?.stop();
});

describe('evaluation policy', () => {
  it('refuses weights that do not sum to 100, naming weights', async () => {
    const res = await hr.put('/v1/policies/evaluation/2026-06-01', {
      weights: { poll: 30, departments: 20, duty: 30, workOrders: 30 },
      thresholds: [
        { grade: 'excellent', label: '优秀', minScore: 90 },
        { grade: 'competent', label: '称职', minScore: 70 },
        { grade: 'basic', label: '基本称职', minScore: 60 },
        { grade: 'failed', label: '不称职', minScore: 0 },
      ],
      excellentCapPercent: 20,
      satisfactionFloorPercent: 60,
      dutyTargetsPerMonth: { gridPatrols: 20, householdVisits: 30 },
      trainingRequiredHoursPerYear: 48,
      trainingShortfallPenalty: 5,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path: 'weights' }));
  });
});

describe('starting a run', () => {
  it('refuses a period that has not ended, other subtrees and non-HR callers', async () => {
    const early = await hr.post('/v1/evaluations/runs', { period: '2026-03' });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('PERIOD_NOT_ENDED');
    const district = await h.client('hr', 'qth/taoshan');
    expect((await district.post('/v1/evaluations/runs', { period: PERIOD, org: 'qth' })).status).toBe(403);
    const worker = await h.client('worker', C1, w.a!.id);
    expect((await worker.post('/v1/evaluations/runs', { period: PERIOD })).status).toBe(403);
    expect((await hr.post('/v1/evaluations/runs', { period: '2026-13' })).status).toBe(400);
    expect((await hr.post('/v1/evaluations/runs', { period: PERIOD, org: 'qth/nowhere' })).status).toBe(404);
    // Grid workers are ranked with their community: a grid alone is not a ranking unit.
    const grid = await hr.post('/v1/evaluations/runs', { period: PERIOD, org: G1 });
    expect(grid.status).toBe(422);
    expect(grid.body.error).toMatchObject({ code: 'GRID_RANKED_WITH_COMMUNITY', details: { unit: C1 } });
  });
});

describe('a monthly run', () => {
  let run: any;
  beforeAll(async () => {
    run = await runAndWait({ period: PERIOD });
  });

  it('fans out by org unit and completes with every worker scored once', () => {
    expect(run).toMatchObject({
      period: PERIOD,
      kind: 'monthly',
      org: 'qth',
      status: 'completed',
      // Every unit of the city down to communities (grids rank with their community): qth, 2
      // districts, 2 streets (hongqi has the mentor), c1, c2; units without workers are done at once.
      unitsTotal: 7,
      unitsDone: 7,
      workersScored: 17,
      progressPercent: 100,
      policyVersion: 'evaluation/default',
    });
  });

  it('computes known scores and grades from known inputs', async () => {
    const r = byWorker(await unitResults(C1));
    // c1's own five and g from its grid.
    expect(Object.keys(r)).toHaveLength(6);
    expect(r[w.a!.id]).toMatchObject({
      components: { poll: 90, departments: 90, duty: 100, workOrders: 100 },
      total: 95,
      rank: 1,
      unitSize: 6,
      grade: 'excellent',
      label: '优秀',
      satisfactionPercent: 100,
      missing: [],
      policyVersion: 'evaluation/default',
      runId: run.id,
    });
    expect(r[w.a!.id].inputs.departments).toEqual({ civil: 80, police: 100 });
    expect(r[w.b!.id]).toMatchObject({
      components: { poll: 80, departments: 70, duty: 50, workOrders: 77.5 },
      total: 68.5,
      grade: 'basic',
      label: '基本称职',
      satisfactionPercent: 75,
    });
    expect(r[w.c!.id]).toMatchObject({
      total: 0,
      grade: 'failed',
      missing: ['poll', 'departments', 'duty', 'workOrders'],
      rank: 6,
    });
    expect(r[w.e!.id]).toMatchObject({ total: 88, grade: 'competent' });
  });

  it('fails a worker below the satisfaction floor regardless of score', async () => {
    const d = byWorker(await unitResults(C1))[w.d!.id];
    expect(d).toMatchObject({
      total: 95,
      grade: 'failed',
      satisfactionFailed: true,
      satisfactionPercent: 50,
    });
    // Ranked by score (2nd), but the failed grade does not use up the unit's one excellent place.
    expect(d.rank).toBe(2);
  });

  it('caps excellent per org unit, ties broken by work orders then worker id', async () => {
    const r = byWorker(await unitResults(C2));
    expect(r[w.t0!.id]).toMatchObject({ rank: 1, total: 96, grade: 'excellent', satisfactionPercent: 60 });
    expect(r[w.t0!.id].satisfactionFailed).toBe(false); // exactly at the floor passes
    expect(r[w.x1!.id]).toMatchObject({ rank: 2, total: 95, grade: 'excellent', cappedFromExcellent: false });
    expect(r[w.x3!.id]).toMatchObject({ rank: 3, total: 95, grade: 'competent', cappedFromExcellent: true });
    expect(r[w.x2!.id]).toMatchObject({
      rank: 4,
      total: 95,
      components: expect.objectContaining({ workOrders: 85 }),
      grade: 'competent',
      cappedFromExcellent: true,
    });
    expect(Object.values(r).filter((x: any) => x.grade === 'excellent')).toHaveLength(2);
  });

  it('shows results to the worker, their mentor and HR of the subtree only', async () => {
    const me = await h.client('worker', C1, w.b!.id);
    const mine = await me.get('/v1/me/evaluations');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      workerId: w.b!.id,
      period: PERIOD,
      total: 68.5,
      grade: 'basic',
    });
    const mentor = await h.client('mentor', 'qth/xinxing/hongqi', w.mentor!.id);
    expect((await mentor.get(`/v1/workers/${w.b!.id}/evaluations`)).body.items).toHaveLength(1);
    // Another's evaluations: what a missing worker gets (no existence oracle).
    expect((await mentor.get(`/v1/workers/${w.a!.id}/evaluations`)).status).toBe(404);
    expect((await me.get(`/v1/workers/${w.a!.id}/evaluations`)).status).toBe(404);
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    expect((await otherDistrict.get(`/v1/workers/${w.a!.id}/evaluations`)).status).toBe(404);
    expect(
      (await otherDistrict.get(`/v1/evaluations/results?org=${orgPath(C1)}&period=${PERIOD}`)).status,
    ).toBe(403);
    const hrRes = await hr.get(`/v1/workers/${w.a!.id}/evaluations?kind=monthly`);
    expect(hrRes.body.items.map((x: any) => x.period)).toEqual([PERIOD]);
  });

  it('adds the grade distribution and work-order rates to the stats, per subtree', async () => {
    const stats = await hr.get('/v1/stats?org=qth&year=2026');
    expect(stats.status).toBe(200);
    expect(stats.body.evaluation.latestMonth).toMatchObject({
      period: PERIOD,
      workersEvaluated: 17,
      gradeDistribution: { excellent: 3, competent: 10, basic: 1, failed: 3 },
    });
    // assigned 150 (15 × 10), completed 148, satisfied: a10 b6 d5 t0 6 x 10+10+7 + fillers 8 × 8 (+ mentor 0)
    expect(stats.body.evaluation.workOrders).toMatchObject({
      assigned: 150,
      completed: 148,
      satisfied: 10 + 6 + 5 + 6 + 10 + 10 + 7 + 8 * 8,
      source: 'months',
      periods: [PERIOD],
    });
    expect(stats.body.evaluation.workOrders.completionRate).toBeCloseTo((148 / 150) * 100, 2);
    const c1 = await hr.get(`/v1/stats?org=${orgPath(C1)}&year=2026`);
    expect(c1.body.evaluation.latestMonth).toMatchObject({
      workersEvaluated: 6,
      gradeDistribution: { excellent: 1, competent: 2, basic: 1, failed: 2 },
    });
    expect(c1.body.evaluation.workOrders).toMatchObject({ assigned: 50, completed: 48, satisfied: 37 });
  });

  it('a re-run replaces its results: nothing doubles, changed inputs apply, leavers disappear', async () => {
    // B's poll is corrected, and E left in January (not evaluable for February any more).
    await upload('poll', [{ workerId: w.b!.id, period: PERIOD, score: 100 }]);
    await recordExit(h.store, systemContext('test', h.now(), 'qth'), w.e!.id, {
      situation: 5,
      effectiveOn: '2026-01-31',
      evidence: 'resigned',
    });
    const again = await runAndWait({ period: PERIOD });
    expect(again).toMatchObject({ status: 'completed', unitsTotal: 7, unitsDone: 7, workersScored: 16 });
    const r = byWorker(await unitResults(C1));
    expect(Object.keys(r).sort()).toEqual([w.a!.id, w.b!.id, w.c!.id, w.d!.id, w.g!.id].sort());
    expect(r[w.b!.id]).toMatchObject({ total: 74.5, grade: 'competent', runId: again.id, unitSize: 5 });
    // 5 workers: still one excellent place (cap 1), A keeps it.
    expect(r[w.a!.id]).toMatchObject({ grade: 'excellent', cappedFromExcellent: false });
    expect((await hr.get(`/v1/workers/${w.b!.id}/evaluations`)).body.items).toHaveLength(1);
    expect((await hr.get(`/v1/workers/${w.e!.id}/evaluations`)).body.items).toHaveLength(0);
    const stats = await hr.get('/v1/stats?org=qth&year=2026');
    expect(stats.body.evaluation.latestMonth.workersEvaluated).toBe(16);
    expect(stats.body.evaluation.workOrders.assigned).toBe(140);
  });
});

describe('a run that dies part-way', () => {
  it('retries a unit that failed once, and resumes a unit that kept failing, counting each once', async () => {
    const attempts = new Map<string, number>();
    evaluationWorkerTestHooks.afterResultsWritten = ({ org }) => {
      const n = (attempts.get(org) ?? 0) + 1;
      attempts.set(org, n);
      if (org === C1 && n === 1) throw new Error('injected: consumer died once');
      if (org === C2) throw new Error('injected: consumer keeps dying');
    };
    const started = await hr.post('/v1/evaluations/runs', { period: '2026-01' });
    expect(started.status).toBe(202);
    await h.queue.idle();
    const stuck = (await hr.get(`/v1/evaluations/runs/${started.body.id}`)).body;
    // E left on 31 January: still evaluated for January (17 workers), not for February (16).
    expect(stuck).toMatchObject({ status: 'running', unitsTotal: 7, unitsDone: 6, workersScored: 7 });
    expect(stuck.pendingUnits).toEqual([
      // The internal error is only logged: the unit shows the catalogue's generic failure.
      {
        org: C2,
        attempts: 3,
        lastError: '该单位计算时发生系统内部错误（已记录日志），将自动重试，也可续跑考核任务',
        lastErrorCode: 'EVALUATION_UNIT_FAILED',
      },
    ]);
    expect(attempts.get(C1)).toBe(2);
    // The stuck unit's results were written before it died: present, but the unit is not done.
    expect(await unitResults(C2, '2026-01')).toHaveLength(10);

    // One run at a time per city and period.
    const second = await hr.post('/v1/evaluations/runs', { period: '2026-01' });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'EVALUATION_RUN_IN_PROGRESS',
      details: { runId: started.body.id },
    });

    delete evaluationWorkerTestHooks.afterResultsWritten;
    const resumed = await hr.post(`/v1/evaluations/runs/${started.body.id}/resume`);
    expect(resumed.status).toBe(202);
    expect(resumed.body.resentUnits).toBe(1);
    await h.queue.idle();
    const done = (await hr.get(`/v1/evaluations/runs/${started.body.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', unitsTotal: 7, unitsDone: 7, workersScored: 17 });
    expect((await hr.get(`/v1/workers/${w.e!.id}/evaluations`)).body.items.map((x: any) => x.period)).toEqual(
      ['2026-01'],
    );
    expect(done.pendingUnits).toBeUndefined();
    expect(await unitResults(C2, '2026-01')).toHaveLength(10);
    expect(
      (await hr.get(`/v1/workers/${w.x1!.id}/evaluations?year=2026`)).body.items.map((x: any) => x.period),
    ).toEqual([PERIOD, '2026-01']);
    const stats = await hr.get(`/v1/stats?org=${orgPath(C2)}&year=2026`);
    expect(stats.body.evaluation.workOrders.periods).toEqual(['2026-01', PERIOD]);
    // Resuming a completed run is a no-op.
    const noop = await hr.post(`/v1/evaluations/runs/${started.body.id}/resume`);
    expect(noop.body).toMatchObject({ status: 'completed', resentUnits: 0 });
  });

  it('the schedule resumes an unfinished run of its period instead of starting another', async () => {
    h.setNow('2025-12-01T00:00:00.000Z'); // 08:00 on 1 December in Shanghai: November is evaluated
    evaluationWorkerTestHooks.afterResultsWritten = ({ org }) => {
      if (org === C1) throw new Error('injected');
    };
    const first = (await jobRunners['evaluation-monthly']!(h.deps, { period: 'previous-month' })) as any;
    expect(first).toMatchObject({ period: '2025-11', runs: [{ city: 'qth', action: 'started' }] });
    await h.queue.idle();
    expect((await hr.get(`/v1/evaluations/runs/${first.runs[0].runId}`)).body.status).toBe('running');
    delete evaluationWorkerTestHooks.afterResultsWritten;
    const retry = (await jobRunners['evaluation-monthly']!(h.deps, { period: 'previous-month' })) as any;
    expect(retry.runs).toEqual([
      { city: 'qth', runId: first.runs[0].runId, action: 'resumed', unitsTotal: 7 },
    ]);
    await h.queue.idle();
    const runs = await hr.get('/v1/evaluations/runs?org=qth');
    expect(runs.body.items.find((r: any) => r.id === first.runs[0].runId)).toMatchObject({
      period: '2025-11',
      status: 'completed',
      trigger: 'schedule',
      unitsDone: 7,
    });
    h.setNow('2026-03-02T02:00:00.000Z');
  });
});

describe('a worker transferred after the upload', () => {
  it('is scored in their new unit (their grid ranks with community c2) with the inputs uploaded before the move', async () => {
    const period = '2025-12';
    await upload('poll', [{ workerId: w.g!.id, period, score: 77 }]);
    // The move itself is the hiring flow's: here the worker item is simply re-filed under c2/g1.
    await h.store.updateItem({
      Key: workerKeys.key(w.g!.id),
      UpdateExpression: 'SET org = :org, gsi1sk = :sk',
      ExpressionAttributeValues: { ':org': C2G1, ':sk': workerKeys.orgSort(C2G1, w.g!.id) },
    });
    const run = await runAndWait({ period });
    expect(run).toMatchObject({ status: 'completed', workersScored: 17 });
    expect(byWorker(await unitResults(C2, period))[w.g!.id]).toMatchObject({
      org: C2,
      unitSize: 11,
      components: expect.objectContaining({ poll: 77 }),
      missing: ['departments', 'duty', 'workOrders'],
    });
    expect(byWorker(await unitResults(C1, period))[w.g!.id]).toBeUndefined();
  });
});
