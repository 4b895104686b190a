import { workerItem, workerKeys, toWorker } from '#shared/db/entities/worker.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { maskNationalId } from '#shared/domain/national-id.ts';
import type { WorkerCertificate, WorkerRecord } from '#shared/domain/workers.ts';
import { type AppError, conflict, unprocessable } from '#shared/errors.ts';

/** "The worker is still active", the one way it is written: with `#status` and `:active` bound below. */
const STILL_ACTIVE = '#status = :active';
const stillActiveNames = { '#status': 'status' };
const stillActiveValues = { ':active': 'active' };

/** 422 WORKER_NOT_ACTIVE: the error every use-case gives for a worker who is no longer active. */
export const workerNotActive = (worker: Pick<WorkerRecord, 'id' | 'status'>) =>
  unprocessable('WORKER_NOT_ACTIVE', `Worker ${worker.id} is no longer an active worker`, {
    workerId: worker.id,
    status: worker.status,
  });

/**
 * The worker aggregate's reads and writes (the record carries grade, post, certificates,
 * mentorIds and annualGrades, so hot reads are one GetItem). Use-cases compose these named
 * operations and write no expressions of their own.
 */
export const workers = {
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

  /** A check, in the caller's transaction, that the worker is still active (else WORKER_NOT_ACTIVE). */
  mustBeActive(worker: Pick<WorkerRecord, 'id' | 'status'>, onConditionFailed?: () => AppError): WriteOp {
    return {
      ConditionCheck: {
        Key: workerKeys.key(worker.id),
        ConditionExpression: STILL_ACTIVE,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: stillActiveValues,
      },
      onConditionFailed: onConditionFailed ?? (() => workerNotActive({ id: worker.id, status: 'exited' })),
    };
  },

  /**
   * A worker's `mentorIds` (what authorisation reads) rewritten if the worker is unchanged since read
   * (`version`) and, with `whileActive`, still active.
   */
  setMentorIds(
    worker: Pick<WorkerRecord, 'id' | 'version'>,
    mentorIds: string[],
    change: { now: string; whileActive: boolean },
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression: 'SET mentorIds = :ids, version = version + :one, updatedAt = :now',
        ConditionExpression: change.whileActive ? `version = :v AND ${STILL_ACTIVE}` : 'version = :v',
        ...(change.whileActive ? { ExpressionAttributeNames: stillActiveNames } : {}),
        ExpressionAttributeValues: {
          ':ids': mentorIds,
          ':one': 1,
          ':now': change.now,
          ':v': worker.version,
          ...(change.whileActive ? stillActiveValues : {}),
        },
      },
      onConditionFailed,
    };
  },

  /**
   * A new version of a worker still active, nothing else changed: a change that depends on the
   * worker staying active commits only if they are, and a version-guarded change that read the
   * worker before (an exit) has to read again.
   */
  touchWhileActive(workerId: string, now: string, onConditionFailed: () => AppError): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(workerId),
        UpdateExpression: 'SET version = version + :one, updatedAt = :now',
        ConditionExpression: STILL_ACTIVE,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: { ...stillActiveValues, ':one': 1, ':now': now },
      },
      onConditionFailed,
    };
  },

  /** Appends certificates to a worker still active and unchanged since read (`version`). */
  appendCertificates(
    worker: Pick<WorkerRecord, 'id' | 'version'>,
    certificates: WorkerCertificate[],
    now: string,
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression:
          'SET certificates = list_append(if_not_exists(certificates, :empty), :certs), version = version + :one, updatedAt = :now',
        ConditionExpression: `version = :v AND ${STILL_ACTIVE}`,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: {
          ...stillActiveValues,
          ':empty': [],
          ':certs': certificates,
          ':one': 1,
          ':now': now,
          ':v': worker.version,
        },
      },
      onConditionFailed,
    };
  },

  /** Undo of `appendCertificates`: puts back the list the worker had (safe to run minutes later). */
  restoreCertificates(worker: Pick<WorkerRecord, 'id' | 'certificates'>): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression: 'SET certificates = :before, version = version + :one',
        ExpressionAttributeValues: { ':before': worker.certificates, ':one': 1 },
      },
    };
  },
};
