/**
 * Promotion into the "two committees" (两委): the community party organisation committee
 * (社区党组织委员会) and the residents' committee (居民委员会).
 *
 * Pure rules: no I/O, no clock. The caller effective-dates the outcome and keeps it as history.
 *
 * Interpretation choices:
 * - Role codes are shared by both committees: 'member' (委员), 'deputy' (副书记 / 副主任) and
 *   'head' (书记 for the party committee, 主任 for the residents' committee); labels are per committee.
 * - Role → post in the three-post scale (default, a policy): head → 'principal' (正职);
 *   deputy → 'deputy'; member → 'deputy' — committee members are 副职 ("two committees" members sit
 *   above the other workers), so a staff worker entering a committee as member moves into the deputy band.
 * - Pay never drops: the new grade is the lowest grade in the new post's band whose base pay + post
 *   allowance is ≥ the current base pay + post allowance (`mapGradeForPay`). A shortfall (the new
 *   band's top grade pays less) is returned, not hidden.
 * - Never a demotion of post: a role whose post ranks below the current post (staff < deputy <
 *   principal) is rejected with 'not-a-promotion'. A role in the same post (e.g. a deputy becoming
 *   a committee member) is accepted and keeps the current grade: there is no post change to remap.
 */
import { z } from 'zod';
import { type PayPolicy, type Post, gradePayFen, mapGradeForPay, postRank, postSchema } from './pay.ts';

export const COMMITTEES = ['party', 'residents'] as const;
export type Committee = (typeof COMMITTEES)[number];
export const COMMITTEE_ROLES = ['member', 'deputy', 'head'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

export const COMMITTEE_LABELS: Record<Committee, string> = {
  party: '社区党组织委员会',
  residents: '居民委员会',
};

export const ROLE_LABELS: Record<Committee, Record<CommitteeRole, string>> = {
  party: { member: '委员', deputy: '副书记', head: '书记' },
  residents: { member: '委员', deputy: '副主任', head: '主任' },
};

const rolePosts = z.object({ member: postSchema, deputy: postSchema, head: postSchema });

export const promotionPolicySchema = z.object({
  rolePosts: z.object({ party: rolePosts, residents: rolePosts }),
});
export type PromotionPolicy = z.infer<typeof promotionPolicySchema>;

export const defaultPromotionPolicy: PromotionPolicy = promotionPolicySchema.parse({
  rolePosts: {
    party: { member: 'deputy', deputy: 'deputy', head: 'principal' },
    residents: { member: 'deputy', deputy: 'deputy', head: 'principal' },
  },
});

export const postForRole = (
  committee: Committee,
  role: CommitteeRole,
  policy: PromotionPolicy = defaultPromotionPolicy,
): Post => policy.rolePosts[committee][role];

export interface PromotionAccepted {
  ok: true;
  committee: Committee;
  role: CommitteeRole;
  /** e.g. '社区党组织委员会 书记' */
  roleLabel: string;
  newPost: Post;
  newGrade: number;
  /** Base pay + post allowance before and after. */
  payBeforeFen: number;
  payAfterFen: number;
  /** > 0 when the new band cannot match today's pay (the guarantee cannot be honoured by the table). */
  shortfallFen: number;
}

export interface PromotionRejected {
  ok: false;
  reason: 'not-a-promotion';
  currentPost: Post;
  rolePost: Post;
}

export type PromotionOutcome = PromotionAccepted | PromotionRejected;

export function promotionOutcome(
  current: { post: Post; grade: number },
  target: { committee: Committee; role: CommitteeRole },
  payPolicy: PayPolicy,
  promotionPolicy: PromotionPolicy = defaultPromotionPolicy,
): PromotionOutcome {
  const payBeforeFen = gradePayFen(current.post, current.grade, payPolicy); // validates grade ∈ band
  const newPost = postForRole(target.committee, target.role, promotionPolicy);
  if (postRank(newPost) < postRank(current.post)) {
    return { ok: false, reason: 'not-a-promotion', currentPost: current.post, rolePost: newPost };
  }
  const base = {
    ok: true as const,
    committee: target.committee,
    role: target.role,
    roleLabel: `${COMMITTEE_LABELS[target.committee]} ${ROLE_LABELS[target.committee][target.role]}`,
    newPost,
    payBeforeFen,
  };
  if (newPost === current.post) {
    return { ...base, newGrade: current.grade, payAfterFen: payBeforeFen, shortfallFen: 0 };
  }
  const mapped = mapGradeForPay(newPost, payBeforeFen, payPolicy);
  return { ...base, newGrade: mapped.grade, payAfterFen: mapped.payFen, shortfallFen: mapped.shortfallFen };
}
