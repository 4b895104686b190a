import type { Item, Key, WriteOp } from '#shared/db/store.ts';

/**
 * The record of an import or move written as a durable batch (transfers, onboarding): created
 * `in-progress` (or `completed` when it fits one transaction), then completed by the batch's final
 * step, or left `rolled-back` by its undo. One copy of these ops for every such record.
 */
export const batchRecord = {
  /** The record, new (never overwrites another one's). */
  create(item: Item): WriteOp {
    return { Put: { Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  },

  /** The final step: `completed`, only from `in-progress`. */
  complete(key: Key, now: string): WriteOp {
    return {
      Update: {
        Key: key,
        UpdateExpression: 'SET #status = :completed, updatedAt = :now',
        ConditionExpression: '#status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':completed': 'completed', ':inProgress': 'in-progress', ':now': now },
      },
    };
  },

  /** The undo of the in-progress record: it stays, `rolled-back`. */
  rollBack(key: Key, now: string): WriteOp {
    return {
      Update: {
        Key: key,
        UpdateExpression: 'SET #status = :rolledBack, updatedAt = :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':rolledBack': 'rolled-back', ':now': now },
      },
    };
  },
};
