import type { RequestContext } from '#shared/context.ts';
import {
  loadCandidate,
  loadCandidates,
  recordReviewDecision,
  touchRecruitment,
} from '#shared/db/recruitments.ts';
import type { Store } from '#shared/db/store.ts';
import { type ReviewDecision, shortlistForInterview } from '#shared/domain/recruitment.ts';
import {
  afterRanking,
  placementsOf,
  rankShortlist,
  refuseIfClosed,
  wrongStage,
} from '#shared/domain/recruitment-stages.ts';
import { conflict, unprocessable } from '#shared/errors.ts';
import { manageable } from './access.ts';

// The ranking and the joint review (部门联审): each configured department's decision per candidate.

/**
 * The ranking as it stands: during the written exam, by written score with the provisional
 * interview shortlist; from the interview stage, shortlisted candidates by total (weighted written
 * and interview, plus certificate bonus; ties: certificate level, grid worker, party member,
 * registration order); from the review stage (final), with each candidate's placement after joint
 * review (selected / pending-review / rejected / reserve).
 */
export async function getRanking(store: Store, ctx: RequestContext, recruitmentId: string) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  const candidates = await loadCandidates(store, recruitmentId);
  const policy = recruitment.policy.document;
  const eligible = candidates.filter((c) => c.eligibility.eligible);
  const base = {
    recruitmentId,
    stage: recruitment.stage,
    final: afterRanking.includes(recruitment.stage) && recruitment.shortlist !== null,
    places: recruitment.places,
    policyVersion: recruitment.policy.version,
    examWeights: policy.examWeights,
    certificateBonusPoints: policy.certificateBonusPoints,
    interviewShortlistRatio: policy.interviewShortlistRatio,
    jointReviewDepartments: policy.jointReviewDepartments,
    noticeEndsOn: recruitment.noticeEndsOn,
    ineligible: candidates
      .filter((c) => !c.eligibility.eligible)
      .map((c) => ({ candidateId: c.id, name: c.name, failed: c.eligibility.failed })),
  };
  if (recruitment.shortlist === null) {
    // Before the interview stage: by written score, with the shortlist it would give now.
    const written = eligible.filter((c) => c.scores.written !== null);
    const shortlist = new Set(
      written.length > 0
        ? shortlistForInterview(
            written.map((c) => ({ id: c.id, written: c.scores.written! })),
            recruitment.places,
            policy,
          ).map((c) => c.id)
        : [],
    );
    const ordered = [...written].sort(
      (a, b) => b.scores.written! - a.scores.written! || a.registrationNo - b.registrationNo,
    );
    return {
      ...base,
      basis: 'written' as const,
      shortlistSize: shortlist.size,
      items: ordered.map((c, i) => ({
        rank: i + 1,
        candidateId: c.id,
        name: c.name,
        nationalId: c.nationalId,
        written: c.scores.written,
        shortlisted: shortlist.has(c.id),
      })),
      awaitingScores: eligible.filter((c) => c.scores.written === null).map((c) => c.id),
      notShortlisted: [],
    };
  }
  const ranked = rankShortlist(recruitment, candidates);
  const placements = afterRanking.includes(recruitment.stage)
    ? new Map(placementsOf(recruitment, ranked).map((p) => [p.id, p]))
    : null;
  const shortlist = new Set(recruitment.shortlist);
  return {
    ...base,
    basis: 'total' as const,
    shortlistSize: shortlist.size,
    items: ranked.map((r) => ({
      rank: r.rank,
      candidateId: r.id,
      name: r.candidate.name,
      nationalId: r.candidate.nationalId,
      written: r.written,
      interview: r.interview,
      weighted: r.weightedHundredths / 100,
      bonus: r.bonusHundredths / 100,
      total: r.total,
      certificateLevel: r.certificateLevel ?? null,
      isGridWorker: r.candidate.isGridWorker,
      isPartyMember: r.candidate.isPartyMember,
      reviews: r.candidate.reviews,
      ...(placements ? { placement: placements.get(r.id) ?? null } : {}),
      selected: recruitment.selected?.includes(r.id) ?? false,
      hiredWorkerId: r.candidate.hiredWorkerId,
    })),
    awaitingScores: candidates
      .filter((c) => shortlist.has(c.id) && c.scores.interview === null)
      .map((c) => c.id),
    notShortlisted: eligible
      .filter((c) => !shortlist.has(c.id))
      .map((c) => ({ candidateId: c.id, name: c.name, written: c.scores.written })),
  };
}

/**
 * A department's decision on a ranked candidate (stage review; one decision per department).
 * One rejection disqualifies; the next-ranked candidate then moves into the place (递补).
 */
export async function recordReview(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  input: { department: string; decision: 'approve' | 'reject'; note: string },
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  refuseIfClosed(recruitment);
  if (recruitment.stage !== 'review')
    throw wrongStage(recruitment, 'record joint-review decisions', ['review']);
  const departments = recruitment.policy.document.jointReviewDepartments;
  if (!departments.includes(input.department))
    throw unprocessable(
      'UNKNOWN_DEPARTMENT',
      `${input.department} is not one of the reviewing departments (${departments.join(', ')})`,
      { department: input.department, departments },
    );
  const candidate = await loadCandidate(store, recruitmentId, candidateId);
  const inRanking =
    candidate.eligibility.eligible &&
    (recruitment.shortlist ?? []).includes(candidateId) &&
    candidate.scores.written !== null &&
    candidate.scores.interview !== null;
  if (!inRanking)
    throw unprocessable(
      'NOT_IN_RANKING',
      'Only ranked candidates (eligible, shortlisted, scored) are reviewed',
      {
        candidateId,
      },
    );
  if (candidate.reviews?.[input.department])
    throw conflict('REVIEW_ALREADY_RECORDED', `${input.department} already decided on this candidate`, {
      review: candidate.reviews[input.department],
    });
  const decision: ReviewDecision = input.decision === 'approve' ? 'approved' : 'rejected';
  const review = {
    decision,
    note: input.note,
    recordedAt: ctx.now.toISOString(),
    recordedBy: ctx.actor.sub,
  };
  await store.transact(
    ctx,
    [
      recordReviewDecision(candidate, input.department, review),
      touchRecruitment(recruitmentId, 'review', review.recordedAt, 'record joint-review decisions'),
    ],
    [
      {
        entity: `recruitment:${recruitmentId}`,
        org: recruitment.org,
        action: 'recruitment.review-recorded',
        after: { candidateId, department: input.department, ...review },
      },
    ],
  );
  const candidates = await loadCandidates(store, recruitmentId);
  const placements = placementsOf(recruitment, rankShortlist(recruitment, candidates));
  const updated = candidates.find((c) => c.id === candidateId)!;
  return {
    candidate: updated,
    placement: placements.find((p) => p.id === candidateId) ?? null,
    placements,
  };
}
