import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler } from '#functions/local/scheduler.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * Issue 12 items 8 and 9: the local business clock (forward only) that the scheduler follows, a
 * missed year-end snapshot taken when local mode starts, and a city HR officer's on-demand run of a
 * scheduled job for a past period.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
let workers: WorkerRecord[];
const schedulers: { stop(): void }[] = [];

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-30T10:00:00+08:00' });
  ({ hr } = await seedOrgTree(h));
  workers = [await seedWorker(h), await seedWorker(h), await seedWorker(h, { org: 'qth/taoshan/taoxi/c2' })];
  const certified = await hr.post(`/v1/workers/${workers[0]!.id}/certificates`, {
    level: 'assistant',
    number: 'SW-2026-0001',
    issuedOn: '2026-11-01',
    registeredOn: '2026-12-01',
  });
  expect(certified.status).toBe(201);
}, 120_000);

afterAll(async () => {
  for (const scheduler of schedulers) scheduler.stop();
  await h?.stop();
});

const certification = async (year: number) =>
  (await hr.get(`/v1/stats?org=qth&year=${year}`)).body.certification;

describe('the business clock (local mode)', () => {
  it('reads and moves forward; moving back is 409 and a malformed instant 400', async () => {
    const before = await h.anonymous.get('/local/clock');
    expect(before.status).toBe(200);
    expect(before.body.now.slice(0, 10)).toBe('2026-12-30');

    const moved = await h.anonymous.post('/local/clock', { now: '2026-12-31T09:00:00+08:00' });
    expect(moved.status).toBe(200);
    expect(moved.body.now.startsWith('2026-12-31T01:00:0')).toBe(true);
    // Every rule reads the same clock: the audit entry of a change made now carries its date.
    const current = await hr.get('/v1/org-units/qth%2Fxinxing');
    const renamed = await hr.patch('/v1/org-units/qth%2Fxinxing', {
      name: '新兴区（改）',
      expectedVersion: current.body.version,
    });
    expect(renamed.status).toBe(200);
    const trail = await hr.get('/v1/audit?entity=org-unit:qth/xinxing');
    expect(trail.body.items[0].at.slice(0, 10)).toBe('2026-12-31');

    const back = await h.anonymous.post('/local/clock', { now: '2026-12-30T09:00:00+08:00' });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('CLOCK_MOVED_BACK');
    expect((await h.anonymous.get('/local/clock')).body.now.slice(0, 10)).toBe('2026-12-31');

    const malformed = await h.anonymous.post('/local/clock', { now: '2027-01-01 09:00' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('missed jobs still happen', () => {
  it('a year-end snapshot missed while the system was down is taken on start, and said so', async () => {
    // Nothing ran at 00:05 on 1 January 2027: the system was "off" until the 3rd.
    h.setNow('2027-01-03T09:00:00+08:00');
    expect(await certification(2026)).toMatchObject({ basis: null, certifiedOnDutyRate: null });

    const lines: string[] = [];
    const scheduler = startScheduler(h.deps, { log: (l) => lines.push(l), idle: h.queue.idle });
    schedulers.push(scheduler);
    const caughtUp = await scheduler.ready;
    scheduler.stop();

    expect(lines.join('\n')).toMatch(
      /stats-snapshot for 2026 was due at 2026-12-31T16:05:00\.000Z \(missed while the system was down\); running it now/,
    );
    expect(caughtUp.map((r) => `${r.job} ${r.period} ${r.status}`)).toEqual(
      expect.arrayContaining([
        'stats-snapshot 2026 done',
        'grade-step 2027 done',
        'evaluation-annual 2026 done',
      ]),
    );
    // The closed year's stock figures are there: 1 of 3 active workers certified.
    expect(await certification(2026)).toMatchObject({
      basis: 'year-end snapshot',
      certifiedActive: 1,
      active: 3,
      certifiedOnDutyRate: 33.33,
    });
    const runs = await hr.get('/v1/jobs/stats-snapshot/runs');
    expect(runs.status).toBe(200);
    expect(runs.body.items[0]).toMatchObject({
      period: '2026',
      scope: 'all',
      trigger: 'catch-up',
      status: 'done',
    });

    // Started again, it finds every due period recorded and runs nothing.
    const again: string[] = [];
    const second = startScheduler(h.deps, { log: (l) => again.push(l), idle: h.queue.idle });
    schedulers.push(second);
    expect(await second.ready).toEqual([]);
    second.stop();
    expect(again.filter((l) => l.includes('running it now'))).toEqual([]);
  }, 120_000);

  it('the scheduler follows the business clock: jobs due at the moved-to time run before the reply', async () => {
    const lines: string[] = [];
    const scheduler = startScheduler(h.deps, {
      log: (l) => lines.push(l),
      clock: h.clock,
      idle: h.queue.idle,
    });
    schedulers.push(scheduler);
    await scheduler.ready;
    expect(
      scheduler
        .plan()
        .find((p) => p.name === 'evaluation-monthly')
        ?.next.toISOString(),
    ).toBe('2027-01-31T18:00:00.000Z');
    const moved = await h.anonymous.post('/local/clock', { now: '2027-02-01T08:00:00+08:00' });
    expect(moved.status).toBe(200);
    expect(moved.body.jobsRun).toEqual([
      expect.objectContaining({
        job: 'evaluation-monthly',
        period: '2027-01',
        status: 'done',
        trigger: 'catch-up',
      }),
      // The daily contract reminders (07:00) were due too.
      expect.objectContaining({
        job: 'contract-reminders',
        period: '2027-02-01',
        status: 'done',
        trigger: 'catch-up',
      }),
    ]);
    expect(
      scheduler
        .plan()
        .find((p) => p.name === 'evaluation-monthly')
        ?.next.toISOString(),
    ).toBe('2027-02-28T18:00:00.000Z');
    const run = await hr.get('/v1/evaluations/runs?period=2027-01');
    expect(run.status).toBe(200);
    scheduler.stop();
  }, 120_000);
});

describe('POST /v1/jobs/{name}/runs (a city HR officer runs a job for a past period)', () => {
  it('runs, records and audits; the job is idempotent for its period', async () => {
    const first = await hr.post('/v1/jobs/stats-snapshot/runs', { period: '2025' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      job: 'stats-snapshot',
      jobLabel: '年末统计快照',
      period: '2025',
      scope: 'qth',
      status: 'done',
    });
    expect(first.body.result).toMatchObject({ year: 2025, written: 9, alreadyTaken: 0 });
    // Again: nothing is overwritten.
    const second = await hr.post('/v1/jobs/stats-snapshot/runs', { period: '2025' });
    expect(second.body.result).toMatchObject({ year: 2025, written: 0, alreadyTaken: 9 });
    const trail = await hr.get('/v1/audit?entity=job:stats-snapshot');
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['job.started', 'job.finished']),
    );
    expect(trail.body.items.find((e: { action: string }) => e.action === 'job.started').actor.org).toBe(
      'qth',
    );
  });

  it('the same Idempotency-Key takes effect once', async () => {
    const headers = { 'idempotency-key': 'grade-step-2026-once' };
    const first = await hr.post('/v1/jobs/grade-step/runs', { period: '2026' }, { headers });
    expect(first.status).toBe(200);
    const replay = await hr.post('/v1/jobs/grade-step/runs', { period: '2026' }, { headers });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.startedAt).toBe(first.body.startedAt);
  });

  it('refuses what it must', async () => {
    const district = await h.client('hr', 'qth/xinxing');
    expect((await district.post('/v1/jobs/stats-snapshot/runs', { period: '2025' })).status).toBe(403);
    const worker = await h.client('worker', 'qth/xinxing/hongqi/c1/g1', workers[0]!.id);
    expect((await worker.post('/v1/jobs/stats-snapshot/runs', { period: '2025' })).status).toBe(403);
    const notOver = await hr.post('/v1/jobs/stats-snapshot/runs', { period: '2027' });
    expect(notOver.status).toBe(422);
    expect(notOver.body.error.code).toBe('PERIOD_NOT_ENDED');
    const notStarted = await hr.post('/v1/jobs/grade-step/runs', { period: '2028' });
    expect(notStarted.status).toBe(422);
    expect(notStarted.body.error.code).toBe('PERIOD_NOT_STARTED');
    const monthForYear = await hr.post('/v1/jobs/evaluation-monthly/runs', { period: '2026' });
    expect(monthForYear.status).toBe(400);
    expect(monthForYear.body.error.code).toBe('INVALID_PERIOD');
    expect((await hr.post('/v1/jobs/no-such-job/runs', { period: '2026' })).status).toBe(404);
    expect((await hr.post('/v1/jobs/stats-snapshot/runs', { period: '2026', extra: 1 })).status).toBe(400);
  });
});
