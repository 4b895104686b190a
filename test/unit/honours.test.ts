import { describe, expect, it } from 'vitest';
import {
  checkNominationEligibility,
  defaultHonourPolicy,
  honourGroupOf,
  honourPolicySchema,
  type HonourType,
  honourTypes,
  requiresPartyMembership,
} from '#shared/domain/honours.ts';

const goodNominee = { isPartyMember: true, failedEvaluationInCycle: false, status: 'active' };
const codes = (nominee: typeof goodNominee, honour: HonourType) =>
  checkNominationEligibility(nominee, honour).map((failure) => failure.code);

describe('honour groups', () => {
  it('splits the six honours into the two groups', () => {
    const byGroup = (group: string) => honourTypes.filter((type) => honourGroupOf[type] === group);
    expect(byGroup('two-representatives-one-member')).toEqual([
      'party-congress-delegate',
      'peoples-congress-deputy',
      'cppcc-member',
    ]);
    expect(byGroup('two-excellents-one-advanced')).toEqual([
      'outstanding-party-member',
      'outstanding-party-worker',
      'advanced-party-organisation',
    ]);
  });

  it('requires party membership only for the personal party honours', () => {
    expect(honourTypes.filter((type) => requiresPartyMembership(type))).toEqual([
      'party-congress-delegate',
      'outstanding-party-member',
      'outstanding-party-worker',
    ]);
  });
});

describe('checkNominationEligibility', () => {
  it('accepts an active party member with clean evaluations for any honour', () => {
    for (const type of honourTypes) expect(codes(goodNominee, type)).toEqual([]);
  });

  it('rejects a non-member for party honours only', () => {
    const nonMember = { ...goodNominee, isPartyMember: false };
    expect(codes(nonMember, 'outstanding-party-member')).toEqual(['NOT_PARTY_MEMBER']);
    expect(codes(nonMember, 'party-congress-delegate')).toEqual(['NOT_PARTY_MEMBER']);
    expect(codes(nonMember, 'peoples-congress-deputy')).toEqual([]);
    expect(codes(nonMember, 'cppcc-member')).toEqual([]);
  });

  it('rejects anyone with a failed evaluation in the cycle, for every honour', () => {
    const failed = { ...goodNominee, failedEvaluationInCycle: true };
    for (const type of honourTypes) expect(codes(failed, type)).toEqual(['FAILED_EVALUATION_IN_CYCLE']);
  });

  it('reports every reason at once, with messages', () => {
    const failures = checkNominationEligibility(
      { isPartyMember: false, failedEvaluationInCycle: true, status: 'exited' },
      'outstanding-party-worker',
    );
    expect(failures.map((f) => f.code)).toEqual([
      'NOT_ACTIVE',
      'NOT_PARTY_MEMBER',
      'FAILED_EVALUATION_IN_CYCLE',
    ]);
    expect(failures[1]?.message).toContain('优秀党务工作者');
    // Read by HR officers: Chinese, no English left in.
    for (const failure of failures) expect(failure.message).not.toMatch(/[A-Za-z]/);
  });

  it('follows the policy', () => {
    expect(honourPolicySchema.parse(defaultHonourPolicy)).toEqual(defaultHonourPolicy);
    const policy = { ...defaultHonourPolicy, nominableStatuses: ['active', 'probation'] };
    expect(
      checkNominationEligibility({ ...goodNominee, status: 'probation' }, 'cppcc-member', policy),
    ).toEqual([]);
  });
});
