import {
  type TransferBatchRecord,
  toTransferBatch,
  transferItem,
  transferKeys,
} from '#shared/db/entities/transfer.ts';
import { batchRecord } from '#shared/db/record-status.ts';
import { type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';

/**
 * The transfer aggregate's data operations (one record per transfer batch): the reads and
 * `WriteOp`s `usecases/transfers.ts` composes. Keys and the item shape are in `entities/transfer.ts`.
 */

/** The batch's record, new (never overwrites another one's). */
export const createTransferOp = (record: TransferBatchRecord): WriteOp =>
  batchRecord.create(transferItem(record));

/** A transfer too big for one transaction ends `completed` (only from `in-progress`). */
export const completeTransferOp = (id: string, now: string): WriteOp =>
  batchRecord.complete(transferKeys.key(id), now);

/** The undo of an in-progress transfer's record: it stays, `rolled-back`. */
export const rollBackTransferOp = (id: string, now: string): WriteOp =>
  batchRecord.rollBack(transferKeys.key(id), now);

export async function findTransfer(store: Store, id: string): Promise<TransferBatchRecord | undefined> {
  const item = await store.get(transferKeys.key(id));
  return item ? toTransferBatch(item) : undefined;
}

/** Transfer batches in an org subtree (ByCollection TRANSFERS#<city>, the org path's key range), a page at a time. */
export async function transfersPage(
  store: Store,
  org: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<TransferBatchRecord>> {
  const page = await store.queryPage(subtreeQuery(transferKeys.byCity(org), org, { Limit: limit }), cursor);
  return { items: page.items.map(toTransferBatch), ...(page.cursor ? { cursor: page.cursor } : {}) };
}
