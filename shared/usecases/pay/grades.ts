import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { GradeChangeRecord } from '#shared/db/entities/grade.ts';
import { currentIncrements } from '#shared/db/entities/stats.ts';
import { grades } from '#shared/db/grades.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { workerNotActive, workers } from '#shared/db/workers.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import {
  bandOf,
  type GradeChangeReason,
  initialStepState,
  isGradeInBand,
  type Post,
  type StepState,
} from '#shared/domain/pay.ts';
import { postGradeCounter, type StatsCounters, tally } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { conflict, unprocessable } from '#shared/errors.ts';
import { type EffectivePolicy, policyAt } from '#shared/usecases/policies.ts';
import { cachedPolicy } from '#shared/usecases/policy-cache.ts';
import { loadWorker, workerLookup, workerResource } from '#shared/usecases/workers.ts';

/**
 * Pay (三岗十八级): grades with history (here), monthly statements (`statements.ts`), the payroll
 * export (`payroll.ts`).
 *
 * Rules this module applies (docs/RULES.md, `pay`; documented for HR and workers):
 * - A month's statement uses the pay policy in effect on the month's FIRST day (a version effective
 *   mid-month applies from the next month), and the post and grade in force on the month's LAST day
 *   (a grade change — hire, step, promotion, HR setting — counts for the whole month in which it takes
 *   effect, as a certificate registered in a month earns that whole month's allowance).
 * - Grade changes can't be dated in the future nor before the worker's latest change, so the worker
 *   item always holds the grade in force today: the current month's statement is the worker item
 *   plus the (cached) policy — one DynamoDB request. Past months read the grade history (one Query).
 * - The evaluation bonus is paid on the previous year's annual evaluation (`annualGrades[year-1]`).
 * - A part month (the month of hire, transfer-in or exit; the exit date is the last day served) is
 *   paid by calendar days, line by line (`serviceInMonth`, `proratedFen` in domain/pay.ts): the
 *   statement carries the days (`service`), each line its full-month amount, and the rule in `notes`;
 *   the payroll export pays the same amounts and adds the days.
 */

// ---------------------------------------------------------------------------------------------
// Policies (hot path: cached per process, see policy-cache.ts)

/** The pay policy in force on `date` in the city of `org`. */
export function payPolicyAt(store: Store, org: string, date: string): Promise<EffectivePolicy<'pay'>> {
  const city = rootOf(org);
  return cachedPolicy(store, 'pay', `${city}|${date}`, () => policyAt(store, city, 'pay', date));
}

function moveCounters(from: { post: Post; grade: number }, to: { post: Post; grade: number }): StatsCounters {
  return tally([postGradeCounter(from.post, from.grade), -1], [postGradeCounter(to.post, to.grade), 1]);
}

// ---------------------------------------------------------------------------------------------
// Grade changes

/** The date the worker's current post and grade took effect. */
export const gradeSinceOf = (worker: WorkerRecord): string => worker.gradeSince ?? worker.hiredOn;

export interface GradeChange {
  post: Post;
  grade: number;
  effectiveOn: string;
  reason: GradeChangeReason;
  note?: string | null;
  ref?: string | null;
  /** The new step state (default: a fresh count in the new grade, see `resetStepState`). */
  step?: StepState;
  /** Further attributes to SET on the worker item in the same update (e.g. committeeRoles). */
  extraSet?: Record<string, unknown>;
  /** Also require that the yearly step of this year was not counted yet (the step run's guard). */
  stepNotCountedIn?: number;
}

/**
 * A fresh step count after a set or promotion effective in year Y: Y's 1 January step counts as done
 * (the next step is considered on 1 January Y+1, on Y's evaluation), so re-running the step job for Y
 * can't step a grade that HR has just set. Early steps taken are career-wide (at most
 * `maxEarlySteps` in total), so they carry over from `previous`.
 */
export const resetStepState = (grade: number, effectiveOn: string, previous?: StepState): StepState => ({
  ...initialStepState(grade),
  earlyStepsTaken: previous?.earlyStepsTaken ?? 0,
  lastStepYear: Number(effectiveOn.slice(0, 4)),
});

/**
 * Write ops for a change of post/grade: the worker item (guarded by its version), a grade-history
 * entry and the stock counters moved from the old (post, grade) to the new one. Nothing but the step
 * state and `extraSet` changes when post and grade stay the same.
 */
export function gradeChangeOps(ctx: RequestContext, worker: WorkerRecord, change: GradeChange): WriteOp[] {
  const changed = change.post !== worker.post || change.grade !== worker.grade;
  const nextVersion = worker.version + 1;
  const ops: WriteOp[] = [
    workers.changeGrade(
      worker,
      {
        grade: changed
          ? { post: change.post, grade: change.grade, since: change.effectiveOn, reason: change.reason }
          : null,
        step: change.step ?? resetStepState(change.grade, change.effectiveOn, worker.step),
        extraSet: change.extraSet,
        stepNotCountedIn: change.stepNotCountedIn,
        now: ctx.now.toISOString(),
      },
      () =>
        conflict('CONCURRENT_UPDATE', `Worker ${worker.id} changed meanwhile; reload and retry`, {
          workerId: worker.id,
        }),
    ),
  ];
  if (changed) {
    const record: GradeChangeRecord = {
      workerId: worker.id,
      effectiveOn: change.effectiveOn,
      post: change.post,
      grade: change.grade,
      from: { post: worker.post, grade: worker.grade },
      reason: change.reason,
      note: change.note ?? null,
      ref: change.ref ?? null,
      seq: nextVersion,
      recordedAt: ctx.now.toISOString(),
      recordedBy: ctx.actor.sub,
    };
    ops.push(grades.record(record));
    ops.push(...currentIncrements(worker.org, moveCounters(worker, change)));
  }
  return ops;
}

/**
 * Checks a change's effective date: not in the future (the worker item must always hold today's
 * grade) and not before the worker's latest change (history stays in order).
 */
export function assertEffectiveOn(worker: WorkerRecord, effectiveOn: string, today: string) {
  if (effectiveOn > today) {
    throw unprocessable(
      'EFFECTIVE_DATE_IN_FUTURE',
      `Record the change on or after the day it takes effect (today is ${today})`,
      { effectiveOn, today },
    );
  }
  const since = gradeSinceOf(worker);
  if (effectiveOn < since) {
    throw unprocessable(
      'EFFECTIVE_DATE_BEFORE_LAST_CHANGE',
      `The worker's current post and grade took effect on ${since}; a change can't be dated earlier`,
      { effectiveOn, gradeSince: since },
    );
  }
}

export function assertActive(worker: WorkerRecord) {
  if (worker.status !== 'active') throw workerNotActive(worker);
}

/** A worker's grade history, oldest first (one Query of the worker's partition). */
export const gradeHistory = (store: Store, workerId: string): Promise<GradeChangeRecord[]> =>
  grades.history(store, workerId);

export interface SetGradeInput {
  post?: Post | undefined;
  grade: number;
  effectiveOn: string;
  reason: string;
  expectedVersion?: number | undefined;
}

/** HR sets a worker's post and grade within the post's band (PUT /v1/workers/{id}/grade). */
export async function setGrade(store: Store, ctx: RequestContext, workerId: string, input: SetGradeInput) {
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'pay:write', workerResource(worker), workerLookup(worker.id));
  assertActive(worker);
  if (input.expectedVersion !== undefined && input.expectedVersion !== worker.version) {
    throw conflict('VERSION_MISMATCH', `Worker ${workerId} is at version ${worker.version}`, {
      version: worker.version,
    });
  }
  const today = shanghaiDate(ctx.now);
  assertEffectiveOn(worker, input.effectiveOn, today);
  const post = input.post ?? worker.post;
  const policy = await payPolicyAt(store, worker.org, input.effectiveOn);
  if (!isGradeInBand(post, input.grade, policy.document)) {
    const band = bandOf(post, policy.document);
    throw unprocessable(
      'GRADE_OUTSIDE_BAND',
      `Grade ${input.grade} is outside the ${post} band ${band.min}–${band.max} (${policy.version})`,
      { post, grade: input.grade, band, policyVersion: policy.version },
    );
  }
  if (post === worker.post && input.grade === worker.grade) {
    throw unprocessable('GRADE_UNCHANGED', `Worker ${workerId} is already ${post} grade ${input.grade}`, {
      post,
      grade: input.grade,
    });
  }
  const ops = gradeChangeOps(ctx, worker, {
    post,
    grade: input.grade,
    effectiveOn: input.effectiveOn,
    reason: 'set',
    note: input.reason,
  });
  await store.transact(ctx, ops, [
    {
      entity: `worker:${worker.id}`,
      org: worker.org,
      action: 'worker.grade-set',
      before: { post: worker.post, grade: worker.grade, gradeSince: gradeSinceOf(worker) },
      after: { post, grade: input.grade, gradeSince: input.effectiveOn, reason: input.reason },
    },
  ]);
  return getGrade(store, ctx, workerId);
}

/** Current post and grade with band, step state and history (HR in the subtree, the worker). */
export async function getGrade(store: Store, ctx: RequestContext, workerId: string) {
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'pay:read', workerResource(worker), workerLookup(worker.id));
  const today = shanghaiDate(ctx.now);
  const [history, policy] = await Promise.all([
    gradeHistory(store, workerId),
    payPolicyAt(store, worker.org, today),
  ]);
  return {
    workerId: worker.id,
    name: worker.name,
    org: worker.org,
    status: worker.status,
    post: worker.post,
    grade: worker.grade,
    band: bandOf(worker.post, policy.document),
    gradeSince: gradeSinceOf(worker),
    committeeRoles: worker.committeeRoles ?? [],
    step: worker.step,
    payPolicyVersion: policy.version,
    history: history.map(({ workerId: _w, seq: _s, ...entry }) => entry),
    version: worker.version,
  };
}
