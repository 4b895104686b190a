import { postNames } from '#shared/domain/vocabulary.ts';
import { authorize } from '#shared/auth/authorize.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import { toCsv } from '#shared/csv.ts';
import {
  type GradeChangeRecord,
  gradeChangeItem,
  gradeKeys,
  toGradeChange,
} from '#shared/db/entities/grade.ts';
import { orgUnitKeys } from '#shared/db/entities/org-unit.ts';
import { currentIncrements } from '#shared/db/entities/stats.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { workerNotActive } from '#shared/db/workers.ts';
import { monthRange, shanghaiDate } from '#shared/domain/dates.ts';
import type { EvaluationGrade } from '#shared/domain/evaluation.ts';
import {
  bandOf,
  initialStepState,
  isGradeInBand,
  type MonthlyStatement,
  monthlyStatement,
  PART_MONTH_RULE,
  type PayPolicy,
  type Post,
  type StepState,
  serviceInMonth,
  type GradeChangeReason,
} from '#shared/domain/pay.ts';
import { conflict, notFound, unprocessable } from '#shared/errors.ts';
import { type EffectivePolicy, policyAt } from '#shared/usecases/policies.ts';
import { cachedPolicy } from '#shared/usecases/policy-cache.ts';
import { loadWorker, workerResource, workerLookup } from '#shared/usecases/workers.ts';
import { postGradeCounter, type StatsCounters, tally } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * Pay (三岗十八级): grades with history, monthly statements, the payroll export.
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
  /** Extra condition on the worker item, ANDed with the version check. */
  extraCondition?: { expression: string; values: Record<string, unknown> };
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
  const values: Record<string, unknown> = {
    ':version': worker.version,
    ':one': 1,
    ':now': ctx.now.toISOString(),
    ':step': change.step ?? resetStepState(change.grade, change.effectiveOn, worker.step),
  };
  const names: Record<string, string> = {};
  const sets = ['updatedAt = :now', 'version = version + :one', 'step = :step'];
  if (changed) {
    values[':post'] = change.post;
    values[':grade'] = change.grade;
    values[':since'] = change.effectiveOn;
    values[':reason'] = change.reason;
    sets.push('post = :post', 'grade = :grade', 'gradeSince = :since', 'gradeReason = :reason');
  }
  Object.entries(change.extraSet ?? {}).forEach(([field, value], i) => {
    names[`#x${i}`] = field;
    values[`:x${i}`] = value;
    sets.push(`#x${i} = :x${i}`);
  });
  let condition = 'version = :version';
  if (change.extraCondition) {
    condition += ` AND (${change.extraCondition.expression})`;
    Object.assign(values, change.extraCondition.values);
  }
  const ops: WriteOp[] = [
    {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
      onConditionFailed: () =>
        conflict('CONCURRENT_UPDATE', `Worker ${worker.id} changed meanwhile; reload and retry`, {
          workerId: worker.id,
        }),
    },
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
    ops.push({ Put: { Item: gradeChangeItem(record), ConditionExpression: 'attribute_not_exists(pk)' } });
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
export async function gradeHistory(store: Store, workerId: string): Promise<GradeChangeRecord[]> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': gradeKeys.pk(workerId), ':prefix': gradeKeys.prefix },
  });
  return items.map(toGradeChange);
}

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

// ---------------------------------------------------------------------------------------------
// Payroll export

const PAYROLL_HEADER = [
  'month',
  'worker_id',
  'name',
  'org',
  'post',
  'grade',
  'base_fen',
  'post_allowance_fen',
  'certificate_allowance_fen',
  'evaluation_bonus_fen',
  'total_fen',
  'policy_version',
  'status',
  'partial_month',
  'days_served',
  'days_in_month',
];

const HISTORY_CONCURRENCY = 8;

/** Every worker of `status` under `org` (ByCollection over the subtree range, all pages). */
export async function workersUnder(store: Store, org: string, status: 'active' | 'exited') {
  const items = await store.queryAll(subtreeQuery(workerKeys.byStatus(org, status), org));
  return items.map(toWorker);
}

/**
 * The payroll of `month` for an org subtree: the statement of every worker employed in the month
 * (active workers hired by its end, plus workers who left during it), by org path.
 */
export async function payrollStatements(store: Store, ctx: RequestContext, org: string, month: string) {
  authorize(ctx.actor, 'pay:read', { org });
  const today = shanghaiDate(ctx.now);
  if (month > today.slice(0, 7)) {
    throw unprocessable('MONTH_IN_FUTURE', `There is no payroll for ${month} yet`, { month, today });
  }
  if (!(await store.get(orgUnitKeys.key(org)))) throw notFound('org unit', org);
  const { from, to } = monthRange(month);
  const [active, exited, policy] = await Promise.all([
    workersUnder(store, org, 'active'),
    workersUnder(store, org, 'exited'),
    payPolicyAt(store, org, from),
  ]);
  const employed = [...active, ...exited]
    .filter((w) => w.hiredOn <= to && (!w.exit || w.exit.effectiveOn >= from))
    .sort((a, b) => (a.org === b.org ? (a.id < b.id ? -1 : 1) : a.org < b.org ? -1 : 1));
  const statements: Statement[] = new Array(employed.length);
  let next = 0;
  const worker = async () => {
    while (next < employed.length) {
      const i = next++;
      const w = employed[i]!;
      const inForce: GradeInForce = currentGradeCovers(w, month, today)
        ? { post: w.post, grade: w.grade, effectiveOn: gradeSinceOf(w), reason: w.gradeReason ?? 'hire' }
        : gradeInForce(w, await gradeHistory(store, w.id), to);
      statements[i] = buildStatement(w, month, inForce, policy);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HISTORY_CONCURRENCY, employed.length) }, worker));
  return { employed, statements };
}

/** The amount of one statement line (0 when the statement has no such line). */
export const lineAmount = (s: Statement, code: string) =>
  s.lines.find((l) => l.code === code)?.amountFen ?? 0;

/**
 * Payroll CSV for `month` and an org subtree, for systems: one row per worker employed in the
 * month, amounts in fen, codes, header row first (the office spreadsheets: `payrollExport`).
 */
export async function payrollCsv(store: Store, ctx: RequestContext, org: string, month: string) {
  const { employed, statements } = await payrollStatements(store, ctx, org, month);
  const amount = lineAmount;
  const rows = statements.map((s, i) => [
    month,
    s.workerId,
    s.name,
    s.org,
    s.post,
    s.grade,
    amount(s, 'base'),
    amount(s, 'post-allowance'),
    amount(s, 'certificate-allowance'),
    amount(s, 'evaluation-bonus'),
    s.totalFen,
    s.policy.version,
    employed[i]!.status,
    s.partialMonth ? 'yes' : 'no',
    s.service.daysServed,
    s.service.daysInMonth,
  ]);
  return {
    filename: `payroll-${org.replace(/\//g, '_')}-${month}.csv`,
    csv: toCsv(PAYROLL_HEADER, rows),
    count: rows.length,
    totalFen: statements.reduce((sum, s) => sum + s.totalFen, 0),
  };
}
