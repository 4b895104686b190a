import type { WorkerRecord } from '#shared/domain/workers.ts';
import { unprocessable } from '#shared/errors.ts';

/**
 * What the parts of `shared/db/workers.ts` whose writes depend on the worker staying active share
 * (only `workerNotActive` is re-exported there).
 */

/** "The worker is still active", the one way it is written: with `#status` and `:active` bound below. */
export const STILL_ACTIVE = '#status = :active';
export const stillActiveNames = { '#status': 'status' };
export const stillActiveValues = { ':active': 'active' };

/** 422 WORKER_NOT_ACTIVE: the error every use-case gives for a worker who is no longer active. */
export const workerNotActive = (worker: Pick<WorkerRecord, 'id' | 'status'>) =>
  unprocessable('WORKER_NOT_ACTIVE', `Worker ${worker.id} is no longer an active worker`, {
    workerId: worker.id,
    status: worker.status,
  });
