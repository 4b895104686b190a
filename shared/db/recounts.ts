import type { Key, WriteOp } from '#shared/db/store.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * A counter kept on any item (a unit's seats, a stats counter, a mentor's cap, a pairing's
 * sessions…) set to its recount, only if it still holds the value it was read with (a missing
 * attribute reads as 0); `alsoSet` sets other attributes derived from it (a unit's `available`).
 * The consistency checker's repair.
 */
export function correctCounter(
  key: Key,
  field: string,
  change: { recorded: number; recounted: number; alsoSet?: Record<string, number> },
  onMoved: () => AppError,
): WriteOp {
  const also = Object.entries(change.alsoSet ?? {});
  return {
    Update: {
      Key: key,
      UpdateExpression: ['SET #field = :recounted', ...also.map((_, i) => `#also${i} = :also${i}`)].join(
        ', ',
      ),
      ConditionExpression:
        change.recorded === 0 ? 'attribute_not_exists(#field) OR #field = :recorded' : '#field = :recorded',
      ExpressionAttributeNames: {
        '#field': field,
        ...Object.fromEntries(also.map(([name], i) => [`#also${i}`, name])),
      },
      ExpressionAttributeValues: {
        ':recounted': change.recounted,
        ':recorded': change.recorded,
        ...Object.fromEntries(also.map(([, value], i) => [`:also${i}`, value])),
      },
    },
    onConditionFailed: onMoved,
  };
}
