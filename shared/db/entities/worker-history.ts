import type { WriteOp } from '#shared/db/store.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';

/**
 * A worker's lifecycle events (hired, transferred in, exited, …), kept in the worker's own
 * partition so they stay readable after the worker exits.
 *
 * Key: pk `WORKER#<id>` (same partition as the profile), sk `HISTORY#<iso instant>#<event>`.
 * Access pattern: "a worker's history, in time order" = Query pk = WORKER#<id> AND
 * begins_with(sk, 'HISTORY#') (ScanIndexForward false for newest first).
 */
export interface WorkerHistoryEntry {
  workerId: string;
  /** e.g. 'hired', 'transferred-in', 'exited'. */
  event: string;
  /** The instant it was recorded. */
  at: string;
  /** The business date it takes effect (YYYY-MM-DD). */
  effectiveOn: string;
  /** The org unit the worker was in when it happened. */
  org: string;
  /** Event specifics (channel, grade, recruitment, exit situation, …). */
  details: Record<string, unknown>;
  actor: { sub: string; role: string; org: string };
}

export const workerHistoryKeys = {
  prefix: 'HISTORY#',
  key: (workerId: string, at: string, event: string) => ({
    pk: workerKeys.key(workerId).pk,
    sk: `HISTORY#${at}#${event}`,
  }),
};

export function workerHistoryItem(entry: WorkerHistoryEntry) {
  return {
    ...workerHistoryKeys.key(entry.workerId, entry.at, entry.event),
    type: 'worker-history',
    ...entry,
  };
}

/** A Put of one history entry, for the transaction that makes the change. */
export function workerHistoryOp(entry: WorkerHistoryEntry): WriteOp {
  return { Put: { Item: workerHistoryItem(entry) } };
}

/** Undo of `workerHistoryOp` (a durable batch's roll-back). */
export function workerHistoryUndoOp(entry: Pick<WorkerHistoryEntry, 'workerId' | 'at' | 'event'>): WriteOp {
  return { Delete: { Key: workerHistoryKeys.key(entry.workerId, entry.at, entry.event) } };
}

export function toWorkerHistoryEntry(item: Record<string, unknown>): WorkerHistoryEntry {
  return {
    workerId: item.workerId as string,
    event: item.event as string,
    at: item.at as string,
    effectiveOn: item.effectiveOn as string,
    org: item.org as string,
    details: (item.details as Record<string, unknown>) ?? {},
    actor: item.actor as WorkerHistoryEntry['actor'],
  };
}
