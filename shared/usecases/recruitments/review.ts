import type { RequestContext } from '#shared/context.ts';
import { authorize } from '#shared/auth/authorize.ts';
import {
  giveOwnNotice,
  loadCandidates,
  loadRecruitment,
  recordReviewDecision,
  reselect,
  touchRecruitment,
  withdrawReviewDecision,
} from '#shared/db/recruitments.ts';
import type { Store } from '#shared/db/store.ts';
import {
  type RecruitmentStage,
  type ReviewDecision,
  shortlistForInterview,
} from '#shared/domain/recruitment.ts';
import {
  afterRanking,
  placementsOf,
  rankShortlist,
  refuseIfClosed,
  wrongStage,
} from '#shared/domain/recruitment-stages.ts';
import { conflict, notFound, unprocessable } from '#shared/errors.ts';
import { manageable } from './access.ts';
import { fillVacancy, leaveSelection } from './notice.ts';

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
 * A department's decision on a ranked candidate (one decision per department), recorded only by an
 * HR officer holding that department. Reserves may be reviewed too: only a reserve every department
 * approved can move up (递补). One rejection disqualifies; the next-ranked candidate then moves into
 * the place (递补). Stage review; during the notice too while a place stands empty (a selected
 * candidate left with nobody approved to follow; 422 NO_VACANT_PLACE otherwise): the approval that
 * completes a reserve's review then moves the best-ranked approved reserve up with a notice of their
 * own, in the same transaction, guarded by the recruitment's version. A retried decision is 409
 * REVIEW_ALREADY_RECORDED (or the idempotent replay) and moves nobody a second time.
 */
export async function recordReview(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  input: { department: string; decision: 'approve' | 'reject'; note: string },
) {
  const { recruitment, candidate, candidates } = await reviewable(
    store,
    ctx,
    recruitmentId,
    candidateId,
    input.department,
    'record joint-review decisions',
    ['review', 'notice'],
  );
  if (candidate.reviews?.[input.department])
    throw conflict('REVIEW_ALREADY_RECORDED', `${input.department} already decided on this candidate`, {
      review: candidate.reviews[input.department],
    });
  const selected = recruitment.selected ?? [];
  if (recruitment.stage === 'notice' && selected.length >= recruitment.places)
    throw unprocessable(
      'NO_VACANT_PLACE',
      'During the notice, departments decide on reserves only while a place stands empty (递补); every place is filled',
      { places: recruitment.places, selected },
    );
  const decision: ReviewDecision = input.decision === 'approve' ? 'approved' : 'rejected';
  const review = {
    decision,
    note: input.note,
    recordedAt: ctx.now.toISOString(),
    recordedBy: ctx.actor.sub,
  };
  const inNotice = recruitment.stage === 'notice';
  const decided = { ...candidate, reviews: { ...candidate.reviews, [input.department]: review } };
  const fill = fillVacancy(
    recruitment,
    candidates.map((c) => (c.id === candidateId ? decided : c)),
    ctx,
  );
  const movedUp = fill.movedUp;
  await store.transact(
    ctx,
    [
      recordReviewDecision(
        candidate,
        input.department,
        review,
        movedUp?.id === candidateId ? fill.notice : null,
      ),
      ...(movedUp && movedUp.id !== candidateId
        ? [giveOwnNotice(movedUp, fill.notice!, review.recordedAt)]
        : []),
      // During the notice the selection is fixed: every decision is checked against it as read.
      inNotice
        ? reselect(recruitment, fill.selected, review.recordedAt)
        : touchRecruitment(recruitmentId, 'review', review.recordedAt, 'record joint-review decisions'),
    ],
    [
      {
        entity: `recruitment:${recruitmentId}`,
        org: recruitment.org,
        action: 'recruitment.review-recorded',
        after: {
          candidateId,
          department: input.department,
          ...review,
          ...(movedUp
            ? {
                selected: fill.selected,
                movedUp: { candidateId: movedUp.id, notice: fill.notice },
              }
            : {}),
        },
      },
    ],
  );
  return reviewOutcome(store, recruitmentId, candidateId);
}

/**
 * A department takes its decision on a candidate back (stage review or notice, before the
 * candidate's hire: 409 ALREADY_HIRED after). During the notice, a selected candidate who loses an
 * approval leaves the selection and the next approved reserve moves up (递补) with a notice of
 * their own. Guarded by the candidate's version; audited with the decision withdrawn.
 */
export async function withdrawReview(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  department: string,
  input: { note: string },
) {
  const { recruitment, candidate, candidates } = await reviewable(
    store,
    ctx,
    recruitmentId,
    candidateId,
    department,
    'withdraw joint-review decisions',
    ['review', 'notice'],
  );
  if (candidate.hiredWorkerId)
    throw conflict('ALREADY_HIRED', 'The candidate has been hired: the decision stands', {
      workerId: candidate.hiredWorkerId,
    });
  const withdrawn = candidate.reviews?.[department];
  if (!withdrawn)
    throw conflict('REVIEW_NOT_RECORDED', `${department} has not decided on this candidate`, { department });
  const now = ctx.now.toISOString();
  const leaves =
    recruitment.stage === 'notice' && (recruitment.selected ?? []).includes(candidateId)
      ? leaveSelection(recruitment, candidates, candidateId, ctx)
      : null;
  await store.transact(
    ctx,
    [
      withdrawReviewDecision(candidate, department, now),
      ...(leaves?.ops ?? [touchRecruitment(recruitmentId, recruitment.stage, now, 'withdraw decisions')]),
    ],
    [
      {
        entity: `recruitment:${recruitmentId}`,
        org: recruitment.org,
        action: 'recruitment.review-withdrawn',
        before: { candidateId, department, ...withdrawn },
        after: {
          candidateId,
          department,
          note: input.note,
          withdrawnBy: ctx.actor.sub,
          ...(leaves
            ? {
                selected: leaves.selected,
                movedUp: leaves.movedUp ? { candidateId: leaves.movedUp.id, notice: leaves.notice } : null,
              }
            : {}),
        },
      },
    ],
  );
  return reviewOutcome(store, recruitmentId, candidateId);
}

/**
 * The recruitment and candidate a department's decision is about, once the caller may act for that
 * department: HR of the subtree holding it (403 DEPARTMENT_NOT_HELD otherwise), stage review or
 * notice as `stages` allow, a department of the recruitment's policy, a ranked candidate who hasn't left.
 */
async function reviewable(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  department: string,
  action: string,
  stages: RecruitmentStage[],
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  authorize(ctx.actor, 'recruitment:review', { org: recruitment.org, department });
  refuseIfClosed(recruitment);
  if (!stages.includes(recruitment.stage)) throw wrongStage(recruitment, action, stages);
  const departments = recruitment.policy.document.jointReviewDepartments;
  if (!departments.includes(department))
    throw unprocessable(
      'UNKNOWN_DEPARTMENT',
      `${department} is not one of the reviewing departments (${departments.join(', ')})`,
      { department, departments },
    );
  const candidates = await loadCandidates(store, recruitmentId);
  const candidate = candidates.find((c) => c.id === candidateId);
  if (!candidate) throw notFound('candidate', candidateId);
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
  if (candidate.removal)
    throw conflict('CANDIDATE_REMOVED', 'The candidate withdrew or was disqualified', {
      removal: candidate.removal,
    });
  return { recruitment, candidate, candidates };
}

async function reviewOutcome(store: Store, recruitmentId: string, candidateId: string) {
  const [recruitment, candidates] = await Promise.all([
    loadRecruitment(store, recruitmentId),
    loadCandidates(store, recruitmentId),
  ]);
  const placements = placementsOf(recruitment, rankShortlist(recruitment, candidates));
  return {
    candidate: candidates.find((c) => c.id === candidateId)!,
    placement: placements.find((p) => p.id === candidateId) ?? null,
    placements,
  };
}
