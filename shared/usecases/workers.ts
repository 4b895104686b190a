import type { Actor } from '#shared/auth/actor.ts';
import type { Resource } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { statsIncrements } from '#shared/db/entities/stats.ts';
import { type WorkerRecord, workerItem, workerKeys, toWorker } from '#shared/db/entities/worker.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { maskNationalId } from '#shared/domain/national-id.ts';
import { conflict, notFound } from '#shared/errors.ts';
import { seatOps } from '#shared/usecases/org-units.ts';

export async function loadWorker(store: Store, id: string): Promise<WorkerRecord> {
  const item = await store.get(workerKeys.key(id));
  if (!item) throw notFound('worker', id);
  return toWorker(item);
}

/** The facts authorisation needs about a worker's records. */
export function workerResource(worker: Pick<WorkerRecord, 'id' | 'org' | 'mentorIds'>): Resource {
  return { org: worker.org, workerId: worker.id, mentorIds: worker.mentorIds };
}

/** What a caller may see: national ids are masked for everyone but HR officers. */
export function workerView(worker: WorkerRecord, actor: Actor) {
  const { version, ...rest } = worker;
  return {
    ...rest,
    nationalId: actor.role === 'hr' ? worker.nationalId : maskNationalId(worker.nationalId),
    version,
  };
}

/**
 * Write ops that bring a new active worker into being: the worker item, the one-active-worker-
 * per-national-id guard, a seat on every quota-holding ancestor, and the hire counters. Commit them
 * in one transaction together with whatever else the channel changes (candidate status, batch).
 */
export async function newWorkerOps(store: Store, worker: WorkerRecord, hireYear: number): Promise<WriteOp[]> {
  return [
    {
      Put: { Item: workerItem(worker), ConditionExpression: 'attribute_not_exists(pk)' },
      onConditionFailed: () =>
        conflict('WORKER_EXISTS', `Worker ${worker.id} already exists`, { workerId: worker.id }),
    },
    {
      Put: {
        Item: { ...workerKeys.activeNationalId(worker.nationalId), type: 'national-id', workerId: worker.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: () =>
        conflict('ALREADY_ACTIVE_WORKER', 'A person with this national id is already an active worker', {
          nationalId: maskNationalId(worker.nationalId),
        }),
    },
    ...(await seatOps(store, worker.org, 1)),
    ...statsIncrements(worker.org, hireYear, {
      [`hires_${worker.channel.replace(/-/g, '_')}`]: 1,
      hires_total: 1,
    }),
  ];
}

/** The active worker holding a national id, if any (one GetItem). */
export async function activeWorkerIdFor(store: Store, nationalId: string): Promise<string | undefined> {
  const item = await store.get(workerKeys.activeNationalId(nationalId));
  return item?.workerId as string | undefined;
}

export type { RequestContext };
