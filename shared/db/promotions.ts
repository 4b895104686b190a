import {
  type PromotionRecord,
  promotionItem,
  promotionKeys,
  type ReservePoolEntry,
  reservePoolItem,
  reservePoolKeys,
} from '#shared/db/entities/promotion.ts';
import { withoutKeys } from '#shared/db/items.ts';
import { type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * The promotions aggregate's data operations (a worker's promotions, the reserve pool 后备人才库):
 * the reads and `WriteOp`s `usecases/promotions.ts` composes. Keys and items: `entities/promotion.ts`.
 */

/** A promotion, new. */
export function recordPromotionOp(promotion: PromotionRecord): WriteOp {
  return { Put: { Item: promotionItem(promotion), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** A worker's promotions by date (one Query of the worker's partition). */
export async function promotionsOf(store: Store, workerId: string): Promise<PromotionRecord[]> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': promotionKeys.key(workerId, '', '').pk,
      ':prefix': promotionKeys.prefix,
    },
  });
  return items.map((item) => withoutKeys<PromotionRecord>(item));
}

/** A worker enters the reserve pool (`onAlreadyIn` when they are in it). */
export function enterReservePoolOp(entry: ReservePoolEntry, onAlreadyIn: () => AppError): WriteOp {
  return {
    Put: { Item: reservePoolItem(entry), ConditionExpression: 'attribute_not_exists(pk)' },
    onConditionFailed: onAlreadyIn,
  };
}

/** A worker leaves the reserve pool (`onNotIn` when they aren't in it). */
export function leaveReservePoolOp(workerId: string, onNotIn: () => AppError): WriteOp {
  return {
    Delete: { Key: reservePoolKeys.key(workerId), ConditionExpression: 'attribute_exists(pk)' },
    onConditionFailed: onNotIn,
  };
}

/** The worker out of the reserve pool, whether they were in it or not (an exit). */
export function dropFromReservePoolOp(workerId: string): WriteOp {
  return { Delete: { Key: reservePoolKeys.key(workerId) } };
}

/** The worker is (still) not in the reserve pool (`onIn` otherwise). */
export function notInReservePoolCheck(workerId: string, onIn: () => AppError): WriteOp {
  return {
    ConditionCheck: { Key: reservePoolKeys.key(workerId), ConditionExpression: 'attribute_not_exists(pk)' },
    onConditionFailed: onIn,
  };
}

/** The pool's entries under an org subtree's key range (one ByCollection Query page). */
export async function reservePoolPage(
  store: Store,
  org: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ReservePoolEntry>> {
  const page = await store.queryPage(
    subtreeQuery(reservePoolKeys.collection(org), org, { Limit: limit }),
    cursor,
  );
  return {
    items: page.items.map((item) => withoutKeys<ReservePoolEntry>(item)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}
