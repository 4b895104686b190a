import { randomUUID } from 'node:crypto';
import type { RequestContext } from '#shared/context.ts';
import { type BatchRecord, type BatchRequest, batchItem, batchKeys } from '#shared/db/entities/batch.ts';
import type { Store } from '#shared/db/store.ts';
import { conflict, notFound } from '#shared/errors.ts';
import { batchLeaseMs, loadBatch, openBatches, requestBatchId, wallClock } from '#shared/db/batch-records.ts';
import {
  type BatchFinal,
  BatchRun,
  type BatchStep,
  LostLease,
  planItem,
  readPlan,
  stepContext,
} from '#shared/db/batch-run.ts';

export { batchLeaseMs, loadBatch, openBatches, requestBatchId } from '#shared/db/batch-records.ts';
export type { BatchFinal, BatchStep } from '#shared/db/batch-run.ts';

/**
 * Durable batches: one change written in several transactions that ends complete or rolled back
 * even if the process dies between them (see docs/CONVENTIONS.md, "Batches bigger than one
 * transaction").
 *
 * 1. The plan (every step's writes and the writes that undo it) is stored, then the header
 *    (`in-progress`, owner, lease), before the first write.
 * 2. Step n is one transaction: its writes plus a fenced update of the header (`owner = me AND
 *    nextStep = n` → `nextStep = n + 1`, lease renewed). The header is the step marker: a step is
 *    never applied twice, and a process that lost its lease can't write.
 * 3. The final step (step `stepCount`) commits: its writes, the header → `completed`, and the
 *    request's idempotency marker.
 * 4. On failure: header → `rolling-back`, then each applied step's undo, newest first, each fenced
 *    the same way (`undoNext = n` → `n - 1`), then → `rolled-back`.
 * 5. A batch whose owner died (lease expired) is taken over: by a retry of the same request
 *    (same Idempotency-Key → same batch id), the recovery job, or HR (`POST /v1/batches/{id}/recover`).
 *    Taking over resumes forward (falling back to rolling back if a step now fails) or, on request,
 *    rolls back; a batch already rolling back only ever continues rolling back.
 */

export interface BatchSpec {
  kind: string;
  org: string;
  /** The entity the batch writes (`transfer:t_…`): where its outcome is read. */
  subject: string;
  /** The response a retry gets once the batch is complete (small: it lives in the header). */
  result?: unknown;
}

/**
 * For a request that may be a retry: the batch this request's Idempotency-Key started, brought
 * to an end. `undefined` when there is none (or it was rolled back): run the request afresh.
 * A batch still owned by a live process is 409 BATCH_IN_PROGRESS; a resumed batch that had to be
 * rolled back rethrows the reason.
 */
export async function resumeRequestBatch(
  store: Store,
  ctx: RequestContext,
  kind: string,
): Promise<BatchRecord | undefined> {
  if (!ctx.idempotency) return undefined;
  const batch = await loadBatch(store, requestBatchId(ctx, kind));
  if (!batch || batch.status === 'rolled-back') return undefined;
  if (batch.status === 'completed') return batch;
  const outcome = await recoverBatch(store, ctx, batch.id, 'resume');
  if (outcome.batch.status === 'completed') return outcome.batch;
  if (outcome.error) throw outcome.error;
  return undefined;
}

/**
 * Runs `steps` then `final` as a durable batch (the caller has validated everything and decided
 * the steps do not fit one transaction). All or nothing: on failure every applied step is undone
 * and the error rethrown.
 */
export async function runBatch(
  store: Store,
  ctx: RequestContext,
  spec: BatchSpec,
  steps: readonly BatchStep[],
  final: BatchFinal,
): Promise<BatchRecord> {
  let id = requestBatchId(ctx, spec.kind);
  const existing = await loadBatch(store, id);
  if (existing?.status === 'rolled-back') id = requestBatchId({ ...ctx, idempotency: undefined }, spec.kind);
  else if (existing)
    throw conflict('BATCH_IN_PROGRESS', 'This request already started a batch; retry to resume it', {
      batchId: id,
    });
  const owner = randomUUID();
  const now = ctx.now.toISOString();
  const request: BatchRequest = {
    actor: { ...ctx.actor },
    requestId: ctx.requestId,
    now,
  };
  // The plan first (idempotent puts under a batch id nobody else uses), then the header.
  await store.batchPut([
    ...steps.map((step, i) => planItem(id, i, step)),
    planItem(id, steps.length, { ...final, undo: { ops: [], audit: [] } }),
  ]);
  let batch: BatchRecord = {
    id,
    kind: spec.kind,
    org: spec.org,
    subject: spec.subject,
    status: 'in-progress',
    stepCount: steps.length,
    nextStep: 0,
    undoNext: -1,
    owner,
    leaseUntil: wallClock() + batchLeaseMs(),
    request,
    failure: null,
    ...(spec.result !== undefined ? { result: spec.result } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await store.transact(
    stepContext(request, 'start'),
    [{ Put: { Item: batchItem(batch), ConditionExpression: 'attribute_not_exists(pk)' } }],
    [{ entity: `batch:${id}`, org: spec.org, action: 'batch.started', after: summary(batch) }],
  );
  const run = new BatchRun(store, batch, owner, ctx.idempotency);
  try {
    await run.forward((i) => (i < steps.length ? steps[i]! : { ...final, undo: { ops: [], audit: [] } }));
    batch = run.batch;
    return batch;
  } catch (error) {
    if (error instanceof LostLease) throw run.lostLease();
    await run.rollBack(error);
    throw error;
  }
}

export type RecoveryMode = 'resume' | 'roll-back';

/**
 * Takes over an open batch whose lease expired and brings it to an end: `resume` rolls forward
 * (falling back to rolling back if a step fails), `roll-back` undoes it. Audited as the caller.
 */
export async function recoverBatch(
  store: Store,
  ctx: RequestContext,
  id: string,
  mode: RecoveryMode,
): Promise<{ batch: BatchRecord; error?: unknown }> {
  const current = await loadBatch(store, id);
  if (!current) throw notFound('batch', id);
  if (current.status === 'completed' || current.status === 'rolled-back') return { batch: current };
  const owner = randomUUID();
  const taken = await takeOver(store, current, owner);
  const run = new BatchRun(store, taken, owner, ctx.idempotency);
  let error: unknown;
  if (taken.status === 'rolling-back' || mode === 'roll-back') {
    await run.rollBack(undefined);
  } else {
    try {
      await run.forward((i) => readPlan(store, id, i));
    } catch (stepError) {
      if (stepError instanceof LostLease) throw run.lostLease();
      error = stepError;
      await run.rollBack(stepError);
    }
  }
  const batch = run.batch;
  await store.transact(
    { ...ctx, idempotency: undefined },
    [],
    [
      {
        entity: `batch:${id}`,
        org: batch.org,
        action: batch.status === 'completed' ? 'batch.resumed' : 'batch.rolled-back',
        before: { status: current.status, nextStep: current.nextStep, owner: 'expired' },
        after: summary(batch),
      },
    ],
  );
  return { batch, ...(error !== undefined ? { error } : {}) };
}

/**
 * The recovery sweep (scheduled job; local mode also runs it at start): every open batch whose
 * lease has expired is resumed (or, if rolling back, rolled back).
 */
export async function recoverAbandonedBatches(
  store: Store,
  ctx: RequestContext,
): Promise<{ open: number; completed: string[]; rolledBack: string[]; skipped: string[] }> {
  const open = await openBatches(store);
  const result = {
    open: open.length,
    completed: [] as string[],
    rolledBack: [] as string[],
    skipped: [] as string[],
  };
  for (const batch of open) {
    if (batch.leaseUntil > wallClock()) {
      result.skipped.push(batch.id);
      continue;
    }
    try {
      const outcome = await recoverBatch(store, ctx, batch.id, 'resume');
      (outcome.batch.status === 'completed' ? result.completed : result.rolledBack).push(batch.id);
    } catch {
      // Taken over by someone else meanwhile, or DynamoDB trouble: the next sweep tries again.
      result.skipped.push(batch.id);
    }
  }
  return result;
}

async function takeOver(store: Store, batch: BatchRecord, owner: string): Promise<BatchRecord> {
  const lease = wallClock() + batchLeaseMs();
  const ok = await store.updateItem({
    Key: batchKeys.key(batch.id),
    UpdateExpression: 'SET #owner = :owner, leaseUntil = :lease',
    ConditionExpression: '#status IN (:inProgress, :rollingBack) AND leaseUntil < :now',
    ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
    ExpressionAttributeValues: {
      ':owner': owner,
      ':lease': lease,
      ':now': wallClock(),
      ':inProgress': 'in-progress',
      ':rollingBack': 'rolling-back',
    },
  });
  if (!ok) {
    const now = await loadBatch(store, batch.id);
    throw conflict(
      'BATCH_IN_PROGRESS',
      'The batch is being written by a live process; retry after its lease expires',
      {
        batchId: batch.id,
        status: now?.status,
        leaseUntil: now ? new Date(now.leaseUntil).toISOString() : null,
      },
    );
  }
  const taken = await loadBatch(store, batch.id);
  if (!taken || taken.owner !== owner)
    throw conflict('BATCH_IN_PROGRESS', 'The batch was taken over meanwhile', { batchId: batch.id });
  return taken;
}

function summary(batch: BatchRecord) {
  return {
    kind: batch.kind,
    subject: batch.subject,
    status: batch.status,
    stepCount: batch.stepCount,
    nextStep: batch.nextStep,
  };
}
