/**
 * When a worker's next regular grade step (1 January) falls, as shown on 我的: the pay policy's step
 * rule (`step.yearsInGrade` whole calendar years in the grade, each at least `step.minGrade`)
 * projected forward from the worker's step state, assuming every coming year counts. An early step
 * (consecutive 优秀 years) can come sooner; a year below `minGrade` resets the count (see
 * `yearlyStep` in pay.ts, which this mirrors).
 */
import { badRequest } from '../errors.ts';
import { isValidIsoDate } from './dates.ts';
import { bandOf, heldWholeYear, type PayPolicy, type Post, type StepState } from './pay.ts';

export type NextStep =
  | {
      /** 1 January of the step year ('YYYY-MM-DD'). */
      on: string;
      /** Whole years still to be counted (each at least `minGrade`) before that step. */
      yearsToCount: number;
      yearsInGrade: number;
      minGrade: PayPolicy['step']['minGrade'];
      grade: number;
    }
  | { on: null; reason: 'top-of-band' };

export function nextRegularStep(
  state: StepState,
  post: Post,
  policy: PayPolicy,
  /** The date the current grade took effect (hire, transfer-in, step, setting, promotion). */
  gradeSince: string,
  today: string,
): NextStep {
  if (!isValidIsoDate(gradeSince) || !isValidIsoDate(today))
    throw badRequest(`dates must be YYYY-MM-DD (got ${gradeSince}, ${today})`, { gradeSince, today });
  if (state.grade >= bandOf(post, policy).max) return { on: null, reason: 'top-of-band' };
  const rules = policy.step;
  const thisYear = Number(today.slice(0, 4));
  // The first 1 January whose step has not been applied: this year's while it is still pending
  // (e.g. waiting for last year's evaluation), never one before the grade was taken.
  const firstRun = Math.max(
    state.lastStepYear !== undefined ? state.lastStepYear + 1 : thisYear,
    thisYear,
    Number(gradeSince.slice(0, 4)) + 1,
  );
  const yearsToCount = Math.max(1, rules.yearsInGrade - state.yearsCountedInGrade);
  let counted = 0;
  let year = firstRun;
  // Each 1 January counts the previous year when it was held whole in the grade.
  for (; ; year++) {
    if (heldWholeYear(gradeSince, year - 1)) counted++;
    if (counted >= yearsToCount) break;
  }
  return {
    on: `${year}-01-01`,
    yearsToCount,
    yearsInGrade: rules.yearsInGrade,
    minGrade: rules.minGrade,
    grade: state.grade + 1,
  };
}
