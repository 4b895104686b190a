import { certificationKeys, workerKeys } from '#shared/db/entities/worker.ts';
import { stillActiveNames, stillActiveValues, STILL_ACTIVE } from '#shared/db/workers-active.ts';
import type { WriteOp } from '#shared/db/store.ts';
import type { GradeChangeReason, Post, StepState } from '#shared/domain/pay.ts';
import type { WorkerCertificate, WorkerRecord } from '#shared/domain/workers.ts';
import type { AppError } from '#shared/errors.ts';

/** `:held`/`:heldSort`: the worker's ByCertification keys for an UpdateExpression. */
const heldValues = (worker: Pick<WorkerRecord, 'id' | 'org' | 'certificates'>) => {
  const keys = certificationKeys(worker);
  return { ':held': keys.gsi4pk, ':heldSort': keys.gsi4sk };
};

/**
 * The worker's grade, step and certificates (with their ByCertification level): the writes that
 * change them and the undo of an append. Part of `workers` (`shared/db/workers.ts`).
 */
export const workerGradeAndCertificates = {
  /**
   * Appends certificates to a worker still active and unchanged since read (`version`), and moves
   * the worker to their new highest level in ByCertification.
   */
  appendCertificates(
    worker: Pick<WorkerRecord, 'id' | 'org' | 'version' | 'certificates'>,
    certificates: WorkerCertificate[],
    now: string,
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression:
          'SET certificates = list_append(if_not_exists(certificates, :empty), :certs), version = version + :one, updatedAt = :now, gsi4pk = :held, gsi4sk = :heldSort',
        ConditionExpression: `version = :v AND ${STILL_ACTIVE}`,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: {
          ...stillActiveValues,
          ...heldValues({ ...worker, certificates: [...worker.certificates, ...certificates] }),
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

  /**
   * Undo of `appendCertificates`: puts back the list the worker had and their ByCertification level
   * (safe to run minutes later). An exit in those minutes would be listed again until the worker's
   * next write: DynamoDB can't set an attribute only when another holds a value, and a failing undo
   * would be worse.
   */
  restoreCertificates(worker: Pick<WorkerRecord, 'id' | 'org' | 'certificates'>): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression:
          'SET certificates = :before, version = version + :one, gsi4pk = :held, gsi4sk = :heldSort',
        ExpressionAttributeValues: { ':before': worker.certificates, ':one': 1, ...heldValues(worker) },
      },
    };
  },

  /**
   * A change of the worker's step state and, when `grade` is given, of post and grade (with the day
   * it took effect and why), guarded by the worker's `version`. `extraSet` are further attributes
   * set in the same update (e.g. committeeRoles); `stepNotCountedIn` also requires that the yearly
   * step of that year was not counted yet (the grade-step run's once-per-year guard).
   */
  changeGrade(
    worker: Pick<WorkerRecord, 'id' | 'version'>,
    change: {
      grade: { post: Post; grade: number; since: string; reason: GradeChangeReason } | null;
      step: StepState;
      extraSet?: Record<string, unknown> | undefined;
      stepNotCountedIn?: number | undefined;
      now: string;
    },
    onConditionFailed: () => AppError,
  ): WriteOp {
    const values: Record<string, unknown> = {
      ':version': worker.version,
      ':one': 1,
      ':now': change.now,
      ':step': change.step,
    };
    const names: Record<string, string> = {};
    const sets = ['updatedAt = :now', 'version = version + :one', 'step = :step'];
    if (change.grade) {
      values[':post'] = change.grade.post;
      values[':grade'] = change.grade.grade;
      values[':since'] = change.grade.since;
      values[':reason'] = change.grade.reason;
      sets.push('post = :post', 'grade = :grade', 'gradeSince = :since', 'gradeReason = :reason');
    }
    Object.entries(change.extraSet ?? {}).forEach(([field, value], i) => {
      names[`#x${i}`] = field;
      values[`:x${i}`] = value;
      sets.push(`#x${i} = :x${i}`);
    });
    let condition = 'version = :version';
    if (change.stepNotCountedIn !== undefined) {
      condition += ' AND (attribute_not_exists(step.lastStepYear) OR step.lastStepYear < :stepYear)';
      values[':stepYear'] = change.stepNotCountedIn;
    }
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
      onConditionFailed,
    };
  },
};
