import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { AuditEntry } from '#shared/db/entities/audit.ts';
import { batchStatsIncrements } from '#shared/db/entities/stats.ts';
import { workerHistoryOp } from '#shared/db/entities/worker-history.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { activeStockCounters } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { conflict, unprocessable } from '#shared/errors.ts';
import { accountFollowOps } from '#shared/usecases/accounts.ts';
import { loadOrgUnit, seatOps } from '#shared/usecases/org-units.ts';
import { retryOnStale, stale } from '#shared/usecases/stale-read.ts';
import { hiringWorkerView } from '#shared/usecases/worker-records.ts';
import { loadWorker, workerLookup, workerResource } from '#shared/usecases/workers.ts';

/** Org unit levels a serving worker can be placed in (as for transfers in). */
const PLACEMENT_LEVELS = new Set(['community', 'grid']);

export interface MoveRequest {
  org: string;
  reason: string;
}

const opKey = (op: WriteOp) => {
  const key = 'Update' in op ? op.Update.Key : undefined;
  return key ? `${key.pk}|${key.sk}` : undefined;
};

/**
 * POST /v1/workers/{id}/moves (调动): a serving worker moves to another community or grid. HR must
 * hold both the worker's unit and the target in their subtree. In one transaction: the worker item
 * under its new org (every list and look-up key follows), a seat taken on each quota-holding unit
 * of the new chain that is not on the old one and released on each old one not on the new (so a
 * move within a district never touches the district's seats), the stock figures moved, a history
 * entry and the sign-in account's `org` (pending for the identity provider).
 */
export async function moveWorker(store: Store, ctx: RequestContext, workerId: string, request: MoveRequest) {
  return retryOnStale(async () => {
    const worker = await loadWorker(store, workerId);
    authorize(ctx.actor, 'worker:write', workerResource(worker), workerLookup(worker.id));
    authorize(ctx.actor, 'worker:write', { org: request.org });
    if (worker.status !== 'active')
      throw conflict('ALREADY_EXITED', `Worker ${worker.id} has already exited`, { exit: worker.exit });
    if (request.org === worker.org)
      throw unprocessable('ALREADY_IN_UNIT', `Worker ${worker.id} already serves in ${worker.org}`, {
        org: worker.org,
      });
    const target = await loadOrgUnit(store, request.org);
    if (!PLACEMENT_LEVELS.has(target.level))
      throw unprocessable('MOVE_TARGET_LEVEL', 'Workers serve in a community or a grid', {
        org: target.id,
        level: target.level,
      });
    const now = ctx.now.toISOString();
    const effectiveOn = shanghaiDate(ctx.now);
    const moved: WorkerRecord = {
      ...worker,
      org: target.id,
      orgSince: effectiveOn,
      updatedAt: now,
      version: worker.version + 1,
    };
    const taken = await seatOps(store, target.id, 1);
    const released = await seatOps(store, worker.org, -1);
    const shared = new Set(taken.map(opKey).filter((key) => released.some((op) => opKey(op) === key)));
    const account = await accountFollowOps(store, ctx, worker, { kind: 'move', org: target.id });
    const ops: WriteOp[] = [
      workers.replaceActive(moved, worker.version, stale),
      ...taken.filter((op) => !shared.has(opKey(op))),
      ...released.filter((op) => !shared.has(opKey(op))),
      ...batchStatsIncrements([
        { org: worker.org, counters: activeStockCounters(worker, -1) },
        { org: target.id, counters: activeStockCounters(worker, 1) },
      ]),
      workerHistoryOp({
        workerId: worker.id,
        event: 'moved',
        at: now,
        effectiveOn,
        org: target.id,
        details: { from: worker.org, to: target.id, reason: request.reason },
        actor: { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org },
      }),
      ...account.ops,
    ];
    const audit: AuditEntry[] = [
      {
        entity: `worker:${worker.id}`,
        org: worker.org,
        action: 'worker.moved',
        before: { org: worker.org },
        after: { org: target.id, reason: request.reason },
      },
      ...account.audit,
    ];
    await store.transact(ctx, ops, audit);
    return hiringWorkerView(moved, ctx.actor);
  });
}
