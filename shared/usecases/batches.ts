import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { loadBatch, openBatches, type RecoveryMode, recoverBatch } from '#shared/db/batches.ts';
import { type BatchRecord, batchView } from '#shared/db/entities/batch.ts';
import type { Store } from '#shared/db/store.ts';
import { notFound } from '#shared/errors.ts';
import { localiseOutcomes } from '#shared/messages/catalogue.ts';
import { renderedFailure, storedMessageOf } from '#shared/messages/stored.ts';

/** A batch (a change written in several transactions) with its status: HR of its org subtree. */
export async function getBatch(store: Store, ctx: RequestContext, id: string) {
  const batch = await loadBatch(store, id);
  if (!batch) throw notFound('batch', id);
  authorize(ctx.actor, 'batch:manage', { org: batch.org }, { what: 'batch', id });
  return readView(batch);
}

/** Batches still open (in progress or rolling back) inside an org subtree: one Query. */
export async function listOpenBatches(store: Store, ctx: RequestContext, org: string) {
  authorize(ctx.actor, 'batch:manage', { org });
  return { items: (await openBatches(store, org)).map(readView) };
}

/**
 * HR brings an abandoned batch to an end: `resume` finishes it (rolling back if a step can no
 * longer be applied), `roll-back` undoes it. Only once its owner's lease has expired (409
 * BATCH_IN_PROGRESS otherwise). Audited (`batch.resumed` / `batch.rolled-back`, by the caller).
 */
export async function recoverBatchOnRequest(
  store: Store,
  ctx: RequestContext,
  id: string,
  action: RecoveryMode,
) {
  const batch = await loadBatch(store, id);
  if (!batch) throw notFound('batch', id);
  authorize(ctx.actor, 'batch:manage', { org: batch.org }, { what: 'batch', id });
  const outcome = await recoverBatch(store, ctx, id, action);
  return {
    ...readView(outcome.batch),
    ...(outcome.error
      ? { rollbackReason: renderedFailure(storedMessageOf(outcome.error, 'STEP_FAILED')) }
      : {}),
  };
}

/** A batch as HR reads it: its failure (stored as code + params) in the caller's language. */
function readView(batch: BatchRecord) {
  const view = batchView(batch);
  return {
    ...view,
    ...(view.result !== undefined ? { result: localiseOutcomes(view.result) } : {}),
    failure: batch.failure && renderedFailure(batch.failure),
  };
}
