import { describe, expect, it } from 'vitest';
import { defaultPayPolicy, type PayPolicy } from '#shared/domain/pay.ts';
import { defaultPromotionPolicy } from '#shared/domain/promotion.ts';
import {
  assessPromotion,
  normaliseRole,
  type PromotionCandidate,
  type PromotionPolicies,
} from '#shared/domain/promotion-checks.ts';

// Default table: base(g) = 280,000 + (g-1) x 15,000 fen; allowances principal 60,000 / deputy 40,000 / staff 20,000.
const policies: PromotionPolicies = {
  pay: { version: 'pay-v1', document: defaultPayPolicy },
  monthPay: { version: 'pay-v1', document: defaultPayPolicy },
  promotion: { version: 'promotion-v1', document: defaultPromotionPolicy },
};
const TODAY = '2026-03-02';
const worker: PromotionCandidate = {
  id: 'w_1',
  status: 'active',
  version: 3,
  post: 'staff',
  grade: 12,
  gradeSince: '2025-01-01',
  committeeRoles: [],
  inReservePool: true,
};
const codes = (a: { refusals: { code: string }[] }) => a.refusals.map((r) => r.code);

describe('assessPromotion', () => {
  it('staff grade 12 from the pool → party member: deputy grade 11, 465,000 → 470,000 fen, no refusal', () => {
    const a = assessPromotion(
      worker,
      { committee: 'party', role: 'member', effectiveOn: TODAY },
      TODAY,
      policies,
    );
    expect(a.refusals).toEqual([]);
    expect(a.role).toBe('member');
    expect(a.outcome).toMatchObject({
      roleLabel: '社区党组织委员会 委员',
      newPost: 'deputy',
      newGrade: 11,
      payBeforeFen: 465_000,
      payAfterFen: 470_000,
      shortfallFen: 0,
    });
  });

  it('names the head as its committee does: 书记 heads the party committee, 主任 the residents’ committee', () => {
    expect(normaliseRole('party', 'secretary')).toBe('head');
    const wrong = assessPromotion(
      worker,
      { committee: 'residents', role: 'secretary', effectiveOn: TODAY },
      TODAY,
      policies,
    );
    expect(wrong.role).toBeNull();
    expect(wrong.outcome).toBeNull();
    expect(codes(wrong)).toEqual(['ROLE_NOT_IN_COMMITTEE']);
    expect(() => normaliseRole('residents', 'secretary')).toThrow(/director/);
  });

  it('lists every refusal at once, in the order the promotion checks them', () => {
    const a = assessPromotion(
      {
        ...worker,
        status: 'exited',
        inReservePool: false,
        committeeRoles: [{ committee: 'party', role: 'member', since: '2025-06-01' }],
      },
      { committee: 'party', role: 'member', effectiveOn: '2026-03-03', expectedVersion: 2 },
      TODAY,
      policies,
    );
    expect(codes(a)).toEqual([
      'WORKER_NOT_ACTIVE',
      'VERSION_MISMATCH',
      'EFFECTIVE_DATE_IN_FUTURE',
      'ALREADY_IN_ROLE',
      'OUTSIDE_RESERVE_POOL',
    ]);
    expect(a.refusals.map((r) => r.status)).toEqual([422, 409, 422, 409, 422]);
    // The pay effect is still shown beside the refusals.
    expect(a.outcome?.payAfterFen).toBe(470_000);
  });

  it('a reason given for a worker outside the pool lifts OUTSIDE_RESERVE_POOL; a blank one does not', () => {
    const outside = { ...worker, inReservePool: false };
    const request = { committee: 'party', role: 'member', effectiveOn: TODAY } as const;
    expect(codes(assessPromotion(outside, { ...request, outsidePoolReason: '  ' }, TODAY, policies))).toEqual(
      ['OUTSIDE_RESERVE_POOL'],
    );
    expect(
      assessPromotion(outside, { ...request, outsidePoolReason: '换届选举当选' }, TODAY, policies).refusals,
    ).toEqual([]);
  });

  it('refuses a date before the last grade change', () => {
    const a = assessPromotion(
      worker,
      { committee: 'party', role: 'member', effectiveOn: '2024-12-31' },
      TODAY,
      policies,
    );
    expect(codes(a)).toEqual(['EFFECTIVE_DATE_BEFORE_LAST_CHANGE']);
    expect(a.refusals[0]!.details).toEqual({ effectiveOn: '2024-12-31', gradeSince: '2025-01-01' });
  });

  it('refuses a role below the current post, with no pay effect', () => {
    const a = assessPromotion(
      { ...worker, post: 'principal', grade: 10 },
      { committee: 'residents', role: 'member', effectiveOn: TODAY },
      TODAY,
      policies,
    );
    expect(codes(a)).toEqual(['NOT_A_PROMOTION']);
    expect(a.outcome).toBeNull();
  });

  it('refuses PAY_WOULD_DROP when the new band’s top grade pays less, showing the shortfall', () => {
    // Deputy band capped at grade 5: 340,000 + 40,000 = 380,000 < staff 12's 465,000.
    const narrow: PayPolicy = {
      ...defaultPayPolicy,
      bands: { ...defaultPayPolicy.bands, deputy: { min: 4, max: 5 } },
    };
    const a = assessPromotion(worker, { committee: 'party', role: 'member', effectiveOn: TODAY }, TODAY, {
      ...policies,
      pay: { version: 'pay-narrow', document: narrow },
      monthPay: { version: 'pay-narrow', document: narrow },
    });
    expect(codes(a)).toEqual(['PAY_WOULD_DROP']);
    expect(a.outcome).toMatchObject({ newGrade: 5, payAfterFen: 380_000, shortfallFen: 85_000 });
    expect(a.refusals[0]!.details).toMatchObject({ shortfallFen: 85_000, payPolicyVersion: 'pay-narrow' });
  });

  it('raises the grade so that the effective month, paid under the policy of its first day, pays no less', () => {
    // On the month's first day deputies drew the staff allowance (20,000): deputy 11 paid 450,000 < 465,000.
    const monthStart: PayPolicy = {
      ...defaultPayPolicy,
      postAllowanceFen: { ...defaultPayPolicy.postAllowanceFen, deputy: 20_000 },
    };
    const request = { committee: 'party', role: 'member', effectiveOn: '2026-03-01' } as const;
    const raised = assessPromotion(worker, request, TODAY, {
      ...policies,
      monthPay: { version: 'pay-feb', document: monthStart },
    });
    expect(raised.refusals).toEqual([]);
    // Grade 12 under the effective date's policy: 445,000 + 40,000.
    expect(raised.outcome).toMatchObject({ newGrade: 12, payAfterFen: 485_000, shortfallFen: 0 });

    // When that grade is outside the band in force on the effective date, it is refused.
    const capped: PayPolicy = {
      ...defaultPayPolicy,
      bands: { ...defaultPayPolicy.bands, deputy: { min: 4, max: 11 } },
    };
    const refused = assessPromotion(worker, request, TODAY, {
      ...policies,
      pay: { version: 'pay-capped', document: capped },
      monthPay: { version: 'pay-feb', document: monthStart },
    });
    expect(codes(refused)).toEqual(['PAY_WOULD_DROP']);
    expect(refused.refusals[0]!.details).toEqual({
      grade: 12,
      payPolicyVersion: 'pay-capped',
      monthPayPolicyVersion: 'pay-feb',
    });
  });
});
