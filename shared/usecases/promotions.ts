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
import { assessPromotion, normaliseRole, type PromotionRequest } from '#shared/domain/promotion-checks.ts';
import { conflict, notFound, unprocessable } from '#shared/errors.ts';
import { localiseOutcomes } from '#shared/messages/catalogue.ts';
import {
  assertActive,
  gradeChangeOps,
  gradeSinceOf,
  payPolicyAt,
  resetStepState,
} from '#shared/usecases/pay/grades.ts';
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
 * - Every check, in order, and the pay effect: `assessPromotion` (domain/promotion-checks.ts); the
 *   preview lists all its refusals, the promotion refuses with the first.
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
export interface PromoteInput extends PromotionRequest {
  reason?: string | undefined;
}

export { normaliseRole };

/**
 * Reads what a promotion is judged on (the worker, the reserve pool, the pay policies of the
 * effective date and of its month's first day, the promotion policy) and judges it with
 * `assessPromotion`. Shared by the promotion and its preview, so both give the same answer.
 */
async function assess(store: Store, ctx: RequestContext, workerId: string, input: PromoteInput) {
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'pay:write', workerResource(worker), workerLookup(worker.id));
  const monthStart = `${input.effectiveOn.slice(0, 7)}-01`;
  const [payPolicy, monthPayPolicy, promotionPolicy, poolItem] = await Promise.all([
    payPolicyAt(store, worker.org, input.effectiveOn),
    payPolicyAt(store, worker.org, monthStart),
    policyAt(store, worker.org, 'promotion', input.effectiveOn),
    store.get(reservePoolKeys.key(workerId)),
  ]);
  const assessment = assessPromotion(
    {
      id: worker.id,
      status: worker.status,
      version: worker.version,
      post: worker.post,
      grade: worker.grade,
      gradeSince: gradeSinceOf(worker),
      committeeRoles: worker.committeeRoles ?? [],
      inReservePool: poolItem !== undefined,
    },
    input,
    shanghaiDate(ctx.now),
    { pay: payPolicy, monthPay: monthPayPolicy, promotion: promotionPolicy },
  );
  return { worker, poolItem, payPolicy, promotionPolicy, assessment };
}

export async function promote(store: Store, ctx: RequestContext, workerId: string, input: PromoteInput) {
  const { worker, poolItem, payPolicy, promotionPolicy, assessment } = await assess(
    store,
    ctx,
    workerId,
    input,
  );
  const [refusal] = assessment.refusals;
  if (refusal) throw refusal;
  const role = assessment.role!;
  const outcome = assessment.outcome!;
  const seats = worker.committeeRoles ?? [];
  const fromPool = poolItem !== undefined;
  const outsidePoolReason = input.outsidePoolReason?.trim() || null;
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

/**
 * POST /v1/workers/{id}/promotions/preview: what recording this promotion would do, writing
 * nothing. Same body, reads and authorisation as the promotion; its refusals (every one, in the
 * order the promotion checks them) are listed rather than thrown, beside the pay effect whenever it
 * can be computed. Messages follow the request's language (Chinese from the catalogue).
 */
export async function previewPromotion(
  store: Store,
  ctx: RequestContext,
  workerId: string,
  input: PromoteInput,
) {
  const { worker, poolItem, payPolicy, promotionPolicy, assessment } = await assess(
    store,
    ctx,
    workerId,
    input,
  );
  const { outcome } = assessment;
  return {
    workerId: worker.id,
    name: worker.name,
    org: worker.org,
    committee: input.committee,
    role: assessment.role,
    roleLabel: outcome?.roleLabel ?? null,
    effectiveOn: input.effectiveOn,
    from: { post: worker.post, grade: worker.grade },
    to: outcome ? { post: outcome.newPost, grade: outcome.newGrade } : null,
    payBeforeFen: outcome?.payBeforeFen ?? null,
    payAfterFen: outcome?.payAfterFen ?? null,
    shortfallFen: outcome?.shortfallFen ?? 0,
    payPolicyVersion: payPolicy.version,
    promotionPolicyVersion: promotionPolicy.version,
    fromReservePool: poolItem !== undefined,
    allowed: assessment.refusals.length === 0,
    refusals: localiseOutcomes(
      assessment.refusals.map((r) => ({
        status: r.status,
        code: r.code,
        message: r.message,
        details: r.details as Record<string, unknown>,
      })),
    ),
  };
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
