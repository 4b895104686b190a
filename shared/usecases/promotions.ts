import { authorize } from '#shared/auth/authorize.ts';
import { isWithinSubtree } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import {
  type PromotionRecord,
  type ReservePoolEntry,
  reservePoolKeys,
} from '#shared/db/entities/promotion.ts';
import { withoutKeys } from '#shared/db/items.ts';
import { statsIncrements } from '#shared/db/entities/stats.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { gradePayFen, isGradeInBand, type PayPolicy } from '#shared/domain/pay.ts';
import { type Committee, type CommitteeRole, promotionOutcome } from '#shared/domain/promotion.ts';
import { conflict, notFound, unprocessable } from '#shared/errors.ts';
import {
  assertActive,
  assertEffectiveOn,
  gradeChangeOps,
  payPolicyAt,
  resetStepState,
} from '#shared/usecases/pay.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { loadWorker, workerResource, workerLookup } from '#shared/usecases/workers.ts';
import type { CommitteeSeat } from '#shared/domain/workers.ts';
import { newId } from '#shared/db/ids.ts';
import { workers } from '#shared/db/workers.ts';
import {
  enterReservePoolOp,
  leaveReservePoolOp,
  notInReservePoolCheck,
  promotionsOf,
  recordPromotionOp,
  reservePoolPage,
} from '#shared/db/promotions.ts';
import { promotionsCounter, tally } from '#shared/domain/stats-counters.ts';

/**
 * Promotion into the two committees (两委) and the reserve pool (后备力量) it draws from.
 *
 * - Role → post and the pay-never-drops grade mapping: `promotionOutcome` (domain/promotion.ts),
 *   under the pay and promotion policies in effect on the promotion's effective date. A role below
 *   the current post is refused (422 NOT_A_PROMOTION); a new band that can't match today's base pay
 *   + post allowance is refused (422 PAY_WOULD_DROP) rather than silently lowering pay.
 * - 'secretary' (书记) and 'director' (主任) are accepted as the head role of the party and residents'
 *   committee respectively.
 * - Reserve pool first: promoting someone outside the pool needs `outsidePoolReason` (kept on the
 *   promotion); a promotion from the pool removes the worker from it, in the same transaction.
 * - Effective dates follow grade changes: not in the future, not before the worker's latest change.
 */
export interface PromoteInput {
  committee: Committee;
  role: CommitteeRole | 'secretary' | 'director';
  effectiveOn: string;
  reason?: string | undefined;
  outsidePoolReason?: string | undefined;
  expectedVersion?: number | undefined;
}

export function normaliseRole(committee: Committee, role: PromoteInput['role']): CommitteeRole {
  if (role === 'secretary' || role === 'director') {
    const expected = committee === 'party' ? 'secretary' : 'director';
    if (role !== expected) {
      throw unprocessable(
        'ROLE_NOT_IN_COMMITTEE',
        `The ${committee} committee's head is its ${expected}, not a ${role}`,
        { committee, role },
      );
    }
    return 'head';
  }
  return role;
}

export async function promote(store: Store, ctx: RequestContext, workerId: string, input: PromoteInput) {
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'pay:write', workerResource(worker), workerLookup(worker.id));
  assertActive(worker);
  if (input.expectedVersion !== undefined && input.expectedVersion !== worker.version) {
    throw conflict('VERSION_MISMATCH', `Worker ${workerId} is at version ${worker.version}`, {
      version: worker.version,
    });
  }
  const role = normaliseRole(input.committee, input.role);
  const today = shanghaiDate(ctx.now);
  assertEffectiveOn(worker, input.effectiveOn, today);
  const seats = worker.committeeRoles ?? [];
  if (seats.some((s) => s.committee === input.committee && s.role === role)) {
    throw conflict('ALREADY_IN_ROLE', `Worker ${workerId} already holds this seat`, {
      committee: input.committee,
      role,
    });
  }
  // The effective month's statement is paid under the policy of the month's first day (pay.ts), so
  // pay must not drop under that policy either when a new version took effect earlier in the month.
  const monthStart = `${input.effectiveOn.slice(0, 7)}-01`;
  const [payPolicy, monthPayPolicy, promotionPolicy, poolItem] = await Promise.all([
    payPolicyAt(store, worker.org, input.effectiveOn),
    payPolicyAt(store, worker.org, monthStart),
    policyAt(store, worker.org, 'promotion', input.effectiveOn),
    store.get(reservePoolKeys.key(workerId)),
  ]);
  const outcomeUnder = (policy: PayPolicy) =>
    promotionOutcome(
      { post: worker.post, grade: worker.grade },
      { committee: input.committee, role },
      policy,
      promotionPolicy.document,
    );
  let outcome = outcomeUnder(payPolicy.document);
  if (outcome.ok && monthPayPolicy.version !== payPolicy.version) {
    const monthOutcome = outcomeUnder(monthPayPolicy.document);
    if (monthOutcome.ok && monthOutcome.newGrade > outcome.newGrade) {
      const grade = monthOutcome.newGrade;
      if (!isGradeInBand(outcome.newPost, grade, payPolicy.document)) {
        throw unprocessable(
          'PAY_WOULD_DROP',
          `Grade ${grade}, needed so that ${input.effectiveOn.slice(0, 7)} pays no less under ${monthPayPolicy.version}, is outside the ${outcome.newPost} band of ${payPolicy.version}`,
          { grade, payPolicyVersion: payPolicy.version, monthPayPolicyVersion: monthPayPolicy.version },
        );
      }
      outcome = {
        ...outcome,
        newGrade: grade,
        payAfterFen: gradePayFen(outcome.newPost, grade, payPolicy.document),
        shortfallFen: Math.max(outcome.shortfallFen, monthOutcome.shortfallFen),
      };
    } else if (monthOutcome.ok && monthOutcome.shortfallFen > outcome.shortfallFen) {
      outcome = { ...outcome, shortfallFen: monthOutcome.shortfallFen };
    }
  }
  if (!outcome.ok) {
    throw unprocessable(
      'NOT_A_PROMOTION',
      `A ${input.committee} committee ${role} sits in the ${outcome.rolePost} post, below the worker's ${outcome.currentPost} post`,
      { currentPost: outcome.currentPost, rolePost: outcome.rolePost },
    );
  }
  if (outcome.shortfallFen > 0) {
    throw unprocessable(
      'PAY_WOULD_DROP',
      `Even the top grade of the ${outcome.newPost} band pays ${outcome.shortfallFen} fen less than today (同工同酬: pay never drops)`,
      {
        payBeforeFen: outcome.payBeforeFen,
        payAfterFen: outcome.payAfterFen,
        shortfallFen: outcome.shortfallFen,
        payPolicyVersion: payPolicy.version,
      },
    );
  }
  const fromPool = poolItem !== undefined;
  const outsidePoolReason = input.outsidePoolReason?.trim() || null;
  if (!fromPool && !outsidePoolReason) {
    throw unprocessable(
      'OUTSIDE_RESERVE_POOL',
      `Worker ${workerId} is not in the reserve pool (后备力量); give outsidePoolReason to promote them anyway`,
      { workerId },
    );
  }
  const promotion: PromotionRecord = {
    id: newId('pr'),
    workerId,
    org: worker.org,
    committee: input.committee,
    role,
    roleLabel: outcome.roleLabel,
    effectiveOn: input.effectiveOn,
    from: { post: worker.post, grade: worker.grade },
    to: { post: outcome.newPost, grade: outcome.newGrade },
    payBeforeFen: outcome.payBeforeFen,
    payAfterFen: outcome.payAfterFen,
    payPolicyVersion: payPolicy.version,
    promotionPolicyVersion: promotionPolicy.version,
    fromReservePool: fromPool,
    outsidePoolReason: fromPool ? null : outsidePoolReason,
    reason: input.reason?.trim() || null,
    recordedAt: ctx.now.toISOString(),
    recordedBy: ctx.actor.sub,
  };
  const newSeats: CommitteeSeat[] = [
    ...seats.filter((s) => s.committee !== input.committee),
    { committee: input.committee, role, since: input.effectiveOn },
  ];
  const postChanged = outcome.newPost !== worker.post || outcome.newGrade !== worker.grade;
  const ops: WriteOp[] = [
    ...gradeChangeOps(ctx, worker, {
      post: outcome.newPost,
      grade: outcome.newGrade,
      effectiveOn: input.effectiveOn,
      reason: 'promotion',
      note: outcome.roleLabel,
      ref: `promotion:${promotion.id}`,
      step: postChanged ? resetStepState(outcome.newGrade, input.effectiveOn, worker.step) : worker.step,
      extraSet: { committeeRoles: newSeats },
    }),
    recordPromotionOp(promotion),
    ...statsIncrements(
      worker.org,
      Number(input.effectiveOn.slice(0, 4)),
      tally([promotionsCounter(input.committee, role), 1], ['promotions_total', 1]),
    ),
  ];
  const poolChanged = () =>
    conflict('CONCURRENT_UPDATE', 'The reserve pool changed meanwhile; reload and retry', { workerId });
  ops.push(
    fromPool ? leaveReservePoolOp(workerId, poolChanged) : notInReservePoolCheck(workerId, poolChanged),
  );
  await store.transact(ctx, ops, [
    {
      entity: `worker:${workerId}`,
      org: worker.org,
      action: 'worker.promoted',
      before: { post: worker.post, grade: worker.grade, committeeRoles: seats },
      after: { post: outcome.newPost, grade: outcome.newGrade, committeeRoles: newSeats, promotion },
    },
    ...(fromPool
      ? [
          {
            entity: `reserve-pool:${workerId}`,
            org: worker.org,
            action: 'reserve-pool.promoted-out',
            before: withoutKeys(poolItem),
            after: null,
          },
        ]
      : []),
  ]);
  return promotion;
}

/** GET /v1/workers/{id}/promotions: HR in the subtree, or the worker themself; oldest first. */
export async function listPromotions(store: Store, ctx: RequestContext, workerId: string) {
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'pay:read', workerResource(worker), workerLookup(worker.id));
  const promotions = await promotionsOf(store, workerId);
  return {
    workerId,
    post: worker.post,
    grade: worker.grade,
    committeeRoles: worker.committeeRoles ?? [],
    items: promotions,
  };
}

// ---------------------------------------------------------------------------------------------
// Reserve pool (后备力量)

export async function addToReservePool(
  store: Store,
  ctx: RequestContext,
  input: { workerId: string; reason: string },
) {
  const worker = await loadWorker(store, input.workerId);
  authorize(ctx.actor, 'pay:write', workerResource(worker), workerLookup(worker.id));
  assertActive(worker);
  const entry: ReservePoolEntry = {
    workerId: worker.id,
    name: worker.name,
    org: worker.org,
    post: worker.post,
    grade: worker.grade,
    reason: input.reason,
    addedOn: shanghaiDate(ctx.now),
    addedBy: ctx.actor.sub,
  };
  await store.transact(
    ctx,
    [
      enterReservePoolOp(entry, () =>
        conflict('ALREADY_IN_RESERVE_POOL', `Worker ${worker.id} is already in the reserve pool`, {
          workerId: worker.id,
        }),
      ),
      // The worker must still be active when the entry is written.
      workers.mustBeActive(worker, () =>
        unprocessable('WORKER_NOT_ACTIVE', `Worker ${worker.id} is no longer active`, {
          workerId: worker.id,
        }),
      ),
    ],
    [{ entity: `reserve-pool:${worker.id}`, org: worker.org, action: 'reserve-pool.added', after: entry }],
  );
  return entry;
}

export async function removeFromReservePool(store: Store, ctx: RequestContext, workerId: string) {
  const item = await store.get(reservePoolKeys.key(workerId));
  if (!item) throw notFound('reserve pool entry', workerId);
  const entry = withoutKeys<ReservePoolEntry>(item);
  authorize(
    ctx.actor,
    'pay:write',
    { org: entry.org, workerId },
    { what: 'reserve pool entry', id: workerId },
  );
  await store.transact(
    ctx,
    [leaveReservePoolOp(workerId, () => notFound('reserve pool entry', workerId))],
    [{ entity: `reserve-pool:${workerId}`, org: entry.org, action: 'reserve-pool.removed', before: entry }],
  );
  return { removed: entry };
}

/** The pool under an org subtree (one ByCollection Query page; cursor for more). */
export async function listReservePool(
  store: Store,
  ctx: RequestContext,
  org: string,
  cursor?: string,
  limit = 100,
) {
  authorize(ctx.actor, 'pay:read', { org });
  const page = await reservePoolPage(store, org, cursor, limit);
  const entries = page.items.filter((entry) => isWithinSubtree(entry.org, org));
  // The workers' current state (one BatchGet per page): who has left since entering is not listed,
  // and post/grade/org are today's, not those at entry.
  const current = new Map(
    (await store.batchGet(entries.map((e) => workerKeys.key(e.workerId)))).map((item) => {
      const worker = toWorker(item);
      return [worker.id, worker] as const;
    }),
  );
  const items = entries.flatMap((entry) => {
    const worker = current.get(entry.workerId);
    if (worker?.status !== 'active') return [];
    return [{ ...entry, name: worker.name, org: worker.org, post: worker.post, grade: worker.grade }];
  });
  return { items, ...(page.cursor ? { cursor: page.cursor } : {}) };
}
