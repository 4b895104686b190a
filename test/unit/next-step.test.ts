import { describe, expect, it } from 'vitest';
import { nextRegularStep } from '#shared/domain/next-step.ts';
import {
  defaultPayPolicy,
  initialStepState,
  type PayPolicy,
  type StepState,
  yearlyStep,
} from '#shared/domain/pay.ts';

/** The first 1 January on which `yearlyStep` steps, every year evaluated 称职 from now on. */
function simulatedStep(state: StepState, gradeSince: string, fromYear: number, policy = defaultPayPolicy) {
  let s = state;
  for (let year = fromYear; year < fromYear + 20; year++) {
    const outcome = yearlyStep(s, 'competent', year, 'staff', policy, gradeSince);
    if (outcome.stepped) return `${year}-01-01`;
    s = outcome.state;
  }
  return null;
}

describe('nextRegularStep', () => {
  it('counts only whole years held in the grade: grade taken 2025-03-01 → step on 2029-01-01', () => {
    const next = nextRegularStep(initialStepState(3), 'staff', defaultPayPolicy, '2025-03-01', '2025-06-10');
    expect(next).toEqual({
      on: '2029-01-01',
      yearsToCount: 3,
      yearsInGrade: 3,
      minGrade: 'competent',
      grade: 4,
    });
  });

  it('a grade taken on 1 January counts that year', () => {
    const next = nextRegularStep(initialStepState(3), 'staff', defaultPayPolicy, '2026-01-01', '2026-11-30');
    expect(next.on).toBe('2029-01-01');
  });

  it('years already counted bring it closer; a pending step this year is this year', () => {
    const state: StepState = { ...initialStepState(5), yearsCountedInGrade: 1, lastStepYear: 2026 };
    expect(nextRegularStep(state, 'staff', defaultPayPolicy, '2024-01-01', '2026-05-01').on).toBe(
      '2028-01-01',
    );
    const pending: StepState = { ...initialStepState(5), yearsCountedInGrade: 2, lastStepYear: 2025 };
    expect(nextRegularStep(pending, 'staff', defaultPayPolicy, '2023-01-01', '2026-03-01').on).toBe(
      '2026-01-01',
    );
  });

  it('follows the policy version’s step rule', () => {
    const policy: PayPolicy = { ...defaultPayPolicy, step: { ...defaultPayPolicy.step, yearsInGrade: 2 } };
    const next = nextRegularStep(initialStepState(3), 'staff', policy, '2026-01-01', '2026-11-30');
    expect(next).toMatchObject({ on: '2028-01-01', yearsInGrade: 2 });
  });

  it('no step at the top of the post’s band', () => {
    const top = initialStepState(defaultPayPolicy.bands.staff.max);
    expect(nextRegularStep(top, 'staff', defaultPayPolicy, '2020-01-01', '2026-11-30')).toEqual({
      on: null,
      reason: 'top-of-band',
    });
  });

  it('agrees with yearlyStep run year by year', () => {
    const cases: [StepState, string, string][] = [
      [initialStepState(3), '2025-03-01', '2025-06-10'],
      [initialStepState(1), '2026-01-01', '2026-02-01'],
      [{ ...initialStepState(4), yearsCountedInGrade: 2, lastStepYear: 2026 }, '2023-07-01', '2026-09-09'],
      [{ ...initialStepState(4), yearsCountedInGrade: 1, lastStepYear: 2025 }, '2023-07-01', '2026-02-01'],
    ];
    for (const [state, since, today] of cases) {
      const fromYear = state.lastStepYear !== undefined ? state.lastStepYear + 1 : Number(today.slice(0, 4));
      expect(nextRegularStep(state, 'staff', defaultPayPolicy, since, today).on).toBe(
        simulatedStep(state, since, fromYear),
      );
    }
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() =>
      nextRegularStep(initialStepState(3), 'staff', defaultPayPolicy, '2026-13-01', '2026-01-01'),
    ).toThrow();
  });
});
