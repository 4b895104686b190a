import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { isValidIsoDate } from './dates.ts';
import { type EvaluationGrade, isGradeAtLeast } from './evaluation.ts';
import { assertInBand, bandOf, gradeNo, type PayPolicy, type Post } from './pay-policy.ts';

/** The yearly step on 1 January (薪级晋升): whole years held in the grade, evaluations, early steps. */

export interface StepState {
  grade: number;
  /** Full years counted in the current grade since the last step (or since a reset). */
  yearsCountedInGrade: number;
  consecutiveExcellent: number;
  /** Early steps taken in total (career-wide, capped by policy.step.maxEarlySteps). */
  earlyStepsTaken: number;
  /** The last year whose 1 January step was applied (whether or not the grade changed). */
  lastStepYear?: number;
}

export const stepStateSchema = z.object({
  grade: gradeNo,
  yearsCountedInGrade: z.int().min(0),
  consecutiveExcellent: z.int().min(0),
  earlyStepsTaken: z.int().min(0),
  lastStepYear: z.int().optional(),
});

export type StepReason =
  | 'already-applied'
  | 'out-of-order'
  | 'no-evaluation'
  | 'count-reset'
  | 'partial-year'
  | 'counted'
  | 'regular-step'
  | 'early-step'
  | 'top-of-band';

export interface StepOutcome {
  state: StepState;
  stepped: boolean;
  reason: StepReason;
}

/** A fresh state for a grade (hire, transfer, promotion). */
export const initialStepState = (grade: number): StepState => ({
  grade,
  yearsCountedInGrade: 0,
  consecutiveExcellent: 0,
  earlyStepsTaken: 0,
});

/**
 * Whether `year` was held whole in a grade taken on `gradeSince`: the grade was held from that
 * year's 1 January. The year of hire, transfer-in or grade change does not count, unless the change
 * took effect on 1 January itself (a step, or a hire on that day).
 */
export const heldWholeYear = (gradeSince: string, year: number): boolean => gradeSince <= `${year}-01-01`;

/**
 * The step on 1 January of `year`, looking at the annual evaluation of `year - 1`.
 * `annualGrades` is either that one grade or the worker's annual history (year-1 is picked out).
 * `gradeSince` is the date the current grade took effect (hire, transfer-in, step, setting, promotion).
 *
 * - year-1 not held whole in the grade (`heldWholeYear`): it counts for nothing, neither towards
 *   `yearsInGrade` nor towards the excellent run, whatever its evaluation ('partial-year'). Grade 3
 *   from 2025-03-01, competent every year: 2026, 2027, 2028 count → step on 2029-01-01.
 * - year-1 at least `minGrade` (default 称职; 优秀 counts too): +1 year counted; an excellent year
 *   also extends the excellent run, anything else ends it.
 * - year-1 below `minGrade` (不称职, and by default 基本称职): the count and the excellent run reset.
 * - count reaches `yearsInGrade` → +1 grade ('regular-step'); otherwise `earlyStepAfterExcellentYears`
 *   consecutive excellent years → +1 grade ('early-step') while fewer than `maxEarlySteps` were taken.
 *   When both are due the regular step is used (it does not spend an early step). At most one step
 *   a year; any step resets both the count and the excellent run (years count in the current grade).
 * - at the top of the post's band there is no step: the year is still counted, reason 'top-of-band'.
 * - no evaluation for year-1: nothing changes and lastStepYear is not set, so the step can be run
 *   once the evaluation is recorded ('no-evaluation').
 * - `lastStepYear === year` → 'already-applied'; `year < lastStepYear` → 'out-of-order'; the state
 *   is returned unchanged. Every other outcome sets lastStepYear = year.
 */
export function yearlyStep(
  state: StepState,
  annualGrades: EvaluationGrade | readonly { year: number; grade: EvaluationGrade }[],
  year: number,
  post: Post,
  policy: PayPolicy,
  gradeSince: string,
): StepOutcome {
  const parsed = stepStateSchema.safeParse(state);
  if (!parsed.success)
    throw badRequest('Invalid step state', z.flattenError(parsed.error), 'INVALID_STEP_STATE');
  if (!isValidIsoDate(gradeSince))
    throw badRequest(`gradeSince must be a date YYYY-MM-DD (got ${gradeSince})`, { gradeSince });
  assertInBand(post, state.grade, policy);
  if (state.lastStepYear !== undefined) {
    if (state.lastStepYear === year) return { state, stepped: false, reason: 'already-applied' };
    if (year < state.lastStepYear) return { state, stepped: false, reason: 'out-of-order' };
  }
  if (!heldWholeYear(gradeSince, year - 1)) {
    return { state: { ...state, lastStepYear: year }, stepped: false, reason: 'partial-year' };
  }

  const previous =
    typeof annualGrades === 'string'
      ? annualGrades
      : annualGrades.filter((a) => a.year === year - 1).at(-1)?.grade;
  if (previous === undefined) return { state, stepped: false, reason: 'no-evaluation' };

  const rules = policy.step;
  if (!isGradeAtLeast(previous, rules.minGrade)) {
    return {
      state: { ...state, yearsCountedInGrade: 0, consecutiveExcellent: 0, lastStepYear: year },
      stepped: false,
      reason: 'count-reset',
    };
  }

  const counted: StepState = {
    ...state,
    yearsCountedInGrade: state.yearsCountedInGrade + 1,
    consecutiveExcellent: previous === 'excellent' ? state.consecutiveExcellent + 1 : 0,
    lastStepYear: year,
  };
  if (state.grade >= bandOf(post, policy).max)
    return { state: counted, stepped: false, reason: 'top-of-band' };

  const stepped = (early: boolean): StepOutcome => ({
    state: {
      ...counted,
      grade: state.grade + 1,
      yearsCountedInGrade: 0,
      consecutiveExcellent: 0,
      earlyStepsTaken: counted.earlyStepsTaken + (early ? 1 : 0),
    },
    stepped: true,
    reason: early ? 'early-step' : 'regular-step',
  });
  if (counted.yearsCountedInGrade >= rules.yearsInGrade) return stepped(false);
  if (
    counted.consecutiveExcellent >= rules.earlyStepAfterExcellentYears &&
    counted.earlyStepsTaken < rules.maxEarlySteps
  ) {
    return stepped(true);
  }
  return { state: counted, stepped: false, reason: 'counted' };
}
