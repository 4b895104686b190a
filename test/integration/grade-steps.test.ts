import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { scheduledJobs } from '#functions/jobs/manifest.ts';
import { jobRunners } from '#functions/jobs/registry.ts';
import { runGradeStepJob } from '#functions/jobs/grade-step/job.ts';
import { parseCron } from '#functions/jobs/cron.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let statsBefore: any;
const w: Record<string, WorkerRecord> = {};

const step = (grade: number, over: Partial<WorkerRecord['step']> = {}) => ({
  grade,
  yearsCountedInGrade: 0,
  consecutiveExcellent: 0,
  earlyStepsTaken: 0,
  ...over,
});

const gradeOf = async (id: string) => {
  const hr = await h.client('hr', 'qth');
  return (await hr.get(`/v1/workers/${id}/grade`)).body;
};

beforeAll(async () => {
  // 1 January 2026, 06:00 in Asia/Shanghai: when the schedule fires.
  h = await startHarness({ now: '2025-12-31T22:00:00.000Z' });
  await seedOrgTree(h);
  const abc = await h.client('hr', 'abc');
  await abc.post('/v1/org-units', { id: 'abc', name: '另一市', level: 'city', approvedQuota: 100 });
  const base = { hiredOn: '2022-03-01' };
  w.regular = await seedWorker(h, {
    ...base,
    grade: 3,
    step: step(3, { yearsCountedInGrade: 2 }),
    annualGrades: { '2024': 'competent', '2025': 'competent' },
  });
  w.early = await seedWorker(h, {
    ...base,
    grade: 3,
    step: step(3, { consecutiveExcellent: 1, yearsCountedInGrade: 0 }),
    annualGrades: { '2024': 'excellent', '2025': 'excellent' },
  });
  w.failed = await seedWorker(h, {
    ...base,
    grade: 3,
    step: step(3, { yearsCountedInGrade: 2 }),
    annualGrades: { '2025': 'failed' },
  });
  w.noEvaluation = await seedWorker(h, { ...base, grade: 3, step: step(3, { yearsCountedInGrade: 2 }) });
  w.topOfBand = await seedWorker(h, {
    ...base,
    grade: 12,
    step: step(12, { yearsCountedInGrade: 5 }),
    annualGrades: { '2025': 'competent' },
  });
  w.otherCity = await seedWorker(h, {
    ...base,
    org: 'abc',
    grade: 5,
    step: step(5, { yearsCountedInGrade: 2 }),
    annualGrades: { '2025': 'excellent' },
  });
});
afterAll(async () => h?.stop());

describe('yearly grade step (1 January)', () => {
  it('is scheduled for 1 January in AWS and local mode, with a registered runner', () => {
    const job = scheduledJobs.find((j) => j.name === 'grade-step');
    expect(job).toMatchObject({ timezone: 'Asia/Shanghai', input: { year: 'current' } });
    expect(job!.entry).toBe('functions/jobs/grade-step/lambda.ts');
    expect(typeof jobRunners['grade-step']).toBe('function');
    const next = parseCron(job!.schedule).next(new Date('2026-06-01T00:00:00.000Z'));
    expect(next.toISOString()).toBe('2026-12-31T22:00:00.000Z'); // 2027-01-01 06:00 in Shanghai
  });

  it('steps every city’s workers by the rule book when the schedule fires', async () => {
    statsBefore = (await (await h.client('hr', 'qth')).get('/v1/stats?org=qth&year=2026')).body.careers;
    const job = scheduledJobs.find((j) => j.name === 'grade-step')!;
    const result = (await jobRunners['grade-step']!(h.deps, job.input)) as Awaited<
      ReturnType<typeof runGradeStepJob>
    >;
    expect(result).toMatchObject({
      year: 2026,
      payPolicyVersion: 'pay/default',
      examined: 6,
      stepped: 3,
      unchanged: 2,
      skipped: 1,
      failed: 0,
      reasons: {
        'regular-step': 2,
        'early-step': 1,
        'count-reset': 1,
        'top-of-band': 1,
        'no-evaluation': 1,
      },
    });
    expect([...result.cities].sort()).toEqual(['abc', 'qth']);

    const regular = await gradeOf(w.regular!.id);
    expect(regular).toMatchObject({ grade: 4, gradeSince: '2026-01-01' });
    expect(regular.step).toMatchObject({ grade: 4, yearsCountedInGrade: 0, lastStepYear: 2026 });
    expect(regular.history).toEqual([
      expect.objectContaining({
        effectiveOn: '2026-01-01',
        reason: 'step',
        from: { post: 'staff', postLabel: '社区工作者', grade: 3 },
        grade: 4,
        note: 'regular-step',
        ref: 'step:2026',
      }),
    ]);
    expect((await gradeOf(w.early!.id)).step).toMatchObject({ grade: 4, earlyStepsTaken: 1 });
    expect(await gradeOf(w.failed!.id)).toMatchObject({
      grade: 3,
      step: { yearsCountedInGrade: 0, lastStepYear: 2026 },
    });
    expect(await gradeOf(w.topOfBand!.id)).toMatchObject({ grade: 12, step: { yearsCountedInGrade: 6 } });
    const untouched = await gradeOf(w.noEvaluation!.id);
    expect(untouched.version).toBe(1);
    expect(untouched.step.lastStepYear).toBeUndefined();
    expect((await (await h.client('hr', 'abc')).get(`/v1/workers/${w.otherCity!.id}/grade`)).body.grade).toBe(
      6,
    );
  });

  it('pays the new grade from January and the old one for December', async () => {
    const hr = await h.client('hr', 'qth');
    const december = await hr.get(`/v1/workers/${w.regular!.id}/statements/2025-12`);
    const january = await hr.get(`/v1/workers/${w.regular!.id}/statements/2026-01`);
    expect(december.body).toMatchObject({ grade: 3, totalFen: 310_000 + 20_000 });
    expect(january.body).toMatchObject({ grade: 4, totalFen: 325_000 + 20_000 });
  });

  it('counts the steps and moves the post/grade stock', async () => {
    const hr = await h.client('hr', 'qth');
    const stats = (await hr.get('/v1/stats?org=qth&year=2026')).body.careers;
    expect(stats.gradeSteps).toEqual({ regular: 1, early: 1 });
    const n = (s: typeof stats, g: number) => s.workersByPostAndGrade.staff.byGrade[String(g)] ?? 0;
    // Two of qth's staff moved from grade 3 to 4 (the third step was in city abc).
    expect(n(stats, 3)).toBe(n(statsBefore, 3) - 2);
    expect(n(stats, 4)).toBe(n(statsBefore, 4) + 2);
    expect(stats.workersByPostAndGrade.staff.total).toBe(statsBefore.workersByPostAndGrade.staff.total);
  });

  it('changes nothing when run again for the same year', async () => {
    const before = await Promise.all(Object.values(w).map((x) => h.store.get(workerKeys.key(x.id))));
    const again = await runGradeStepJob(h.deps, { year: 2026 });
    expect(again).toMatchObject({ examined: 6, stepped: 0, unchanged: 0, skipped: 6, failed: 0 });
    expect(again.reasons).toEqual({ 'already-applied': 5, 'no-evaluation': 1 });
    const after = await Promise.all(Object.values(w).map((x) => h.store.get(workerKeys.key(x.id))));
    expect(after).toEqual(before);
  });

  it('picks up a worker once last year’s evaluation is recorded', async () => {
    // The evaluation engineer's job records annual grades on the worker item.
    await h.store.transact(
      systemContext('evaluation-test', h.now()),
      [
        {
          Update: {
            Key: workerKeys.key(w.noEvaluation!.id),
            UpdateExpression: 'SET annualGrades = :grades',
            ExpressionAttributeValues: { ':grades': { '2025': 'competent' } },
          },
        },
      ],
      [],
    );
    const rerun = await runGradeStepJob(h.deps, { year: 2026, cities: ['qth'] });
    expect(rerun).toMatchObject({
      stepped: 1,
      skipped: 4,
      reasons: { 'regular-step': 1, 'already-applied': 4 },
    });
    expect((await gradeOf(w.noEvaluation!.id)).grade).toBe(4);
  });

  it('runs on demand for a city-level HR officer, idempotently', async () => {
    const city = await h.client('hr', 'qth');
    const res = await city.post('/v1/grade-steps', { year: 2026 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, cities: ['qth'], examined: 5, stepped: 0, skipped: 5 });
    expect((await (await h.client('hr', 'qth/xinxing')).post('/v1/grade-steps', { year: 2026 })).status).toBe(
      403,
    );
    const worker = await h.client('worker', w.regular!.org, w.regular!.id);
    expect((await worker.post('/v1/grade-steps', { year: 2026 })).status).toBe(403);
    const future = await city.post('/v1/grade-steps', { year: 2027 });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('YEAR_NOT_STARTED');
    expect((await city.post('/v1/grade-steps', { year: 'next' })).status).toBe(400);
  });

  it('skips workers hired after 1 January', async () => {
    h.setNow('2026-03-02T02:00:00.000Z');
    const late = await seedWorker(h, {
      hiredOn: '2026-02-01',
      grade: 3,
      step: step(3, { yearsCountedInGrade: 2 }),
      annualGrades: { '2025': 'excellent' },
    });
    const city = await h.client('hr', 'qth');
    const res = await city.post('/v1/grade-steps', { year: 2026 });
    expect(res.body).toMatchObject({ examined: 6, stepped: 0 });
    expect(res.body.reasons['changed-after-step-date']).toBe(1);
    expect((await gradeOf(late.id)).grade).toBe(3);
  });

  it('steps each worker exactly once when two runs overlap', async () => {
    h.setNow('2026-12-31T22:00:00.000Z'); // 2027-01-01 06:00 in Shanghai
    const due = await Promise.all(
      Array.from({ length: 6 }, () =>
        seedWorker(h, {
          hiredOn: '2020-03-01',
          grade: 3,
          step: step(3, { yearsCountedInGrade: 2, lastStepYear: 2026 }),
          annualGrades: { '2026': 'competent' },
        }),
      ),
    );
    const city = await h.client('hr', 'qth');
    const [scheduled, onDemand] = await Promise.all([
      runGradeStepJob(h.deps, { year: 'current', cities: ['qth'] }),
      city.post('/v1/grade-steps', { year: 2027 }),
    ]);
    expect(scheduled.year).toBe(2027);
    expect(scheduled.failed + onDemand.body.failed).toBe(0);
    expect(scheduled.stepped + onDemand.body.stepped).toBe(6);
    for (const worker of due) {
      const grade = await gradeOf(worker.id);
      expect(grade.grade).toBe(4);
      expect(grade.history.filter((e: { reason: string }) => e.reason === 'step')).toHaveLength(1);
    }
  });
});
