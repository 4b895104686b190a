import { describe, expect, it } from 'vitest';
import { exitDateProblem, exitSituation, exitSituationCodes, exitSituations } from '#shared/domain/exits.ts';

describe('exit situations', () => {
  it('has the six situations of the rule book, numbered 1..6 with stable codes', () => {
    expect(exitSituations.map((s) => s.situation)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(exitSituationCodes).toEqual([
      'failed-evaluation',
      'unable-after-training',
      'discipline',
      'law',
      'resignation-or-non-renewal',
      'retirement-or-health',
    ]);
    for (const s of exitSituations) expect(s.zh.length).toBeGreaterThan(0);
  });

  it('finds a situation by number or code', () => {
    expect(exitSituation(5)?.code).toBe('resignation-or-non-renewal');
    expect(exitSituation('law')?.situation).toBe(4);
    expect(exitSituation(0)).toBeUndefined();
    expect(exitSituation(7)).toBeUndefined();
    expect(exitSituation('fired')).toBeUndefined();
  });
});

describe('exit dates', () => {
  it('accepts dates from the hire day to today', () => {
    expect(exitDateProblem('2026-03-01', '2026-03-01', '2026-06-10')).toBeNull();
    expect(exitDateProblem('2026-06-10', '2026-03-01', '2026-06-10')).toBeNull();
  });

  it('refuses an exit before the hire or after today', () => {
    expect(exitDateProblem('2026-02-28', '2026-03-01', '2026-06-10')?.code).toBe('EXIT_BEFORE_HIRE');
    expect(exitDateProblem('2026-06-11', '2026-03-01', '2026-06-10')?.code).toBe('EXIT_DATE_IN_FUTURE');
  });
});
