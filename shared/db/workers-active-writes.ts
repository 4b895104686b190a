import { workerKeys } from '#shared/db/entities/worker.ts';
import {
  stillActiveNames,
  stillActiveValues,
  STILL_ACTIVE,
  workerNotActive,
} from '#shared/db/workers-active.ts';
import type { WriteOp } from '#shared/db/store.ts';
import type { ProbationFields } from '#shared/domain/probation.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * Writes guarded by the worker staying active (and, most, unchanged since read): the check alone,
 * a new version, mentor pairings, a probation decision. Part of `workers` (`shared/db/workers.ts`).
 */
export const workerActiveWrites = {
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

  /** A probation decision's fields (转正 or an extension) on a worker still active and unchanged since read. */
  setProbation(
    worker: Pick<WorkerRecord, 'id' | 'version'>,
    fields: Required<ProbationFields>,
    now: string,
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression:
          'SET probationEndsOn = :endsOn, probationStatus = :status, probationExtendedMonths = :extended, probationDecidedOn = :decidedOn, updatedAt = :now, version = version + :one',
        ConditionExpression: `${STILL_ACTIVE} AND version = :v`,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: {
          ...stillActiveValues,
          ':endsOn': fields.probationEndsOn,
          ':status': fields.probationStatus,
          ':extended': fields.probationExtendedMonths,
          ':decidedOn': fields.probationDecidedOn,
          ':now': now,
          ':one': 1,
          ':v': worker.version,
        },
      },
      onConditionFailed,
    };
  },
};
