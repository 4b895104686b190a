import { describe, expect, it } from 'vitest';
import type { GradeChangeRecord } from '#shared/db/entities/grade.ts';
import type { HonourCycleRecord } from '#shared/db/entities/honour.ts';
import type { Store } from '#shared/db/store.ts';
import { careersSection } from '#shared/usecases/careers-stats.ts';
import { quotaOrgFor } from '#shared/usecases/honours.ts';
import { gradeInForce } from '#shared/usecases/pay/statements.ts';
import { cachedPolicy, invalidatePolicyCache } from '#shared/usecases/policy-cache.ts';
import { normaliseRole } from '#shared/usecases/promotions.ts';
import { gradeCounters } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

const worker = (over: Partial<WorkerRecord> = {}) =>
  ({ id: 'w1', post: 'deputy', grade: 6, hiredOn: '2024-03-01', ...over }) as WorkerRecord;

const change = (
  effectiveOn: string,
  post: 'staff' | 'deputy',
  grade: number,
  from: GradeChangeRecord['from'],
) => ({ workerId: 'w1', effectiveOn, post, grade, from, reason: 'set', seq: 1 }) as GradeChangeRecord;

describe('grade in force on a date', () => {
  const history = [
    change('2025-01-01', 'staff', 4, { post: 'staff', grade: 3 }),
    change('2026-04-15', 'deputy', 6, { post: 'staff', grade: 4 }),
  ];

  it('is the last change effective on or before the date', () => {
    expect(gradeInForce(worker(), history, '2026-04-30')).toMatchObject({
      post: 'deputy',
      grade: 6,
      effectiveOn: '2026-04-15',
    });
    expect(gradeInForce(worker(), history, '2026-04-14')).toMatchObject({ post: 'staff', grade: 4 });
    expect(gradeInForce(worker(), history, '2025-01-01')).toMatchObject({ grade: 4 });
  });

  it("falls back to the first change's previous grade (the hire), or the worker item without history", () => {
    expect(gradeInForce(worker(), history, '2024-12-31')).toEqual({
      post: 'staff',
      grade: 3,
      effectiveOn: '2024-03-01',
      reason: 'hire',
    });
    expect(
      gradeInForce(worker({ gradeSince: '2024-05-01', gradeReason: 'promotion' }), [], '2024-12-31'),
    ).toEqual({
      post: 'deputy',
      grade: 6,
      effectiveOn: '2024-05-01',
      reason: 'promotion',
    });
  });
});

describe('careers stats section', () => {
  it('groups the stock by post and grade and the year by committee, role and honour', () => {
    const section = careersSection(
      {
        promotions_party_member: 8,
        promotions_party_head: 2,
        promotions_total: 10,
        nominations_outstanding_party_member: 12,
        awards_outstanding_party_member: 12,
        nominations_total: 51,
        awards_total: 27,
        grade_steps_regular: 3,
      },
      { ...gradeCounters('staff', 3, 5), ...gradeCounters('principal', 9, 2), post_staff_grade_4: 1 },
    ).careers;
    expect(section.workersByPostAndGrade).toEqual({
      principal: { total: 2, byGrade: { '9': 2 } },
      deputy: { total: 0, byGrade: {} },
      staff: { total: 6, byGrade: { '3': 5, '4': 1 } },
    });
    expect(section.promotions.party).toEqual({ member: 8, deputy: 0, head: 2, total: 10 });
    expect(section.promotions.total).toBe(10);
    expect(section.honours.byType['outstanding-party-member']).toEqual({ nominations: 12, awards: 12 });
    expect(section.honours).toMatchObject({ nominations: 51, awards: 27 });
    expect(section.gradeSteps).toEqual({ regular: 3, early: 0 });
  });
});

describe('promotion roles and honour quotas', () => {
  it("maps secretary / director to the committee's head and refuses the other committee's title", () => {
    expect(normaliseRole('party', 'secretary')).toBe('head');
    expect(normaliseRole('residents', 'director')).toBe('head');
    expect(normaliseRole('residents', 'member')).toBe('member');
    expect(() => normaliseRole('residents', 'secretary')).toThrow(/director/);
  });

  it('takes the seat of the nearest enclosing quota org unit', () => {
    const cycle = {
      quotas: [
        { org: 'qth', seats: 5 },
        { org: 'qth/xinxing', seats: 2 },
      ],
    } as HonourCycleRecord;
    expect(quotaOrgFor(cycle, 'qth/xinxing/hongqi/c1')).toBe('qth/xinxing');
    expect(quotaOrgFor(cycle, 'qth/xinxing')).toBe('qth/xinxing');
    expect(quotaOrgFor(cycle, 'qth/xinxingx')).toBe('qth');
    expect(quotaOrgFor(cycle, 'abc/x')).toBeUndefined();
  });
});

describe('policy cache', () => {
  it('loads once per (store, kind, date) until invalidated, and does not keep failures', async () => {
    const store = {} as Store;
    let loads = 0;
    const load = async () => ++loads;
    expect(await cachedPolicy(store, 'pay', '2026-03-01', load)).toBe(1);
    expect(await cachedPolicy(store, 'pay', '2026-03-01', load)).toBe(1);
    expect(await cachedPolicy(store, 'pay', '2026-04-01', load)).toBe(2);
    expect(await cachedPolicy({} as Store, 'pay', '2026-03-01', load)).toBe(3);
    invalidatePolicyCache('quota');
    expect(await cachedPolicy(store, 'pay', '2026-03-01', load)).toBe(1);
    invalidatePolicyCache('pay');
    expect(await cachedPolicy(store, 'pay', '2026-03-01', load)).toBe(4);

    const failing = () => Promise.reject(new Error('throttled'));
    await expect(cachedPolicy(store, 'honours', '2026-03-01', failing)).rejects.toThrow('throttled');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cachedPolicy(store, 'honours', '2026-03-01', async () => 'ok')).toBe('ok');
  });
});
