import type { Actor } from '#shared/auth/actor.ts';
import { authorize, requireRole } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { Store } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { exitSituation } from '#shared/domain/exits.ts';
import { probationState } from '#shared/domain/probation.ts';
import { contractState } from '#shared/domain/contracts.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { forbidden } from '#shared/errors.ts';
import {
  loadWorker,
  readableWorkerResource,
  workerResource,
  workerView,
  workerLookup,
} from '#shared/usecases/workers.ts';
import type { WorkerRecord, WorkerStatus } from '#shared/domain/workers.ts';

/**
 * Reading worker records: the list by org subtree and status (a Query on ByCollection), one
 * worker (HR in the subtree, the worker, their mentors), their lifecycle history, and "me".
 */

/** `workerView` (national id masked for non-HR) plus the exit situation's code and label. */
export function hiringWorkerView(worker: WorkerRecord, actor: Actor, today?: string) {
  const view = workerView(worker, actor);
  const situation = worker.exit ? exitSituation(worker.exit.situation) : undefined;
  return {
    ...view,
    probation: probationState(worker, today),
    contract: contractState(worker, today),
    exit: worker.exit
      ? { ...worker.exit, code: situation?.code ?? 'unknown', label: situation?.zh ?? '' }
      : null,
  };
}

/**
 * Workers of one status in an org subtree, ordered by org path: Query ByCollection
 * gsi1pk = WORKERS#<city>#<status> over the subtree's key range (`subtreeQuery`). HR officers only.
 */
export async function listWorkers(
  store: Store,
  ctx: RequestContext,
  query: { org: string; status: WorkerStatus; cursor?: string | undefined; limit?: number | undefined },
) {
  authorize(ctx.actor, 'worker:list', { org: query.org });
  const page = await workers.pageOfSubtree(store, query, query.cursor, query.limit ?? 50);
  return {
    items: page.items.map((worker) => hiringWorkerView(worker, ctx.actor)),
    cursor: page.cursor,
  };
}

export async function getWorker(store: Store, ctx: RequestContext, id: string) {
  const worker = await loadWorker(store, id);
  authorize(
    ctx.actor,
    'worker:read',
    await readableWorkerResource(store, ctx, worker),
    workerLookup(worker.id),
  );
  return hiringWorkerView(worker, ctx.actor, shanghaiDate(ctx.now));
}

/** Lifecycle events, oldest first (same readers as the worker record; kept after exit). */
export async function getWorkerHistory(store: Store, ctx: RequestContext, id: string) {
  const worker = await loadWorker(store, id);
  authorize(
    ctx.actor,
    'worker:read',
    await readableWorkerResource(store, ctx, worker),
    workerLookup(worker.id),
  );
  return { workerId: id, items: await workers.history(store, id) };
}

/** The caller's own worker record (workers and mentors; one GetItem). */
export async function getMe(store: Store, ctx: RequestContext) {
  requireRole(ctx.actor, 'worker', 'mentor');
  const workerId = ctx.actor.workerId;
  if (!workerId) throw forbidden('Your token carries no worker id');
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'worker:read', workerResource(worker));
  return hiringWorkerView(worker, ctx.actor, shanghaiDate(ctx.now));
}
