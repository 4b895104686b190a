import { z } from '@hono/zod-openapi';
import { certificateLevels } from '#shared/domain/certificates.ts';
import {
  eligibilityCriteria,
  placementStatuses,
  recruitmentPolicySchema,
  recruitmentStages,
} from '#shared/domain/recruitment.ts';

/** GET /v1/recruitments/{id}/ranking and the placements a review decision leads to, fully declared. */

const policy = recruitmentPolicySchema.shape;

export const placementSchema = z
  .object({
    id: z.string().openapi({ description: 'Candidate id' }),
    status: z.enum(placementStatuses).openapi({
      description:
        'selected (every department approved) / pending-review (place held) / rejected / reserve / withdrawn (本人放弃 during the notice) / disqualified (取消资格 during the notice); the last two hold no place',
    }),
    rejectedBy: z.array(z.string()),
    pendingDepartments: z.array(z.string()),
  })
  .openapi('Placement');

const reviewSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  note: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

const rankingBase = {
  recruitmentId: z.string(),
  stage: z.enum(recruitmentStages),
  final: z.boolean().openapi({ description: 'From the review stage on, the ranking no longer changes' }),
  places: z.number().int(),
  policyVersion: z.string(),
  examWeights: policy.examWeights,
  certificateBonusPoints: policy.certificateBonusPoints,
  interviewShortlistRatio: policy.interviewShortlistRatio,
  jointReviewDepartments: policy.jointReviewDepartments,
  noticeEndsOn: z.string().nullable(),
  ineligible: z.array(
    z.object({ candidateId: z.string(), name: z.string(), failed: z.array(z.enum(eligibilityCriteria)) }),
  ),
  shortlistSize: z.number().int(),
  awaitingScores: z.array(z.string()).openapi({ description: 'Candidate ids still without the score' }),
};

/** Who a ranking row is. */
const rankedCandidate = {
  rank: z.number().int(),
  candidateId: z.string(),
  name: z.string(),
  nationalId: z.string(),
};

const notShortlisted = z.array(
  z.object({ candidateId: z.string(), name: z.string(), written: z.number().nullable() }),
);

/** Before the interview stage: by written score, with the interview shortlist it would give now. */
const writtenRanking = z.object({
  ...rankingBase,
  basis: z.literal('written'),
  items: z.array(z.object({ ...rankedCandidate, written: z.number().nullable(), shortlisted: z.boolean() })),
  notShortlisted: notShortlisted.max(0).openapi({ description: 'Empty until the shortlist is fixed' }),
});

/** From the interview stage: shortlisted candidates by total (weighted scores + certificate bonus). */
const totalRanking = z.object({
  ...rankingBase,
  basis: z.literal('total'),
  items: z.array(
    z.object({
      ...rankedCandidate,
      written: z.number(),
      interview: z.number(),
      weighted: z.number().openapi({ description: 'written × weight + interview × weight' }),
      bonus: z.number().openapi({ description: 'Certificate bonus points' }),
      total: z.number(),
      certificateLevel: z.enum(certificateLevels).nullable(),
      isGridWorker: z.boolean(),
      isPartyMember: z.boolean(),
      reviews: z.record(z.string(), reviewSchema).openapi({ description: 'By department' }),
      placement: placementSchema
        .nullable()
        .optional()
        .openapi({ description: 'From the review stage on: where joint review leaves the candidate' }),
      selected: z.boolean(),
      hiredWorkerId: z.string().nullable(),
    }),
  ),
  notShortlisted: z.array(
    z.object({ candidateId: z.string(), name: z.string(), written: z.number().nullable() }),
  ),
});

export const rankingSchema = z.discriminatedUnion('basis', [writtenRanking, totalRanking]).openapi('Ranking');
