import {
  type OnboardingRecord,
  onboardingItem,
  onboardingKeys,
  toOnboarding,
} from '#shared/db/entities/onboarding.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';

/**
 * The onboarding aggregate's data operations (one record per import): the reads and `WriteOp`s
 * `usecases/onboarding.ts` composes. Keys and the item shape are in `entities/onboarding.ts`.
 */

/** The import's record, new (never overwrites another import's). */
export function createOnboardingOp(record: OnboardingRecord): WriteOp {
  return { Put: { Item: onboardingItem(record), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** An import too big for one transaction ends `completed` (only from `in-progress`). */
export function completeOnboardingOp(id: string, now: string): WriteOp {
  return {
    Update: {
      Key: onboardingKeys.key(id),
      UpdateExpression: 'SET #status = :completed, updatedAt = :now',
      ConditionExpression: '#status = :inProgress',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':completed': 'completed', ':inProgress': 'in-progress', ':now': now },
    },
  };
}

/** The undo of an in-progress import's record: it stays, `rolled-back`. */
export function rollBackOnboardingOp(id: string, now: string): WriteOp {
  return {
    Update: {
      Key: onboardingKeys.key(id),
      UpdateExpression: 'SET #status = :rolledBack, updatedAt = :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':rolledBack': 'rolled-back', ':now': now },
    },
  };
}

export async function findOnboarding(store: Store, id: string): Promise<OnboardingRecord | undefined> {
  const item = await store.get(onboardingKeys.key(id));
  return item ? toOnboarding(item) : undefined;
}
