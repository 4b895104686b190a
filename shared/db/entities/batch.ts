import { withoutKeys } from '#shared/db/items.ts';

/**
 * A durable batch: a change too big for one DynamoDB transaction, recorded before its first write
 * (see `shared/db/batches.ts`). One header item plus one plan item per step, all in the batch's
 * partition:
 *
 * - `BATCH#<id>` / `BATCH`: the header (status, owner + lease, next step, the request it serves).
 *   While open (`in-progress` or `rolling-back`) it sits in the ByCollection partition
 *   `BATCHES#OPEN` sorted by `<org>/#<id>`: the recovery job and HR list open batches with one
 *   Query (a subtree is a key range); a closed batch leaves that index.
 * - `BATCH#<id>` / `PLAN#<nnnn>`: the writes of step n and the writes that undo it (gzipped JSON),
 *   so any process can resume or roll back a batch another one started.
 */
export const batchStatuses = ['in-progress', 'rolling-back', 'completed', 'rolled-back'] as const;
export type BatchStatus = (typeof batchStatuses)[number];

export interface BatchRequest {
  actor: { sub: string; role: 'hr' | 'mentor' | 'worker'; org: string; workerId?: string };
  requestId: string;
  /** The request's business time (ISO): audit entries of every step carry it. */
  now: string;
}

export interface BatchRecord {
  id: string;
  /** What kind of change (`transfer`, `recruitment-scores`, …). */
  kind: string;
  /** The lowest org unit containing everything the batch touches (authorises HR recovery). */
  org: string;
  /** The entity the batch writes, e.g. `transfer:t_…` (where its outcome is read). */
  subject: string;
  status: BatchStatus;
  /** Intermediate steps; the final step (commit point) is step `stepCount`. */
  stepCount: number;
  /** In progress: the next step to apply (steps below it are applied). */
  nextStep: number;
  /** Rolling back: the next step to undo (descending; -1 when everything is undone). */
  undoNext: number;
  /** Who is applying it now, and until when (epoch ms) nobody else may take over. */
  owner: string;
  leaseUntil: number;
  request: BatchRequest;
  /**
   * Why it was rolled back: a catalogue code + params, rendered per language on read. Batches
   * rolled back before that stored code + English sentence (`message`), still read the old way.
   */
  failure: { code: string; params?: Record<string, unknown>; message?: string } | null;
  /** What the request answers once the batch is complete (replayed to a retry that resumed it). */
  result?: unknown;
  createdAt: string;
  updatedAt: string;
}

export const OPEN_BATCHES = 'BATCHES#OPEN';

export const batchKeys = {
  key: (id: string) => ({ pk: `BATCH#${id}`, sk: 'BATCH' }),
  plan: (id: string, step: number) => ({ pk: `BATCH#${id}`, sk: `PLAN#${String(step).padStart(4, '0')}` }),
  openSort: (org: string, id: string) => `${org}/#${id}`,
};

export function batchItem(record: BatchRecord) {
  const open = record.status === 'in-progress' || record.status === 'rolling-back';
  return {
    ...batchKeys.key(record.id),
    type: 'batch',
    ...(open ? { gsi1pk: OPEN_BATCHES, gsi1sk: batchKeys.openSort(record.org, record.id) } : {}),
    ...record,
  };
}

export function toBatch(item: Record<string, unknown>): BatchRecord {
  return withoutKeys<BatchRecord>(item);
}

/** What HR sees of a batch (the request's actor is kept; plans stay internal). */
export function batchView(batch: BatchRecord) {
  const { owner: _owner, ...rest } = batch;
  return { ...rest, leaseUntil: new Date(batch.leaseUntil).toISOString() };
}
