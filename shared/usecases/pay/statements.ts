import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { GradeChangeRecord } from '#shared/db/entities/grade.ts';
import type { Store } from '#shared/db/store.ts';
import { monthRange, shanghaiDate } from '#shared/domain/dates.ts';
import type { EvaluationGrade } from '#shared/domain/evaluation.ts';
import {
  bandOf,
  type GradeChangeReason,
  isGradeInBand,
  type MonthlyStatement,
  monthlyStatement,
  PART_MONTH_RULE,
  type PayPolicy,
  type Post,
  serviceInMonth,
} from '#shared/domain/pay.ts';
import { postNames } from '#shared/domain/vocabulary.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { unprocessable } from '#shared/errors.ts';
import { gradeHistory, gradeSinceOf, payPolicyAt } from '#shared/usecases/pay/grades.ts';
import type { EffectivePolicy } from '#shared/usecases/policies.ts';
import { loadWorker, workerLookup, workerResource } from '#shared/usecases/workers.ts';

/** Monthly pay statements (rules: see `pay/grades.ts` and docs/RULES.md, `pay`). */

// ---------------------------------------------------------------------------------------------
// Statements

export interface GradeInForce {
  post: Post;
  grade: number;
  effectiveOn: string;
  reason: GradeChangeReason;
}

/** The post and grade in force on `date` (the last change effective on or before it). */
export function gradeInForce(worker: WorkerRecord, history: GradeChangeRecord[], date: string): GradeInForce {
  let found: GradeChangeRecord | undefined;
  for (const entry of history) if (entry.effectiveOn <= date) found = entry;
  if (found)
    return { post: found.post, grade: found.grade, effectiveOn: found.effectiveOn, reason: found.reason };
  const first = history[0];
  if (first?.from)
    return { post: first.from.post, grade: first.from.grade, effectiveOn: worker.hiredOn, reason: 'hire' };
  if (first)
    return { post: first.post, grade: first.grade, effectiveOn: first.effectiveOn, reason: first.reason };
  return {
    post: worker.post,
    grade: worker.grade,
    effectiveOn: gradeSinceOf(worker),
    reason: worker.gradeReason ?? 'hire',
  };
}

export interface Statement extends MonthlyStatement {
  workerId: string;
  name: string;
  org: string;
  post: Post;
  grade: number;
  band: { min: number; max: number };
  /** Why this grade: the change in force on the month's last day. */
  gradeBasis: { effectiveOn: string; reason: string };
  policy: { kind: 'pay'; version: string; effectiveFrom: string };
  /** The annual evaluation the bonus line looks at (null when none is recorded). */
  evaluation: { year: number; grade: EvaluationGrade } | null;
  currency: 'CNY';
  unit: 'fen';
  /** Hired, transferred in or left during the month: amounts are paid by days (see `service`). */
  partialMonth: boolean;
  notes: string[];
}

/** Refuses months the worker was not employed in, or that have not begun. */
export function assertStatementMonth(worker: WorkerRecord, month: string, today: string) {
  const { from, to } = monthRange(month);
  if (month > today.slice(0, 7)) {
    throw unprocessable('MONTH_IN_FUTURE', `There is no statement for ${month} yet`, { month, today });
  }
  if (worker.hiredOn > to || (worker.exit && worker.exit.effectiveOn < from)) {
    throw unprocessable('NOT_EMPLOYED_IN_MONTH', `Worker ${worker.id} was not employed in ${month}`, {
      month,
      hiredOn: worker.hiredOn,
      exitedOn: worker.exit?.effectiveOn ?? null,
    });
  }
}

/** Whether the worker item alone answers `month` (no grade change took effect after it). */
export const currentGradeCovers = (worker: WorkerRecord, month: string, today: string): boolean =>
  month === today.slice(0, 7) || gradeSinceOf(worker) <= monthRange(month).to;

/** The statement of `month` given the grade in force then and the policy of the month's first day. */
export function buildStatement(
  worker: WorkerRecord,
  month: string,
  inForce: GradeInForce,
  policy: EffectivePolicy<'pay'>,
): Statement {
  const notes: string[] = [];
  const year = Number(month.slice(0, 4));
  const service = serviceInMonth(month, worker.hiredOn, worker.exit?.effectiveOn ?? null);
  if (service.partial) notes.push(PART_MONTH_RULE);
  const evaluationGrade = worker.annualGrades?.[String(year - 1)];
  let document: PayPolicy = policy.document;
  if (!isGradeInBand(inForce.post, inForce.grade, document)) {
    // A later policy may have narrowed the band; pay is still due on the grade held.
    const band = bandOf(inForce.post, document);
    notes.push(
      `${inForce.grade} 级不在${postNames[inForce.post]}岗位等级范围 ${band.min}–${band.max} 级内（${policy.version}），按现聘等级计发`,
    );
    document = {
      ...document,
      bands: {
        ...document.bands,
        [inForce.post]: { min: Math.min(band.min, inForce.grade), max: Math.max(band.max, inForce.grade) },
      },
    };
  }
  const statement = monthlyStatement(
    {
      post: inForce.post,
      grade: inForce.grade,
      certificates: worker.certificates ?? [],
      ...(evaluationGrade ? { evaluationGrade, evaluationYear: year - 1 } : {}),
      service,
    },
    month,
    document,
  );
  return {
    workerId: worker.id,
    name: worker.name,
    org: worker.org,
    month,
    post: inForce.post,
    grade: inForce.grade,
    band: bandOf(inForce.post, policy.document),
    gradeBasis: { effectiveOn: inForce.effectiveOn, reason: inForce.reason },
    policy: { kind: 'pay', version: policy.version, effectiveFrom: policy.effectiveFrom },
    evaluation: evaluationGrade ? { year: year - 1, grade: evaluationGrade } : null,
    lines: statement.lines,
    totalFen: statement.totalFen,
    currency: 'CNY',
    unit: 'fen',
    service: statement.service,
    partialMonth: service.partial,
    notes,
  };
}

async function statementOf(store: Store, worker: WorkerRecord, month: string, today: string) {
  assertStatementMonth(worker, month, today);
  const { from, to } = monthRange(month);
  const [inForce, policy] = await Promise.all([
    currentGradeCovers(worker, month, today)
      ? Promise.resolve<GradeInForce>({
          post: worker.post,
          grade: worker.grade,
          effectiveOn: gradeSinceOf(worker),
          reason: worker.gradeReason ?? 'hire',
        })
      : gradeHistory(store, worker.id).then((history) => gradeInForce(worker, history, to)),
    payPolicyAt(store, worker.org, from),
  ]);
  return buildStatement(worker, month, inForce, policy);
}

/** GET /v1/workers/{id}/statements/{month}: HR in the subtree, or the worker themself. */
export async function getStatement(store: Store, ctx: RequestContext, workerId: string, month: string) {
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'pay:read', workerResource(worker), workerLookup(worker.id));
  return statementOf(store, worker, month, shanghaiDate(ctx.now));
}

/**
 * GET /v1/me/statements/{month}. The current month costs one GetItem (the worker item) on a warm
 * process: the policy comes from the cache, and the worker item holds today's grade.
 */
export async function getMyStatement(store: Store, ctx: RequestContext, month: string) {
  const workerId = ctx.actor.workerId;
  if (!workerId) {
    throw unprocessable('NO_WORKER_RECORD', 'Your sign-in is not linked to a worker record', {
      role: ctx.actor.role,
    });
  }
  return getStatement(store, ctx, workerId, month);
}
