import { workerItem, workerKeys, toWorker } from '#shared/db/entities/worker.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { maskNationalId } from '#shared/domain/national-id.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { conflict } from '#shared/errors.ts';

/**
 * The worker record: its reads by id and by national id, and its creation with the
 * one-active-worker-per-national-id guard. Part of `workers` (`shared/db/workers.ts`).
 */
export const workerRecord = {
  /** One GetItem. */
  async get(store: Store, id: string): Promise<WorkerRecord | undefined> {
    const item = await store.get(workerKeys.key(id));
    return item && toWorker(item);
  },

  /** The workers among `ids` that exist, by id (BatchGetItem). */
  async getMany(store: Store, ids: readonly string[]): Promise<Map<string, WorkerRecord>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const items = await store.batchGet(unique.map((id) => workerKeys.key(id)));
    return new Map(items.map((item) => [item.id as string, toWorker(item)]));
  },

  /** The active worker holding a national id, if any (one GetItem on the national-id guard). */
  async activeIdFor(store: Store, nationalId: string): Promise<string | undefined> {
    const item = await store.get(workerKeys.activeNationalId(nationalId));
    return item?.workerId as string | undefined;
  },

  /** National id → the active worker holding it, for those that have one (BatchGetItem). */
  async activeIdsFor(store: Store, nationalIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(nationalIds)];
    if (unique.length === 0) return new Map();
    const guards = await store.batchGet(unique.map((id) => workerKeys.activeNationalId(id)));
    return new Map(guards.map((g) => [String(g.pk).slice('NATID#'.length), String(g.workerId)]));
  },

  /** The worker item and its one-active-worker-per-national-id guard, both only if new. */
  create(worker: WorkerRecord): WriteOp[] {
    return [
      {
        Put: { Item: workerItem(worker), ConditionExpression: 'attribute_not_exists(pk)' },
        onConditionFailed: () =>
          conflict('WORKER_EXISTS', `Worker ${worker.id} already exists`, { workerId: worker.id }),
      },
      {
        Put: {
          Item: {
            ...workerKeys.activeNationalId(worker.nationalId),
            type: 'national-id',
            workerId: worker.id,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        onConditionFailed: () =>
          conflict('ALREADY_ACTIVE_WORKER', 'A person with this national id is already an active worker', {
            nationalId: maskNationalId(worker.nationalId),
          }),
      },
    ];
  },
};
