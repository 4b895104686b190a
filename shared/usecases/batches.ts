import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { loadBatch, openBatches, type RecoveryMode, recoverBatch } from '#shared/db/batches.ts';
import { batchView } from '#shared/db/entities/batch.ts';
import type { Store } from '#shared/db/store.ts';
import { AppError, notFound } from '#shared/errors.ts';
import { localiseOutcomes } from '#shared/messages/catalogue.ts';

/** A batch (a change written in several transactions) with its status: HR of its org subtree. */
export async function getBatch(store: Store, ctx: RequestContext, id: string) {
  const batch = await loadBatch(store, id);
  if (!batch) throw notFound('batch', id);
  authorize(ctx.actor, 'batch:manage', { org: batch.org }, { what: 'batch', id });
  return localiseOutcomes(batchView(batch));
}

/** Batches still open (in progress or rolling back) inside an org subtree: one Query. */
export async function listOpenBatches(store: Store, ctx: RequestContext, org: string) {
  authorize(ctx.actor, 'batch:manage', { org });
  return { items: (await openBatches(store, org)).map((batch) => localiseOutcomes(batchView(batch))) };
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
  // Failures are stored as code + English sentence; the caller reads them in their language.
  return localiseOutcomes({
    ...batchView(outcome.batch),
    ...(outcome.error
      ? {
          rollbackReason:
            outcome.error instanceof AppError
              ? { code: outcome.error.code, message: outcome.error.message }
              : { code: 'STEP_FAILED', message: String(outcome.error) },
        }
      : {}),
  });
}
