import { rootOf } from '#shared/domain/org-paths.ts';
import type { Post } from '#shared/domain/pay.ts';
import { withoutKeys } from '#shared/db/items.ts';

/**
 * An onboarding import (存量人员导入): one record per import with every person it brought in.
 * Status as for transfers: `in-progress` while an import too big for one transaction is written,
 * then `completed`, or `rolled-back` when a step failed and the written part was undone.
 */
export interface OnboardingPerson {
  /** 1-based row of the request. */
  row: number;
  workerId: string;
  name: string;
  nationalId: string;
  org: string;
  post: Post;
  grade: number;
  hiredOn: string;
}

export interface OnboardingRecord {
  id: string;
  /** The city: only its city-level HR import, and read the record. */
  org: string;
  status: 'in-progress' | 'completed' | 'rolled-back';
  count: number;
  payPolicyVersion: string;
  persons: OnboardingPerson[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

export const onboardingKeys = {
  key: (id: string) => ({ pk: `ONBOARDING#${id}`, sk: 'ONBOARDING' }),
  /** ByCollection partition: a city's imports, newest last (sort `<createdAt>#<id>`). */
  byCity: (org: string) => `ONBOARDINGS#${rootOf(org)}`,
};

export function onboardingItem(record: OnboardingRecord) {
  return {
    ...onboardingKeys.key(record.id),
    type: 'onboarding',
    gsi1pk: onboardingKeys.byCity(record.org),
    gsi1sk: `${record.createdAt}#${record.id}`,
    ...record,
  };
}

export function toOnboarding(item: Record<string, unknown>): OnboardingRecord {
  return withoutKeys<OnboardingRecord>(item);
}
