import { z } from 'zod';
import * as names from './names.ts';

/**
 * Honour nominations: 两代表一委员 (two representatives, one member) and 两优一先 (two excellents,
 * one advanced). Community workers get a reserved quota (指标单列); these rules decide who may be
 * nominated at all.
 */

export const honourTypes = [
  'party-congress-delegate',
  'peoples-congress-deputy',
  'cppcc-member',
  'outstanding-party-member',
  'outstanding-party-worker',
  'advanced-party-organisation',
] as const;
export type HonourType = (typeof honourTypes)[number];
export const honourTypeSchema = z.enum(honourTypes);

export type HonourGroup = 'two-representatives-one-member' | 'two-excellents-one-advanced';

export const honourGroupOf: Readonly<Record<HonourType, HonourGroup>> = {
  'party-congress-delegate': 'two-representatives-one-member',
  'peoples-congress-deputy': 'two-representatives-one-member',
  'cppcc-member': 'two-representatives-one-member',
  'outstanding-party-member': 'two-excellents-one-advanced',
  'outstanding-party-worker': 'two-excellents-one-advanced',
  'advanced-party-organisation': 'two-excellents-one-advanced',
};

export const honourTypeNames: Readonly<Record<HonourType, string>> = names.honourTypeNames;

export const honourPolicySchema = z.object({
  /** Honours only party members may receive. */
  partyMembershipRequired: z.array(honourTypeSchema),
  /** Worker statuses that may be nominated (an exited worker cannot be). */
  nominableStatuses: z.array(z.string().min(1)).min(1),
});
export type HonourPolicy = z.infer<typeof honourPolicySchema>;

/**
 * 'advanced-party-organisation' honours an organisation, not a person, so membership cannot apply;
 * a worker nominated for it is put forward as the organisation's representative. People's congress
 * deputies and CPPCC members are open to non-members.
 */
export const defaultHonourPolicy: HonourPolicy = {
  partyMembershipRequired: [
    'party-congress-delegate',
    'outstanding-party-member',
    'outstanding-party-worker',
  ],
  nominableStatuses: ['active'],
};

export interface Nominee {
  isPartyMember: boolean;
  /** A failed (不称职/不合格) evaluation in the honour's cycle. */
  failedEvaluationInCycle: boolean;
  /** The worker's status, e.g. 'active' or 'exited'. */
  status: string;
}

export type NominationFailureCode = 'NOT_PARTY_MEMBER' | 'FAILED_EVALUATION_IN_CYCLE' | 'NOT_ACTIVE';

export interface NominationFailure {
  code: NominationFailureCode;
  message: string;
}

/** Every reason the nominee can't be put forward for `honourType`; empty means eligible. */
export function checkNominationEligibility(
  nominee: Nominee,
  honourType: HonourType,
  policy: HonourPolicy = defaultHonourPolicy,
): NominationFailure[] {
  const failures: NominationFailure[] = [];
  if (!policy.nominableStatuses.includes(nominee.status)) {
    failures.push({
      code: 'NOT_ACTIVE',
      message: '该人员的当前状态不在评优政策可推荐的范围内',
    });
  }
  if (requiresPartyMembership(honourType, policy) && !nominee.isPartyMember) {
    failures.push({
      code: 'NOT_PARTY_MEMBER',
      message: `${honourTypeNames[honourType]}须为中共党员`,
    });
  }
  if (nominee.failedEvaluationInCycle) {
    failures.push({
      code: 'FAILED_EVALUATION_IN_CYCLE',
      message: '本评优周期内有考核不称职记录',
    });
  }
  return failures;
}

export function requiresPartyMembership(
  honourType: HonourType,
  policy: HonourPolicy = defaultHonourPolicy,
): boolean {
  return policy.partyMembershipRequired.includes(honourType);
}
