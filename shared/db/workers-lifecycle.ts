import { workerItem, workerKeys, toWorker } from '#shared/db/entities/worker.ts';
import {
  toWorkerHistoryEntry,
  type WorkerHistoryEntry,
  workerHistoryKeys,
} from '#shared/db/entities/worker-history.ts';
import { stillActiveNames, stillActiveValues, STILL_ACTIVE } from '#shared/db/workers-active.ts';
import { type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import type { WorkerRecord, WorkerStatus } from '#shared/domain/workers.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * The worker lifecycle (exits, moves, transfers, onboarding, worker records): its reads and writes.
 * Part of `workers` (`shared/db/workers.ts`).
 */
export const workerLifecycle = {
  /**
   * Workers of one status in an org subtree, ordered by org path, a page at a time: ByCollection
   * `WORKERS#<city>#<status>` over the subtree's key range.
   */
  async pageOfSubtree(
    store: Store,
    query: { org: string; status: WorkerStatus },
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<WorkerRecord>> {
    const page = await store.queryPage(
      subtreeQuery(workerKeys.byStatus(query.org, query.status), query.org, { Limit: limit }),
      cursor,
    );
    return { items: page.items.map(toWorker), ...(page.cursor ? { cursor: page.cursor } : {}) };
  },

  /** A worker's lifecycle events, oldest first (one Query of the worker's partition, `HISTORY#`). */
  async history(store: Store, workerId: string): Promise<WorkerHistoryEntry[]> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': workerKeys.key(workerId).pk, ':prefix': workerHistoryKeys.prefix },
    });
    return items.map(toWorkerHistoryEntry);
  },

  /**
   * Undo of `create` (a durable batch's roll-back, possibly minutes later): deletes the worker item
   * and their national-id guard, the guard only while it is absent or still theirs.
   */
  undoCreate(worker: Pick<WorkerRecord, 'id' | 'nationalId'>): WriteOp[] {
    return [{ Delete: { Key: workerKeys.key(worker.id) } }, workerLifecycle.releaseNationalId(worker)];
  },

  /** Frees the person's national id for a new hire: deletes the guard while it is absent or theirs. */
  releaseNationalId(
    worker: Pick<WorkerRecord, 'id' | 'nationalId'>,
    onConditionFailed?: () => AppError,
  ): WriteOp {
    return {
      Delete: {
        Key: workerKeys.activeNationalId(worker.nationalId),
        ConditionExpression: 'attribute_not_exists(pk) OR workerId = :workerId',
        ExpressionAttributeValues: { ':workerId': worker.id },
      },
      ...(onConditionFailed ? { onConditionFailed } : {}),
    };
  },

  /**
   * Replaces the worker item (e.g. under a new org: every list and look-up key follows) while the
   * worker is still active and at the version read.
   */
  replaceActive(updated: WorkerRecord, readVersion: number, onConditionFailed: () => AppError): WriteOp {
    return {
      Put: {
        Item: workerItem(updated),
        ConditionExpression: `${STILL_ACTIVE} AND version = :v`,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: { ...stillActiveValues, ':v': readVersion },
      },
      onConditionFailed,
    };
  },

  /**
   * The worker exits: status `exited` (moving them to the exited list, and out of ByCertification,
   * which lists active holders), the exit recorded, their mentor pairings emptied and `alsoSet`
   * attributes set, while still active and at the version read.
   */
  markExited(
    worker: Pick<WorkerRecord, 'id' | 'org' | 'version'>,
    exit: NonNullable<WorkerRecord['exit']>,
    alsoSet: Record<string, unknown>,
    now: string,
    onConditionFailed: () => AppError,
  ): WriteOp {
    const extra = Object.entries(alsoSet);
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression: `SET #status = :exited, #exit = :exit, gsi1pk = :gsi1pk, mentorIds = :noMentors, updatedAt = :now, version = version + :one${extra.map((_, i) => `, #also${i} = :also${i}`).join('')} REMOVE gsi4pk, gsi4sk`,
        ConditionExpression: `${STILL_ACTIVE} AND version = :v`,
        ExpressionAttributeNames: {
          ...stillActiveNames,
          '#exit': 'exit',
          ...Object.fromEntries(extra.map(([name], i) => [`#also${i}`, name])),
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(extra.map(([, value], i) => [`:also${i}`, value])),
          ...stillActiveValues,
          ':exited': 'exited',
          ':exit': exit,
          ':noMentors': [],
          ':gsi1pk': workerKeys.byStatus(worker.org, 'exited'),
          ':now': now,
          ':one': 1,
          ':v': worker.version,
        },
      },
      onConditionFailed,
    };
  },
};
