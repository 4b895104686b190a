import { describe, expect, it } from 'vitest';
import { defaultPayPolicy, payPolicySchema } from '#shared/domain/pay.ts';
import {
  defaultPromotionPolicy,
  postForRole,
  promotionOutcome,
  promotionPolicySchema,
} from '#shared/domain/promotion.ts';

// Default table: base(g) = 280,000 + (g-1) x 15,000 fen; allowances principal 60,000 / deputy 40,000 / staff 20,000.
const pay = defaultPayPolicy;

describe('role → post', () => {
  it('maps head to principal and deputy/member to deputy in both committees', () => {
    expect(promotionPolicySchema.safeParse(defaultPromotionPolicy).success).toBe(true);
    for (const committee of ['party', 'residents'] as const) {
      expect(postForRole(committee, 'head')).toBe('principal');
      expect(postForRole(committee, 'deputy')).toBe('deputy');
      expect(postForRole(committee, 'member')).toBe('deputy');
    }
  });
});

describe('promotionOutcome', () => {
  it('staff grade 12 → party committee member: lowest deputy grade paying ≥ 465,000 is 11 (470,000)', () => {
    // staff 12: 445,000 + 20,000 = 465,000; deputy 10: 455,000 < 465,000; deputy 11: 430,000 + 40,000 = 470,000
    expect(
      promotionOutcome({ post: 'staff', grade: 12 }, { committee: 'party', role: 'member' }, pay),
    ).toEqual({
      ok: true,
      committee: 'party',
      role: 'member',
      roleLabel: '社区党组织委员会 委员',
      newPost: 'deputy',
      newGrade: 11,
      payBeforeFen: 465_000,
      payAfterFen: 470_000,
      shortfallFen: 0,
    });
  });

  it('deputy grade 15 → residents committee director: principal 14 (535,000 ≥ 530,000)', () => {
    const r = promotionOutcome({ post: 'deputy', grade: 15 }, { committee: 'residents', role: 'head' }, pay);
    expect(r).toMatchObject({
      ok: true,
      roleLabel: '居民委员会 主任',
      newPost: 'principal',
      newGrade: 14,
      payBeforeFen: 530_000,
      payAfterFen: 535_000,
    });
  });

  it('a low-grade worker lands on the new band minimum', () => {
    const r = promotionOutcome({ post: 'staff', grade: 1 }, { committee: 'party', role: 'head' }, pay);
    expect(r).toMatchObject({
      ok: true,
      newPost: 'principal',
      newGrade: 7,
      payBeforeFen: 300_000,
      payAfterFen: 430_000,
    });
  });

  it('keeps post and grade when the role sits in the same post', () => {
    const r = promotionOutcome({ post: 'deputy', grade: 6 }, { committee: 'party', role: 'member' }, pay);
    expect(r).toMatchObject({
      ok: true,
      roleLabel: '社区党组织委员会 委员',
      newPost: 'deputy',
      newGrade: 6,
      payAfterFen: 395_000,
    });
  });

  it('rejects a move to a lower post', () => {
    expect(
      promotionOutcome({ post: 'principal', grade: 10 }, { committee: 'residents', role: 'member' }, pay),
    ).toEqual({
      ok: false,
      reason: 'not-a-promotion',
      currentPost: 'principal',
      rolePost: 'deputy',
    });
  });

  it('surfaces a shortfall when the new band cannot match current pay', () => {
    const narrow = payPolicySchema.parse({
      ...defaultPayPolicy,
      bands: { ...defaultPayPolicy.bands, principal: { min: 7, max: 8 } },
    });
    // deputy 15: 530,000; principal 8: 385,000 + 60,000 = 445,000 → shortfall 85,000
    const r = promotionOutcome({ post: 'deputy', grade: 15 }, { committee: 'party', role: 'head' }, narrow);
    expect(r).toMatchObject({ ok: true, newGrade: 8, payAfterFen: 445_000, shortfallFen: 85_000 });
  });

  it('rejects a current grade outside the current band', () => {
    expect(() =>
      promotionOutcome({ post: 'staff', grade: 13 }, { committee: 'party', role: 'head' }, pay),
    ).toThrow(/band/);
  });
});
