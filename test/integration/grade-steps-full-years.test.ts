import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

// Issue 16: steps count whole calendar years held in the grade; the year of hire, transfer-in or
// grade change does not count. Four years of 1 January step runs, through the HTTP API.

let h: Harness;
const w: Record<string, WorkerRecord> = {};
const YEARS = [2025, 2026, 2027, 2028] as const;
const every = (grade: 'competent' | 'excellent') =>
  Object.fromEntries(YEARS.map((year) => [String(year), grade]));

/** 1 January of `year`, 06:00 in Asia/Shanghai (when the scheduled job fires). */
const stepDay = (year: number) => `${year - 1}-12-31T22:00:00.000Z`;

const gradeOf = async (id: string) =>
  (await (await h.client('hr', 'qth')).get(`/v1/workers/${id}/grade`)).body;

const runStep = async (year: number) => {
  h.setNow(stepDay(year));
  const res = await (await h.client('hr', 'qth')).post('/v1/grade-steps', { year });
  expect(res.status, res.text).toBe(200);
  expect(res.body.failed).toBe(0);
  return res.body;
};

beforeAll(async () => {
  h = await startHarness({ now: '2025-03-01T02:00:00.000Z' });
  await seedOrgTree(h);
  // The rule book's example: grade 3 from 2025-03-01, competent every year.
  w.midYear = await seedWorker(h, { hiredOn: '2025-03-01', grade: 3, annualGrades: every('competent') });
  // Excellent every year from a March hire: the early step needs two whole excellent years.
  w.excellent = await seedWorker(h, { hiredOn: '2025-03-01', grade: 3, annualGrades: every('excellent') });
  // Hired on 1 January: 2025 is held whole and counts.
  w.newYear = await seedWorker(h, { hiredOn: '2025-01-01', grade: 3, annualGrades: every('competent') });
  // Serving since 2020; HR changes the grade on 15 June 2026, so 2026 counts for nothing.
  w.regraded = await seedWorker(h, { hiredOn: '2020-03-01', grade: 3, annualGrades: every('competent') });
});
afterAll(async () => h?.stop());

describe('yearly step over a four-year grade history (whole calendar years in grade)', () => {
  it('2026: the year of hire does not count; a hire on 1 January does', async () => {
    const run = await runStep(2026);
    expect(run.reasons).toMatchObject({ 'partial-year': 2, counted: 2 });
    expect(run.stepped).toBe(0);
    expect(await gradeOf(w.midYear!.id)).toMatchObject({
      grade: 3,
      step: { yearsCountedInGrade: 0, lastStepYear: 2026 },
    });
    expect((await gradeOf(w.excellent!.id)).step).toMatchObject({
      yearsCountedInGrade: 0,
      consecutiveExcellent: 0,
      lastStepYear: 2026,
    });
    expect((await gradeOf(w.newYear!.id)).step).toMatchObject({ yearsCountedInGrade: 1 });
    expect((await gradeOf(w.regraded!.id)).step).toMatchObject({ yearsCountedInGrade: 1 });

    // A second run for the year changes nothing.
    const again = await runStep(2026);
    expect(again).toMatchObject({ stepped: 0, unchanged: 0, reasons: { 'already-applied': 4 } });
  });

  it('mid-2026: HR sets a new grade, whose first year will not count', async () => {
    h.setNow('2026-06-15T02:00:00.000Z');
    const hr = await h.client('hr', 'qth');
    const res = await hr.put(`/v1/workers/${w.regraded!.id}/grade`, {
      grade: 5,
      effectiveOn: '2026-06-15',
      reason: '岗位等级调整',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ grade: 5, gradeSince: '2026-06-15', step: { yearsCountedInGrade: 0 } });
  });

  it('2027: one whole year counted after a March hire; no early step after one whole excellent year', async () => {
    const run = await runStep(2027);
    expect(run.stepped).toBe(0);
    expect((await gradeOf(w.midYear!.id)).step).toMatchObject({ yearsCountedInGrade: 1 });
    expect(await gradeOf(w.excellent!.id)).toMatchObject({
      grade: 3,
      step: { yearsCountedInGrade: 1, consecutiveExcellent: 1 },
    });
    expect((await gradeOf(w.newYear!.id)).step).toMatchObject({ yearsCountedInGrade: 2 });
    // 2026 was the year of the regrading: it counts for nothing.
    expect(await gradeOf(w.regraded!.id)).toMatchObject({
      grade: 5,
      step: { yearsCountedInGrade: 0, lastStepYear: 2027 },
    });
    expect(run.reasons).toMatchObject({ counted: 3, 'partial-year': 1 });
  });

  it('2028: the 1 January hire steps after 2025–2027; the excellent worker steps early', async () => {
    const run = await runStep(2028);
    expect(run).toMatchObject({ stepped: 2, reasons: { 'regular-step': 1, 'early-step': 1, counted: 2 } });
    expect(await gradeOf(w.newYear!.id)).toMatchObject({ grade: 4, gradeSince: '2028-01-01' });
    expect(await gradeOf(w.excellent!.id)).toMatchObject({
      grade: 4,
      gradeSince: '2028-01-01',
      step: { earlyStepsTaken: 1, yearsCountedInGrade: 0 },
    });
    // The rule book's example is not due yet (the old rule stepped it here).
    expect(await gradeOf(w.midYear!.id)).toMatchObject({ grade: 3, step: { yearsCountedInGrade: 2 } });
    expect((await gradeOf(w.regraded!.id)).step).toMatchObject({ yearsCountedInGrade: 1 });
  });

  it('2029: grade 3 from 2025-03-01 steps now, after 2026, 2027 and 2028; a grade from 1 January counts its year', async () => {
    const run = await runStep(2029);
    const midYear = await gradeOf(w.midYear!.id);
    expect(midYear).toMatchObject({ grade: 4, gradeSince: '2029-01-01' });
    expect(midYear.history).toEqual([
      expect.objectContaining({
        effectiveOn: '2029-01-01',
        reason: 'step',
        from: { post: 'staff', postLabel: '社区工作者', grade: 3 },
        grade: 4,
        note: 'regular-step',
        ref: 'step:2029',
      }),
    ]);
    // Stepped on 2028-01-01: 2028 was held whole in grade 4 and counts.
    expect(await gradeOf(w.newYear!.id)).toMatchObject({ grade: 4, step: { yearsCountedInGrade: 1 } });
    expect(await gradeOf(w.excellent!.id)).toMatchObject({ grade: 4, step: { consecutiveExcellent: 1 } });
    expect((await gradeOf(w.regraded!.id)).grade).toBe(5);
    expect(run).toMatchObject({ stepped: 1, reasons: { 'regular-step': 1, counted: 3 } });

    // Pay follows: December 2028 at grade 3, January 2029 at grade 4.
    const hr = await h.client('hr', 'qth');
    const december = await hr.get(`/v1/workers/${w.midYear!.id}/statements/2028-12`);
    const january = await hr.get(`/v1/workers/${w.midYear!.id}/statements/2029-01`);
    expect(december.body).toMatchObject({ grade: 3, totalFen: 310_000 + 20_000 });
    expect(january.body).toMatchObject({ grade: 4, totalFen: 325_000 + 20_000 });
  });
});
