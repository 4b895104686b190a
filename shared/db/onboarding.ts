import {
  type OnboardingRecord,
  onboardingItem,
  onboardingKeys,
  toOnboarding,
} from '#shared/db/entities/onboarding.ts';
import { batchRecord } from '#shared/db/record-status.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';

/**
 * The onboarding aggregate's data operations (one record per import): the reads and `WriteOp`s
 * `usecases/onboarding.ts` composes. Keys and the item shape are in `entities/onboarding.ts`.
 */

/** The import's record, new (never overwrites another import's). */
export const createOnboardingOp = (record: OnboardingRecord): WriteOp =>
  batchRecord.create(onboardingItem(record));

/** An import too big for one transaction ends `completed` (only from `in-progress`). */
export const completeOnboardingOp = (id: string, now: string): WriteOp =>
  batchRecord.complete(onboardingKeys.key(id), now);

/** The undo of an in-progress import's record: it stays, `rolled-back`. */
export const rollBackOnboardingOp = (id: string, now: string): WriteOp =>
  batchRecord.rollBack(onboardingKeys.key(id), now);

export async function findOnboarding(store: Store, id: string): Promise<OnboardingRecord | undefined> {
  const item = await store.get(onboardingKeys.key(id));
  return item ? toOnboarding(item) : undefined;
}
