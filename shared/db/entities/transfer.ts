import { rootOf } from '#shared/domain/org-paths.ts';
import type { Post } from '#shared/domain/pay.ts';
import { withoutKeys } from '#shared/db/items.ts';

/**
 * A bulk transfer (集中转任) of full-time grid workers: one record per batch with the outcome for
 * every person. Status: `in-progress` while a batch too big for one transaction is being written,
 * then `completed`, or `rolled-back` if a step failed and the written part was undone.
 */
export const transferStatuses = ['in-progress', 'completed', 'rolled-back'] as const;
export type TransferStatus = (typeof transferStatuses)[number];

export interface TransferPerson {
  /** 1-based row of the request. */
  row: number;
  workerId: string;
  name: string;
  nationalId: string;
  org: string;
  post: Post;
  grade: number;
  /** Base pay + post allowance at the new grade (fen/month). */
  payFen: number;
  /** Monthly pay before the transfer (fen); never more than payFen. */
  previousPayFen: number;
}

export interface TransferBatchRecord {
  id: string;
  /** The lowest org unit containing every person's org (audit and reads are authorised on it). */
  org: string;
  status: TransferStatus;
  effectiveOn: string;
  payPolicyVersion: string;
  recruitmentPolicyVersion: string;
  count: number;
  persons: TransferPerson[];
  failure: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export const transferKeys = {
  key: (id: string) => ({ pk: `TRANSFER#${id}`, sk: 'TRANSFER' }),
  /** ByCollection partition: a city's transfer batches by org path (a subtree is the `<org>/` key range, `subtreeQuery`). */
  byCity: (org: string) => `TRANSFERS#${rootOf(org)}`,
  orgSort: (org: string, createdAt: string, id: string) => `${org}/#${createdAt}#${id}`,
};

export function transferItem(record: TransferBatchRecord) {
  return {
    ...transferKeys.key(record.id),
    type: 'transfer',
    gsi1pk: transferKeys.byCity(record.org),
    gsi1sk: transferKeys.orgSort(record.org, record.createdAt, record.id),
    ...record,
  };
}

export function toTransferBatch(item: Record<string, unknown>): TransferBatchRecord {
  return withoutKeys<TransferBatchRecord>(item);
}
