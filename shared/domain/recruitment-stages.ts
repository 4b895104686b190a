import { unprocessable } from '../errors.ts';
import {
  noticeEndsOn,
  type Placement,
  type Ranked,
  type RankingCandidate,
  type RecruitmentStage,
  type ReviewDecision,
  rankCandidates,
  recruitmentStages,
  resolveJointReview,
  shortlistForInterview,
} from './recruitment.ts';
import type { CandidateRecord, RecruitmentRecord } from './recruitment-records.ts';

/**
 * The recruitment's stage machine as a pure transition table: each stage's one successor and the
 * precondition for entering it, which either refuses (422 with the reason) or returns the fields the
 * move fixes on the recruitment (shortlist, selected, notice dates). `closed` is reachable from any
 * stage and is final.
 */

/** The fields a stage change sets on the recruitment besides the stage itself. */
export type StageChanges = Partial<
  Pick<RecruitmentRecord, 'shortlist' | 'selected' | 'noticeStartsOn' | 'noticeEndsOn' | 'closedReason'>
>;

export interface StageFacts {
  recruitment: RecruitmentRecord;
  /** Every candidate of the recruitment. */
  candidates: readonly CandidateRecord[];
  /** Today in Beijing (YYYY-MM-DD). */
  today: string;
}

interface Transition {
  next: RecruitmentStage;
  /** Refuses (throws 422) unless the recruitment may enter `next`; returns what entering fixes. */
  enter: (facts: StageFacts) => StageChanges;
}

export const stageTransitions: Readonly<Record<Exclude<RecruitmentStage, 'closed'>, Transition>> = {
  open: {
    next: 'written-exam',
    enter: ({ candidates }) => {
      if (!candidates.some((c) => c.eligibility.eligible))
        throw unprocessable('NO_ELIGIBLE_CANDIDATES', 'No eligible candidate has registered', {
          candidates: candidates.length,
        });
      return {};
    },
  },
  'written-exam': {
    next: 'interview',
    enter: ({ recruitment, candidates }) => {
      const eligible = candidates.filter((c) => c.eligibility.eligible);
      const missing = eligible.filter((c) => c.scores.written === null);
      if (missing.length > 0)
        throw unprocessable(
          'SCORES_MISSING',
          `${missing.length} eligible candidate(s) have no written score yet`,
          { candidates: missing.map((c) => ({ candidateId: c.id, name: c.name })) },
        );
      return {
        shortlist: shortlistForInterview(
          eligible.map((c) => ({ id: c.id, written: c.scores.written! })),
          recruitment.places,
          recruitment.policy.document,
        ).map((c) => c.id),
      };
    },
  },
  interview: {
    next: 'review',
    enter: ({ recruitment, candidates }) => {
      const shortlist = new Set(recruitment.shortlist ?? []);
      const missing = candidates.filter((c) => shortlist.has(c.id) && c.scores.interview === null);
      if (missing.length > 0)
        throw unprocessable(
          'SCORES_MISSING',
          `${missing.length} shortlisted candidate(s) have no interview score yet`,
          { candidates: missing.map((c) => ({ candidateId: c.id, name: c.name })) },
        );
      return {};
    },
  },
  review: {
    next: 'notice',
    enter: ({ recruitment, candidates, today }) => {
      const placements = placementsOf(recruitment, rankShortlist(recruitment, candidates));
      const pending = placements.filter((p) => p.status === 'pending-review');
      if (pending.length > 0)
        throw unprocessable(
          'REVIEW_INCOMPLETE',
          `${pending.length} candidate(s) inside the places still await a joint-review decision`,
          {
            pending: pending.map((p) => ({ candidateId: p.id, pendingDepartments: p.pendingDepartments })),
          },
        );
      const selected = placements.filter((p) => p.status === 'selected').map((p) => p.id);
      if (selected.length === 0)
        throw unprocessable('NO_SELECTED_CANDIDATES', 'The joint review approved nobody for the places');
      return {
        selected,
        noticeStartsOn: today,
        noticeEndsOn: noticeEndsOn(today, recruitment.policy.document),
      };
    },
  },
  notice: { next: 'closed', enter: () => ({}) },
};

export function refuseIfClosed(recruitment: Pick<RecruitmentRecord, 'id' | 'stage'>) {
  if (recruitment.stage === 'closed')
    throw unprocessable('RECRUITMENT_CLOSED', `Recruitment ${recruitment.id} is closed`, {
      stage: recruitment.stage,
    });
}

export function wrongStage(
  recruitment: Pick<RecruitmentRecord, 'stage'>,
  action: string,
  expected: RecruitmentStage[],
) {
  return unprocessable(
    'WRONG_STAGE',
    `Can't ${action} while the recruitment is in stage ${recruitment.stage} (needs ${expected.join(' or ')})`,
    { stage: recruitment.stage, expected },
  );
}

/**
 * Checks a move to `to` against the table and its precondition; returns the fields it sets.
 * 422 RECRUITMENT_CLOSED from closed, INVALID_STAGE_TRANSITION for anything but the next stage or
 * closed, or the precondition's refusal.
 */
export function planStageChange(
  facts: StageFacts,
  to: RecruitmentStage,
  reason?: string | undefined,
): StageChanges {
  const { recruitment } = facts;
  refuseIfClosed(recruitment);
  const from = recruitment.stage as Exclude<RecruitmentStage, 'closed'>;
  const transition = stageTransitions[from];
  if (to === 'closed') return { closedReason: reason ?? null };
  if (transition.next !== to)
    throw unprocessable(
      'INVALID_STAGE_TRANSITION',
      `A recruitment in stage ${from} moves on to ${transition.next} (or closed), not ${to}`,
      { from, to, next: transition.next, stages: recruitmentStages },
    );
  return transition.enter(facts);
}

// ---------------------------------------------------------------------------------------------
// Ranking and placements of a recruitment's candidates
// ---------------------------------------------------------------------------------------------

/** Stages in which the ranking is final and the joint review's placements apply. */
export const afterRanking: readonly RecruitmentStage[] = ['review', 'notice', 'closed'];

export type RankedCandidate = Ranked<RankingCandidate & { candidate: CandidateRecord }>;

function rankingCandidate(c: CandidateRecord): RankingCandidate & { candidate: CandidateRecord } {
  return {
    id: c.id,
    registrationOrder: c.registrationNo,
    written: c.scores.written ?? 0,
    interview: c.scores.interview ?? 0,
    certificateLevel: c.certificateLevel,
    isCurrentGridWorker: c.isGridWorker,
    isPartyMember: c.isPartyMember,
    candidate: c,
  };
}

/** Shortlisted candidates with both scores, in rank order (weighted total + bonus, rule-book ties). */
export function rankShortlist(
  recruitment: Pick<RecruitmentRecord, 'shortlist' | 'policy'>,
  candidates: readonly CandidateRecord[],
): RankedCandidate[] {
  const shortlist = new Set(recruitment.shortlist ?? []);
  const scored = candidates.filter(
    (c) => shortlist.has(c.id) && c.scores.written !== null && c.scores.interview !== null,
  );
  return rankCandidates(scored.map(rankingCandidate), recruitment.policy.document);
}

function decisionsOf(candidate: CandidateRecord): Record<string, ReviewDecision> {
  return Object.fromEntries(Object.entries(candidate.reviews ?? {}).map(([d, r]) => [d, r.decision]));
}

/**
 * Each ranked candidate's placement after the joint review (selected / pending / rejected / reserve;
 * withdrawn / disqualified for those who left during the notice, who hold no place). Once the notice
 * has fixed the selection (`selected`, which 递补 changes), it says who holds a place: the selected
 * are `selected`, the others not gone nor rejected `reserve` (their pending departments still listed).
 */
export function placementsOf(
  recruitment: Pick<RecruitmentRecord, 'places' | 'policy' | 'selected'>,
  ranked: readonly RankedCandidate[],
): Placement[] {
  const placements = resolveJointReview(
    ranked,
    Object.fromEntries(ranked.map((r) => [r.id, decisionsOf(r.candidate)])),
    recruitment.places,
    recruitment.policy.document.jointReviewDepartments,
    Object.fromEntries(ranked.map((r) => [r.id, r.candidate.removal?.kind])),
  );
  if (recruitment.selected === null) return placements;
  const selected = new Set(recruitment.selected);
  return placements.map((p) =>
    p.status === 'selected' || p.status === 'pending-review' || p.status === 'reserve'
      ? { ...p, status: selected.has(p.id) ? 'selected' : 'reserve' }
      : p,
  );
}

/** The last day of this candidate's public notice: their own if they moved up (递补), else the recruitment's. */
export function noticeEndOf(
  recruitment: Pick<RecruitmentRecord, 'noticeEndsOn'>,
  candidate: Pick<CandidateRecord, 'notice'>,
): string | null {
  return candidate.notice?.endsOn ?? recruitment.noticeEndsOn;
}

/**
 * Approved reserves in rank order: candidates outside the selection whom every reviewing department
 * approved, neither withdrawn, disqualified nor hired (nor `leavingId`). Candidates still awaiting a
 * decision are passed over.
 */
function approvedReserves(
  recruitment: Pick<RecruitmentRecord, 'shortlist' | 'policy' | 'selected'>,
  candidates: readonly CandidateRecord[],
  leavingId: string | null,
): RankedCandidate[] {
  const selected = new Set(recruitment.selected ?? []);
  const departments = recruitment.policy.document.jointReviewDepartments;
  return rankShortlist(recruitment, candidates).filter(
    ({ id, candidate }) =>
      id !== leavingId &&
      !selected.has(id) &&
      !candidate.removal &&
      !candidate.hiredWorkerId &&
      departments.every((d) => candidate.reviews?.[d]?.decision === 'approved'),
  );
}

/**
 * Who moves up (递补) when a selected candidate leaves the selection during the notice: the
 * best-ranked candidate outside the selection whom every reviewing department approved, neither
 * withdrawn, disqualified nor hired. Candidates still awaiting a decision are passed over; the
 * departments may still decide on them during the notice (`recordReview` takes stages review and
 * notice), and the approval completing one fills a place left empty (`nextToFillVacancy`).
 * Null when nobody is left.
 */
export function nextToMoveUp(
  recruitment: Pick<RecruitmentRecord, 'shortlist' | 'policy' | 'selected'>,
  candidates: readonly CandidateRecord[],
  leavingId: string,
): RankedCandidate | null {
  return approvedReserves(recruitment, candidates, leavingId)[0] ?? null;
}

/**
 * Who moves up (递补) into a place left empty: during the notice, while fewer candidates are
 * selected than there are places (those hired stay selected), the best-ranked approved reserve (as
 * `nextToMoveUp` picks). Null in any other stage, with every place filled or nobody approved.
 * `candidates` as they are once the write being planned is applied (e.g. with its new decision).
 * One at a time: a decision completes at most one reserve's review, and every write that leaves a
 * place empty or approves a reserve fills it at once, so no approved reserve waits beside an empty place.
 */
export function nextToFillVacancy(
  recruitment: Pick<RecruitmentRecord, 'stage' | 'places' | 'shortlist' | 'policy' | 'selected'>,
  candidates: readonly CandidateRecord[],
): RankedCandidate | null {
  if (recruitment.stage !== 'notice') return null;
  if ((recruitment.selected ?? []).length >= recruitment.places) return null;
  return approvedReserves(recruitment, candidates, null)[0] ?? null;
}
