import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { AuditEntry } from '#shared/db/entities/audit.ts';
import { currentIncrements, statsIncrements } from '#shared/db/entities/stats.ts';
import { workerHistoryOp } from '#shared/db/entities/worker-history.ts';
import { workers } from '#shared/db/workers.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { exitDateProblem, exitSituation } from '#shared/domain/exits.ts';
import { badRequest, conflict, unprocessable } from '#shared/errors.ts';
import { dropFromReservePoolOp } from '#shared/db/promotions.ts';
import { accountFollowOps } from '#shared/usecases/accounts.ts';
import { honourExitOps } from '#shared/usecases/honours.ts';
import { mentoringExitOps } from '#shared/usecases/mentoring/exit.ts';
import { retryOnStale, stale } from '#shared/usecases/stale-read.ts';
import { seatOps } from '#shared/usecases/org-units.ts';
import { loadWorker, workerResource, workerLookup } from '#shared/usecases/workers.ts';
import { hiringWorkerView } from '#shared/usecases/worker-records.ts';
import { activeStockCounters, exitsCounter, tally } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

export interface ExitRequest {
  /** 1..6 (see domain/exits.ts). */
  situation: number;
  effectiveOn: string;
  evidence: string;
}

/**
 * The write ops of an exit, for a transaction (also usable by other flows, e.g. confirming an
 * evaluation's exit proposal, together with their own ops): the worker becomes `exited` (only if
 * still active: else 409 ALREADY_EXITED) and moves to the exited list, the national-id guard goes
 * (the person may be hired again later), seats are released on every quota-holding ancestor, the
 * year's exit counters and the stock figures (headcount, post/grade, certified) are updated, and a
 * history entry is written; the worker's mentoring pairings end, they leave the reserve pool, and
 * their pending honour nominations are withdrawn, freeing the seats.
 * Validates the situation and the dates (422).
 */
export async function exitWorkerOps(
  store: Store,
  ctx: RequestContext,
  worker: WorkerRecord,
  request: ExitRequest,
  /** More fields for the worker item set in the same update (it may be touched once per transaction). */
  alsoSet: Partial<WorkerRecord> = {},
): Promise<{ ops: WriteOp[]; audit: AuditEntry[]; exited: WorkerRecord }> {
  const situation = exitSituation(request.situation);
  if (!situation)
    throw badRequest(
      'situation must be 1..6',
      [{ path: 'situation', message: 'unknown' }],
      'VALIDATION_FAILED',
    );
  if (!request.evidence.trim())
    throw badRequest(
      'evidence is required',
      [{ path: 'evidence', message: 'required' }],
      'VALIDATION_FAILED',
    );
  if (worker.status !== 'active')
    throw conflict('ALREADY_EXITED', `Worker ${worker.id} has already exited`, { exit: worker.exit });
  const today = shanghaiDate(ctx.now);
  const problem = exitDateProblem(request.effectiveOn, worker.hiredOn, today);
  if (problem)
    throw unprocessable(problem.code, problem.message, {
      effectiveOn: request.effectiveOn,
      hiredOn: worker.hiredOn,
      today,
    });
  const now = ctx.now.toISOString();
  const honours = await honourExitOps(store, ctx, worker);
  // The sign-in account is disabled in the same transaction (and pending for the identity provider).
  const account = await accountFollowOps(store, ctx, worker, {
    kind: 'disable',
    reason: `exit situation ${situation.situation}`,
  });
  const exit = {
    situation: situation.situation,
    effectiveOn: request.effectiveOn,
    evidence: request.evidence.trim(),
    recordedAt: now,
  };
  const exited: WorkerRecord = {
    ...worker,
    ...alsoSet,
    mentorIds: [],
    status: 'exited',
    exit,
    updatedAt: now,
    version: worker.version + 1,
  };
  const ops: WriteOp[] = [
    // The version too: the stock counters below are computed from this read of the worker
    // (post, grade, certificates), so a change in between must not let them drift. Exited or
    // changed meanwhile: `recordExit` re-reads (and then reports ALREADY_EXITED).
    workers.markExited(worker, exit, alsoSet, now, stale),
    workers.releaseNationalId(worker, () =>
      conflict('NATIONAL_ID_GUARD_MISMATCH', 'The national-id record belongs to another worker'),
    ),
    ...(await seatOps(store, worker.org, -1)),
    // Their pairings end (as mentee and as mentor) and they leave the reserve pool.
    ...(await mentoringExitOps(store, worker, ctx)),
    dropFromReservePoolOp(worker.id),
    ...honours.ops,
    ...account.ops,
    ...statsIncrements(
      worker.org,
      Number(request.effectiveOn.slice(0, 4)),
      tally([exitsCounter(situation.situation), 1], ['exits_total', 1]),
    ),
    ...currentIncrements(worker.org, activeStockCounters(worker, -1)),
    workerHistoryOp({
      workerId: worker.id,
      event: 'exited',
      at: now,
      effectiveOn: request.effectiveOn,
      org: worker.org,
      details: { situation: situation.situation, code: situation.code, evidence: exit.evidence },
      actor: { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org },
    }),
  ];
  const audit: AuditEntry[] = [
    {
      entity: `worker:${worker.id}`,
      org: worker.org,
      action: 'worker.exited',
      before: { status: worker.status, exit: worker.exit },
      after: { status: 'exited', exit: { ...exit, code: situation.code } },
    },
    ...honours.audit,
    ...account.audit,
  ];
  return { ops, audit, exited };
}

/** POST /v1/workers/{id}/exits: HR officers of the worker's subtree. */
export async function recordExit(store: Store, ctx: RequestContext, workerId: string, request: ExitRequest) {
  return retryOnStale(async () => {
    const worker = await loadWorker(store, workerId);
    authorize(ctx.actor, 'worker:write', workerResource(worker), workerLookup(worker.id));
    const { ops, audit, exited } = await exitWorkerOps(store, ctx, worker, request);
    await store.transact(ctx, ops, audit);
    return hiringWorkerView(exited, ctx.actor);
  });
}
