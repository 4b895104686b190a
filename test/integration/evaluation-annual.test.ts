import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceItem } from '#shared/db/entities/training.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * Evaluation inputs (validation, CSV, upserts) and the annual evaluation: annual rows or the months
 * aggregated, training hours from the attendance records, annual grades on the worker record,
 * exit proposals (failed year, basic twice in a term) confirmed or dismissed by HR, re-runs.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const w: Record<string, WorkerRecord> = {};

const post = async (kind: string, rows: unknown[], client = hr) =>
  client.post(`/v1/evaluation-inputs/${kind}`, { rows });
const ok = async (kind: string, rows: unknown[]) => {
  const res = await post(kind, rows);
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const csv = (kind: string, text: string, client = hr) =>
  client.post(`/v1/evaluation-inputs/${kind}`, undefined, { raw: text });
const inputsOf = async (workerId: string, period: string) =>
  (await hr.get(`/v1/evaluation-inputs?workerId=${workerId}&period=${period}`)).body;
const workerItem = async (id: string) => toWorker((await h.store.get(workerKeys.key(id)))!);

async function attend(workerId: string, date: string, hours: number, eventId: string) {
  await h.store.batchPut([
    attendanceItem({
      workerId,
      eventId,
      date,
      level: 'city',
      title: '业务培训',
      hours,
      minutes: hours * 60,
      eventOrg: 'qth',
      workerOrg: C1,
      batchId: 'fixture',
      recordedAt: h.now().toISOString(),
    }),
  ]);
}

async function runAnnual() {
  const res = await hr.post('/v1/evaluations/runs', { period: '2025', org: C1 });
  expect(res.status, res.text).toBe(202);
  await h.queue.idle();
  const run = (await hr.get(`/v1/evaluations/runs/${res.body.id}`)).body;
  expect(run.status).toBe('completed');
  return run;
}

const results = async () =>
  Object.fromEntries(
    ((await hr.get(`/v1/evaluations/results?org=${orgPath(C1)}&period=2025`)).body.items as any[]).map(
      (r) => [r.workerId, r],
    ),
  );

beforeAll(async () => {
  h = await startHarness();
  ({ hr } = await seedOrgTree(h));
  w.q = await seedWorker(h, { id: 'w_q', org: C1 });
  w.f = await seedWorker(h, { id: 'w_f', org: C1 });
  w.p = await seedWorker(h, {
    id: 'w_p',
    org: C1,
    hiredOn: '2023-03-01',
    contractEndsOn: '2026-12-31',
    annualGrades: { '2024': 'basic' },
  });
  w.m = await seedWorker(h, { id: 'w_m', org: C1, hiredOn: '2024-06-01' });
  w.wd = await seedWorker(h, { id: 'w_wd', org: C1 });
  w.other = await seedWorker(h, { id: 'w_other', org: 'qth/taoshan/taoxi/c2/g1' });
});
afterAll(async () => h?.stop());

describe('evaluation inputs', () => {
  it('refuses a batch with invalid rows, naming each, and saves nothing', async () => {
    const res = await post('poll', [
      { workerId: w.q!.id, period: '2025-05', score: 80 },
      { workerId: w.f!.id, period: '2025-05', score: 120 },
      { period: '2025-01', score: 50 },
      { workerId: w.p!.id, period: '2025-1', score: 50 },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: any) => [d.row, d.path])).toEqual([
      [2, 'score'],
      [3, 'workerId'],
      [4, 'period'],
    ]);
    expect((await inputsOf(w.q!.id, '2025-05')).poll).toBeNull();
  });

  it('checks work-order counts, duplicates and periods that have not started', async () => {
    const orders = await post('work-orders', [
      { workerId: w.q!.id, period: '2025-01', assigned: 5, completed: 6, satisfied: 1 },
      { workerId: w.f!.id, period: '2025-01', assigned: 5, completed: 4, satisfied: 5 },
    ]);
    expect(orders.status).toBe(400);
    expect(orders.body.error.details).toEqual([
      expect.objectContaining({ row: 1, path: 'completed' }),
      expect.objectContaining({ row: 2, path: 'satisfied' }),
    ]);
    const dup = await post('duty', [
      { workerId: w.q!.id, period: '2025-01', gridPatrols: 1, householdVisits: 1 },
      { workerId: w.q!.id, period: '2025-01', gridPatrols: 2, householdVisits: 2 },
      { workerId: w.q!.id, period: '2026-04', gridPatrols: 2, householdVisits: 2 },
    ]);
    expect(dup.status).toBe(400);
    expect(dup.body.error.details).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringContaining('duplicates row 1') }),
      expect.objectContaining({ row: 3, path: 'period', message: expect.stringContaining('not started') }),
    ]);
  });

  it("refuses unknown workers, workers outside the caller's subtree and periods before a hire (422)", async () => {
    const xinxing = await h.client('hr', 'qth/xinxing');
    const res = await post(
      'poll',
      [
        { workerId: w.q!.id, period: '2025-05', score: 80 },
        { workerId: 'w_nobody', period: '2025-05', score: 80 },
        { workerId: w.other!.id, period: '2025-05', score: 80 },
        { workerId: w.q!.id, period: '2025-06', score: 80 },
        { workerId: w.q!.id, period: '2024-12', score: 80 },
      ],
      xinxing,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNKNOWN_WORKERS');
    expect(res.body.error.details.map((d: any) => d.row)).toEqual([2, 3, 5]);
    expect(res.body.error.details[2].message).toContain('hired on 2025-03-01');
    expect((await inputsOf(w.q!.id, '2025-05')).poll).toBeNull();
    const worker = await h.client('worker', C1, w.q!.id);
    expect((await post('poll', [{ workerId: w.q!.id, period: '2025-03', score: 80 }], worker)).status).toBe(
      403,
    );
    expect((await post('nonsense', [{ workerId: w.q!.id, period: '2025-03', score: 80 }])).status).toBe(400);
  });

  it('accepts CSV, upserts rows and keeps departments apart', async () => {
    const bad = await csv('poll', `workerId,period,score\n${w.m!.id},2025-01,abc\n`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ row: 1, line: 2, path: 'score' });
    const first = await csv('poll', `workerId,period,score\n${w.m!.id},2025-01,70\n${w.m!.id},2025-02,91\n`);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({
      kind: 'poll',
      kindLabel: '居民测评',
      rows: 2,
      workers: 1,
      periods: ['2025-01', '2025-02'],
    });
    // Re-uploading replaces the value.
    await ok('poll', [{ workerId: w.m!.id, period: '2025-01', score: 80 }]);
    // Two departments upload separately (and one corrects itself): both are kept.
    expect(
      (
        await csv(
          'departments',
          `workerId,period,department,score\n${w.m!.id},2025-01,civil,60\n${w.m!.id},2025-02,civil,90\n`,
        )
      ).status,
    ).toBe(200);
    await ok('departments', [
      { workerId: w.m!.id, period: '2025-01', department: 'police', score: 70 },
      { workerId: w.m!.id, period: '2025-01', department: 'civil', score: 80 },
    ]);
    await ok('duty', [
      { workerId: w.m!.id, period: '2025-01', gridPatrols: 20, householdVisits: 30 },
      { workerId: w.m!.id, period: '2025-02', gridPatrols: 10, householdVisits: 15 },
    ]);
    await ok('work-orders', [
      { workerId: w.m!.id, period: '2025-01', assigned: 10, completed: 10, satisfied: 9 },
      { workerId: w.m!.id, period: '2025-02', assigned: 10, completed: 8, satisfied: 8 },
    ]);
    expect(await inputsOf(w.m!.id, '2025-01')).toEqual({
      workerId: w.m!.id,
      period: '2025-01',
      poll: { score: 80 },
      departments: { scores: { civil: 80, police: 70 } },
      duty: { gridPatrols: 20, householdVisits: 30 },
      workOrders: { assigned: 10, completed: 10, satisfied: 9 },
    });
    // The worker may read their own inputs; another worker may not.
    expect(
      (
        await (
          await h.client('worker', C1, w.m!.id)
        ).get(`/v1/evaluation-inputs?workerId=${w.m!.id}&period=2025-01`)
      ).status,
    ).toBe(200);
    expect(
      (
        await (
          await h.client('worker', C1, w.q!.id)
        ).get(`/v1/evaluation-inputs?workerId=${w.m!.id}&period=2025-01`)
      ).status,
    ).toBe(404); // another worker's: as if missing (no existence oracle)
  });
});

describe('the annual evaluation', () => {
  let run: any;
  beforeAll(async () => {
    const year = '2025';
    await ok('poll', [
      { workerId: w.q!.id, period: year, score: 95 },
      { workerId: w.f!.id, period: year, score: 40 },
      { workerId: w.p!.id, period: year, score: 60 },
      { workerId: w.wd!.id, period: year, score: 50 },
    ]);
    await ok('departments', [
      { workerId: w.q!.id, period: year, department: 'civil', score: 95 },
      { workerId: w.f!.id, period: year, department: 'civil', score: 40 },
      { workerId: w.p!.id, period: year, department: 'civil', score: 60 },
    ]);
    await ok('duty', [
      { workerId: w.q!.id, period: year, gridPatrols: 240, householdVisits: 360 },
      { workerId: w.f!.id, period: year, gridPatrols: 0, householdVisits: 0 },
      { workerId: w.p!.id, period: year, gridPatrols: 180, householdVisits: 270 },
    ]);
    await ok('work-orders', [
      { workerId: w.q!.id, period: year, assigned: 100, completed: 100, satisfied: 100 },
      { workerId: w.f!.id, period: year, assigned: 10, completed: 5, satisfied: 5 },
      { workerId: w.p!.id, period: year, assigned: 10, completed: 10, satisfied: 6 },
    ]);
    // A monthly row of q is ignored where an annual row exists.
    await ok('poll', [{ workerId: w.q!.id, period: '2025-06', score: 10 }]);
    // Training: q 40 + 8 = 48 h in 2025 (2024 and 2026 don't count); m 50 h; the others none.
    await attend(w.q!.id, '2025-04-10', 40, 'ev1');
    await attend(w.q!.id, '2025-12-31', 8, 'ev2');
    await attend(w.q!.id, '2024-12-31', 30, 'ev0');
    await attend(w.q!.id, '2026-01-01', 30, 'ev3');
    await attend(w.m!.id, '2025-05-01', 50, 'ev4');
    run = await runAnnual();
  });

  it('scores the year from annual rows, the months and the training records', async () => {
    // c1 and its grid (no workers there).
    expect(run).toMatchObject({ kind: 'annual', period: '2025', org: C1, unitsTotal: 2, workersScored: 5 });
    const r = await results();
    expect(r[w.q!.id]).toMatchObject({
      components: { poll: 95, departments: 95, duty: 100, workOrders: 100 },
      total: 97.5,
      rank: 1,
      grade: 'excellent',
      training: { hours: 48, requirementMet: true, penalty: 0 },
      sources: { poll: 'annual', departments: 'annual', duty: 'annual', workOrders: 'annual' },
    });
    // Months only: poll mean(80, 91) = 85.5; departments civil mean(80, 90) = 85 and police 70;
    // duty 30 / 45 of 240 / 360 = 12.5; orders 20 / 18 / 17 → 92.22.
    expect(r[w.m!.id]).toMatchObject({
      components: { poll: 85.5, departments: 77.5, duty: 12.5, workOrders: 92.22 },
      total: 63.34,
      grade: 'basic',
      satisfactionPercent: 94.44,
      training: { hours: 50, requirementMet: true, penalty: 0 },
      sources: { poll: 'months', departments: 'months', duty: 'months', workOrders: 'months' },
    });
    expect(r[w.m!.id].inputs).toMatchObject({
      departments: { civil: 85, police: 70 },
      workOrders: { assigned: 20, completed: 18, satisfied: 17 },
    });
    // 68.50 less the 5-point training shortfall penalty.
    expect(r[w.p!.id]).toMatchObject({
      total: 63.5,
      grade: 'basic',
      training: { hours: 0, requirementMet: false, penalty: 5 },
    });
    expect(r[w.f!.id]).toMatchObject({ total: 30, grade: 'failed' });
    expect(r[w.wd!.id]).toMatchObject({
      total: 10,
      grade: 'failed',
      missing: ['departments', 'duty', 'workOrders', 'trainingHours'],
    });
    expect(
      Object.values(r)
        .map((x: any) => x.rank)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5]);
  });

  it('records the annual grade on the worker record (grade step and honours read it there)', async () => {
    expect((await workerItem(w.q!.id)).annualGrades).toEqual({ '2025': 'excellent' });
    expect((await workerItem(w.p!.id)).annualGrades).toEqual({ '2024': 'basic', '2025': 'basic' });
    expect((await workerItem(w.m!.id)).annualGrades).toEqual({ '2025': 'basic' });
    expect((await workerItem(w.q!.id)).version).toBe(2);
  });

  it('proposes exit situation 1 for a failed year and for basic twice in a term', async () => {
    const list = await hr.get('/v1/exit-proposals?org=qth');
    expect(list.status).toBe(200);
    const byWorker = Object.fromEntries(list.body.items.map((p: any) => [p.workerId, p]));
    expect(Object.keys(byWorker).sort()).toEqual([w.f!.id, w.p!.id, w.wd!.id].sort());
    expect(byWorker[w.f!.id]).toMatchObject({
      id: `${w.f!.id}-2025`,
      situation: 1,
      reason: 'failed-year',
      years: [2025],
      grade: 'failed',
      status: 'pending',
      runId: run.id,
      policyVersion: 'evaluation/default',
    });
    expect(byWorker[w.p!.id]).toMatchObject({
      reason: 'basic-twice-in-term',
      years: [2024, 2025],
      grade: 'basic',
    });
    // m is basic once (no earlier year): no proposal.
    expect(byWorker[w.m!.id]).toBeUndefined();
    expect(
      (await (await h.client('hr', 'qth/taoshan')).get('/v1/exit-proposals?org=qth/taoshan')).body.items,
    ).toEqual([]);
    expect((await (await h.client('worker', C1, w.f!.id)).get('/v1/exit-proposals')).status).toBe(403);
  });

  it('HR confirms a proposal (the worker exits for situation 1) or dismisses one', async () => {
    const id = `${w.f!.id}-2025`;
    const outsider = await h.client('hr', 'qth/taoshan');
    expect(
      (await outsider.post(`/v1/exit-proposals/${id}/confirm`, { effectiveOn: '2026-03-01' })).status,
    ).toBe(404); // outside the subtree: as if missing
    expect((await hr.post(`/v1/exit-proposals/${id}/confirm`, { effectiveOn: '2026-04-01' })).status).toBe(
      422,
    );
    const confirmed = await hr.post(`/v1/exit-proposals/${id}/confirm`, { effectiveOn: '2026-03-01' });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      decision: { effectiveOn: '2026-03-01', evidence: expect.stringContaining('不称职') },
    });
    const exited = await workerItem(w.f!.id);
    expect(exited.status).toBe('exited');
    expect(exited.exit).toMatchObject({ situation: 1, effectiveOn: '2026-03-01' });
    const again = await hr.post(`/v1/exit-proposals/${id}/confirm`, { effectiveOn: '2026-03-01' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXIT_PROPOSAL_DECIDED');

    expect((await hr.post(`/v1/exit-proposals/${w.p!.id}-2025/dismiss`, {})).status).toBe(400);
    const dismissed = await hr.post(`/v1/exit-proposals/${w.p!.id}-2025/dismiss`, {
      reason: 'data error in the poll, re-evaluated by the street',
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      decision: { reason: expect.stringContaining('data error') },
    });
    expect((await workerItem(w.p!.id)).status).toBe('active');
    const pending = await hr.get(`/v1/exit-proposals?org=${orgPath(C1)}`);
    expect(pending.body.items.map((p: any) => p.workerId)).toEqual([w.wd!.id]);
    const confirmedList = await hr.get(`/v1/exit-proposals?org=qth&status=confirmed`);
    expect(confirmedList.body.items.map((p: any) => p.id)).toEqual([id]);
  });

  it('a re-run replaces results, withdraws proposals it no longer justifies, and keeps decisions', async () => {
    await ok('departments', [{ workerId: w.wd!.id, period: '2025', department: 'civil', score: 100 }]);
    await ok('duty', [{ workerId: w.wd!.id, period: '2025', gridPatrols: 240, householdVisits: 360 }]);
    await ok('work-orders', [
      { workerId: w.wd!.id, period: '2025', assigned: 10, completed: 10, satisfied: 10 },
    ]);
    const again = await runAnnual();
    // f exited on 2026-03-01, after the year began: still evaluated for 2025.
    expect(again.workersScored).toBe(5);
    const r = await results();
    expect(Object.keys(r)).toHaveLength(5);
    expect(r[w.wd!.id]).toMatchObject({ total: 80, grade: 'competent', runId: again.id });
    expect((await workerItem(w.wd!.id)).annualGrades).toEqual({ '2025': 'competent' });
    const wd = await hr.get(`/v1/exit-proposals/${w.wd!.id}-2025`);
    expect(wd.body.status).toBe('withdrawn');
    expect((await hr.get(`/v1/exit-proposals/${w.p!.id}-2025`)).body.status).toBe('dismissed');
    expect((await hr.get(`/v1/exit-proposals/${w.f!.id}-2025`)).body.status).toBe('confirmed');
    expect((await hr.get('/v1/exit-proposals?org=qth')).body.items).toEqual([]);
    expect(
      (await hr.get('/v1/exit-proposals?org=qth&status=withdrawn')).body.items.map((p: any) => p.workerId),
    ).toEqual([w.wd!.id]);
    // One annual entry per worker in the timeline, and only one annual result per worker.
    const timeline = await hr.get(`/v1/workers/${w.wd!.id}/evaluations?kind=annual`);
    expect(timeline.body.items.map((x: any) => [x.period, x.grade])).toEqual([['2025', 'competent']]);
  });

  it('reports the annual grade distribution and work orders in the stats, never doubled by re-runs', async () => {
    for (const org of ['qth', C1]) {
      const stats = await hr.get(`/v1/stats?org=${orgPath(org)}&year=2025`);
      expect(stats.status).toBe(200);
      expect(stats.body.evaluation.annual).toMatchObject({
        period: '2025',
        workersEvaluated: 5,
        gradeDistribution: { excellent: 1, competent: 1, basic: 2, failed: 1 },
      });
      expect(stats.body.evaluation.gradeDistribution).toEqual({
        excellent: 1,
        competent: 1,
        basic: 2,
        failed: 1,
      });
      expect(stats.body.evaluation.workOrders).toEqual({
        assigned: 150,
        completed: 143,
        satisfied: 138,
        completionRate: 95.33,
        satisfactionRate: 96.5,
        source: 'annual',
        periods: ['2025'],
      });
    }
    const taoshan = await hr.get('/v1/stats?org=qth/taoshan&year=2025');
    expect(taoshan.body.evaluation.annual).toBeNull();
  });
});
