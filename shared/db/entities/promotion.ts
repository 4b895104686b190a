import { rootOf } from '#shared/domain/org-paths.ts';
import type { Post } from '#shared/domain/pay.ts';
import type { Committee, CommitteeRole } from '#shared/domain/promotion.ts';

/** A promotion into one of the two committees (两委), kept as history in the worker's partition. */
export interface PromotionRecord {
  id: string;
  workerId: string;
  org: string;
  committee: Committee;
  role: CommitteeRole;
  roleLabel: string;
  effectiveOn: string;
  from: { post: Post; grade: number };
  to: { post: Post; grade: number };
  /** Base pay + post allowance before and after (fen), under `payPolicyVersion`. */
  payBeforeFen: number;
  payAfterFen: number;
  payPolicyVersion: string;
  promotionPolicyVersion: string;
  /** Whether the worker was drawn from the reserve pool (后备力量). */
  fromReservePool: boolean;
  /** Required when not from the pool: why someone outside it was promoted. */
  outsidePoolReason: string | null;
  reason: string | null;
  recordedAt: string;
  recordedBy: string;
}

export const promotionKeys = {
  /** `Query pk = WORKER#<id> AND begins_with(sk, 'PROMOTION#')`: a worker's promotions by date. */
  key: (workerId: string, effectiveOn: string, id: string) => ({
    pk: `WORKER#${workerId}`,
    sk: `PROMOTION#${effectiveOn}#${id}`,
  }),
  prefix: 'PROMOTION#',
};

export function promotionItem(record: PromotionRecord) {
  return {
    ...promotionKeys.key(record.workerId, record.effectiveOn, record.id),
    type: 'promotion',
    ...record,
  };
}

/** A worker in the reserve pool (后备力量) that promotions into the committees draw from. */
export interface ReservePoolEntry {
  workerId: string;
  name: string;
  /** The worker's org unit when they entered the pool. */
  org: string;
  post: Post;
  grade: number;
  reason: string;
  addedOn: string;
  addedBy: string;
}

export const reservePoolKeys = {
  /** One GetItem answers "is this worker in the pool?" (the promotion checks it). */
  key: (workerId: string) => ({ pk: `WORKER#${workerId}`, sk: 'RESERVE-POOL' }),
  /** ByCollection: a city's pool ordered by org path, so a key range over `<subtree>/` lists a subtree (`subtreeQuery`). */
  collection: (org: string) => `RESERVE-POOL#${rootOf(org)}`,
  orgSort: (org: string, workerId: string) => `${org}/#${workerId}`,
};

export function reservePoolItem(entry: ReservePoolEntry) {
  return {
    ...reservePoolKeys.key(entry.workerId),
    type: 'reserve-pool',
    gsi1pk: reservePoolKeys.collection(entry.org),
    gsi1sk: reservePoolKeys.orgSort(entry.org, entry.workerId),
    ...entry,
  };
}
