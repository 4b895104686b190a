import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '#shared/context.ts';
import { type BatchRecord, batchKeys, OPEN_BATCHES, toBatch } from '#shared/db/entities/batch.ts';
import type { Store } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';

/** A durable batch's header record: its id, lease and reads (the runner is `batch-run.ts`). */

/** How long an owner may go without finishing a step before others may take the batch over. */
export function batchLeaseMs(): number {
  const seconds = Number(process.env.BATCH_LEASE_SECONDS ?? 60);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000;
}

/** Leases are about process liveness, so they use the wall clock, not the business clock. */
export const wallClock = () => Date.now();

/**
 * The batch id a request gets: derived from its Idempotency-Key (so a retry finds the batch it
 * started) or random.
 */
export function requestBatchId(ctx: RequestContext, kind: string): string {
  if (!ctx.idempotency) return `b_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  return `b_${createHash('sha256').update(`${kind}\n${ctx.idempotency.pk}`).digest('hex').slice(0, 24)}`;
}

export async function loadBatch(store: Store, id: string): Promise<BatchRecord | undefined> {
  const item = await store.get(batchKeys.key(id));
  return item ? toBatch(item) : undefined;
}

/** Open batches (in progress or rolling back) inside an org subtree: one Query. */
export async function openBatches(store: Store, org?: string): Promise<BatchRecord[]> {
  const items = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: org ? 'gsi1pk = :open AND gsi1sk BETWEEN :from AND :to' : 'gsi1pk = :open',
    ExpressionAttributeValues: {
      ':open': OPEN_BATCHES,
      ...(org ? { ':from': `${org}/`, ':to': `${org}/\uffff` } : {}),
    },
  });
  return items.map(toBatch);
}
