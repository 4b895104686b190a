import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import { defaultRecruitmentPolicy as policy, type RecruitmentStage } from '#shared/domain/recruitment.ts';
import type { CandidateRecord, RecruitmentRecord } from '#shared/domain/recruitment-records.ts';
import {
  nextToFillVacancy,
  nextToMoveUp,
  placementsOf,
  planStageChange,
  rankShortlist,
  type StageFacts,
  stageTransitions,
} from '#shared/domain/recruitment-stages.ts';

const TODAY = '2026-06-10';

function recruitment(overrides: Partial<RecruitmentRecord> = {}): RecruitmentRecord {
  return {
    id: 'r_1',
    title: '社区工作者招聘',
    org: 'qth/taoshan/x/c1',
    channel: 'open-recruitment',
    places: 1,
    post: 'staff',
    startingGrade: 1,
    stage: 'open',
    ageReferenceDate: '2026-06-01',
    policy: { version: 'v1', document: policy },
    payPolicyVersion: 'v1',
    openedOn: '2026-06-01',
    candidateCount: 0,
    eligibleCount: 0,
    shortlist: null,
    selected: null,
    noticeStartsOn: null,
    noticeEndsOn: null,
    hiredCount: 0,
    closedReason: null,
    stageChangedAt: '2026-06-01T00:00:00.000Z',
    createdAt: '2026-06-01T00:00:00.000Z',
    updatedAt: '2026-06-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function candidate(id: string, overrides: Partial<CandidateRecord> = {}): CandidateRecord {
  return {
    id,
    recruitmentId: 'r_1',
    registrationNo: Number(id.slice(1)),
    nationalId: `ID${id}`,
    name: `候选人${id}`,
    sex: 'female',
    birthDate: '1996-01-01',
    education: 'college',
    certificateLevel: null,
    isGridWorker: false,
    isPartyMember: false,
    politicalRecordClear: true,
    meetsHealthRequirement: true,
    hasLocalResidence: true,
    passedProfessionalScreen: null,
    gridId: null,
    eligibility: {
      eligible: true,
      failed: [],
      reasons: {} as CandidateRecord['eligibility']['reasons'],
      checkedOn: '2026-06-01',
      policyVersion: 'v1',
    },
    scores: { written: null, interview: null },
    reviews: {},
    hiredWorkerId: null,
    hiredOn: null,
    removal: null,
    notice: null,
    registeredAt: '2026-06-01T00:00:00.000Z',
    updatedAt: '2026-06-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

const approvedByAll = Object.fromEntries(
  policy.jointReviewDepartments.map((d) => [
    d,
    { decision: 'approved' as const, note: '', recordedAt: '', recordedBy: 'hr' },
  ]),
);

function refusal(facts: StageFacts, to: RecruitmentStage): { code: string; details: unknown } {
  try {
    planStageChange(facts, to);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error(`expected ${facts.recruitment.stage} → ${to} to be refused`);
}

describe('recruitment stage transitions', () => {
  it('moves one stage at a time, open → written-exam → interview → review → notice → closed', () => {
    const chain: RecruitmentStage[] = ['open'];
    let stage: RecruitmentStage = 'open';
    while (stage !== 'closed') {
      stage = stageTransitions[stage].next;
      chain.push(stage);
    }
    expect(chain).toEqual(['open', 'written-exam', 'interview', 'review', 'notice', 'closed']);
  });

  it('refuses skipping a stage and anything out of closed', () => {
    const facts = { recruitment: recruitment(), candidates: [candidate('c1')], today: TODAY };
    expect(refusal(facts, 'interview')).toMatchObject({
      code: 'INVALID_STAGE_TRANSITION',
      details: { from: 'open', to: 'interview', next: 'written-exam' },
    });
    const closed = { ...facts, recruitment: recruitment({ stage: 'closed' }) };
    expect(refusal(closed, 'closed').code).toBe('RECRUITMENT_CLOSED');
  });

  it('closes from any open stage, keeping the reason', () => {
    for (const stage of ['open', 'written-exam', 'interview', 'review', 'notice'] as const) {
      const changes = planStageChange(
        { recruitment: recruitment({ stage }), candidates: [], today: TODAY },
        'closed',
        '岗位取消',
      );
      expect(changes).toEqual({ closedReason: '岗位取消' });
    }
  });

  it('→ written-exam needs an eligible candidate', () => {
    const ineligible = candidate('c1', {
      eligibility: { ...candidate('c1').eligibility, eligible: false, failed: ['age'] },
    });
    expect(
      refusal({ recruitment: recruitment(), candidates: [ineligible], today: TODAY }, 'written-exam'),
    ).toMatchObject({ code: 'NO_ELIGIBLE_CANDIDATES', details: { candidates: 1 } });
    expect(
      planStageChange(
        { recruitment: recruitment(), candidates: [candidate('c1')], today: TODAY },
        'written-exam',
      ),
    ).toEqual({});
  });

  it('→ interview needs every written score and fixes the shortlist (places × ratio)', () => {
    const r = recruitment({ stage: 'written-exam' });
    const unscored = [candidate('c1', { scores: { written: 80, interview: null } }), candidate('c2')];
    expect(refusal({ recruitment: r, candidates: unscored, today: TODAY }, 'interview')).toMatchObject({
      code: 'SCORES_MISSING',
      details: { candidates: [{ candidateId: 'c2' }] },
    });
    const scored = [1, 2, 3, 4].map((n) =>
      candidate(`c${n}`, { scores: { written: 90 - n, interview: null } }),
    );
    expect(planStageChange({ recruitment: r, candidates: scored, today: TODAY }, 'interview')).toEqual({
      shortlist: ['c1', 'c2', 'c3'],
    });
  });

  it('→ review needs every shortlisted interview score', () => {
    const r = recruitment({ stage: 'interview', shortlist: ['c1'] });
    const facts = {
      recruitment: r,
      candidates: [candidate('c1', { scores: { written: 80, interview: null } })],
      today: TODAY,
    };
    expect(refusal(facts, 'review').code).toBe('SCORES_MISSING');
  });

  it('→ notice needs every place settled and starts the notice today for publicNoticeDays', () => {
    const r = recruitment({ stage: 'review', shortlist: ['c1', 'c2'] });
    const scores = { written: 80, interview: 80 };
    const pending = [
      candidate('c1', { scores }),
      candidate('c2', { scores: { written: 70, interview: 70 } }),
    ];
    expect(refusal({ recruitment: r, candidates: pending, today: TODAY }, 'notice')).toMatchObject({
      code: 'REVIEW_INCOMPLETE',
      details: { pending: [{ candidateId: 'c1' }] },
    });
    const settled = [candidate('c1', { scores, reviews: approvedByAll }), pending[1]!];
    expect(planStageChange({ recruitment: r, candidates: settled, today: TODAY }, 'notice')).toEqual({
      selected: ['c1'],
      noticeStartsOn: TODAY,
      noticeEndsOn: '2026-06-16',
    });
  });

  it('→ notice with every place rejected selects nobody: refused', () => {
    const r = recruitment({ stage: 'review', shortlist: ['c1'] });
    const rejected = candidate('c1', {
      scores: { written: 80, interview: 80 },
      reviews: { organisation: { decision: 'rejected', note: '', recordedAt: '', recordedBy: 'hr' } },
    });
    expect(refusal({ recruitment: r, candidates: [rejected], today: TODAY }, 'notice').code).toBe(
      'NO_SELECTED_CANDIDATES',
    );
  });
});

describe('递补 during the notice', () => {
  // Ranked c1 > c2 > c3 > c4 by their scores; one place; c1 selected at the notice.
  const scored = (id: string, score: number, overrides: Partial<CandidateRecord> = {}) =>
    candidate(id, { scores: { written: score, interview: score }, ...overrides });
  const inNotice = (overrides: Partial<RecruitmentRecord> = {}) =>
    recruitment({
      stage: 'notice',
      places: 1,
      shortlist: ['c1', 'c2', 'c3', 'c4'],
      selected: ['c1'],
      noticeStartsOn: TODAY,
      noticeEndsOn: '2026-06-16',
      ...overrides,
    });
  const withdrew = {
    kind: 'withdrew' as const,
    reason: null,
    at: '2026-06-11T00:00:00.000Z',
    by: 'hr',
  };
  const partly = { organisation: approvedByAll.organisation! };

  it('a place left empty is filled by the best approved reserve once one exists (late approval)', () => {
    const left = inNotice({ selected: [] });
    const before = [
      scored('c1', 90, { reviews: approvedByAll, removal: withdrew }),
      scored('c2', 85, { reviews: partly }),
      scored('c3', 80, { reviews: partly }),
    ];
    // Nobody approved by every department yet: the place stays empty for now.
    expect(nextToMoveUp(inNotice(), before, 'c1')).toBeNull();
    expect(nextToFillVacancy(left, before)).toBeNull();
    // c3's review completes first: c3 moves up (c2, still pending, is passed over).
    const c3Approved = before.map((c) => (c.id === 'c3' ? { ...c, reviews: approvedByAll } : c));
    expect(nextToFillVacancy(left, c3Approved)?.id).toBe('c3');
  });

  it('nobody moves up while every place is filled, outside the notice, or past the hired and the gone', () => {
    const everyoneApproved = [
      scored('c1', 90, { reviews: approvedByAll }),
      scored('c2', 85, { reviews: approvedByAll }),
    ];
    expect(nextToFillVacancy(inNotice(), everyoneApproved)).toBeNull();
    expect(nextToFillVacancy(inNotice({ stage: 'review', selected: null }), everyoneApproved)).toBeNull();
    expect(nextToFillVacancy(inNotice({ stage: 'closed', selected: [] }), everyoneApproved)).toBeNull();
    // Two places, one selected and hired (hired candidates stay selected): one place is empty.
    const twoPlaces = inNotice({ places: 2, selected: ['c1'] });
    const hired = [
      scored('c1', 90, { reviews: approvedByAll, hiredWorkerId: 'w_1' }),
      scored('c2', 85, { reviews: approvedByAll, removal: withdrew }),
      scored('c3', 80, { reviews: approvedByAll, hiredWorkerId: 'w_3' }),
      scored('c4', 75, { reviews: approvedByAll }),
    ];
    expect(nextToFillVacancy(twoPlaces, hired)?.id).toBe('c4');
  });

  it('the ranking says who left and gives them no place', () => {
    const r = inNotice({ selected: ['c2'] });
    const candidates = [
      scored('c1', 90, { reviews: approvedByAll, removal: withdrew }),
      scored('c2', 85, { reviews: approvedByAll, notice: { startsOn: TODAY, endsOn: '2026-06-16' } }),
      scored('c3', 80, {
        reviews: approvedByAll,
        removal: { ...withdrew, kind: 'disqualified', reason: '学历不实' },
      }),
      scored('c4', 75, { reviews: approvedByAll }),
    ];
    const placements = placementsOf(r, rankShortlist(r, candidates));
    expect(placements.map((p) => [p.id, p.status])).toEqual([
      ['c1', 'withdrawn'],
      ['c2', 'selected'],
      ['c3', 'disqualified'],
      ['c4', 'reserve'],
    ]);
  });

  it('from the notice on, the placements follow the selection 递补 changed, not the review walk', () => {
    // c1 left; c2 still pending; c3 approved late and moved up.
    const r = inNotice({ selected: ['c3'] });
    const candidates = [
      scored('c1', 90, { reviews: approvedByAll, removal: withdrew }),
      scored('c2', 85, { reviews: partly }),
      scored('c3', 80, { reviews: approvedByAll, notice: { startsOn: TODAY, endsOn: '2026-06-16' } }),
    ];
    const placements = placementsOf(r, rankShortlist(r, candidates));
    expect(placements.map((p) => [p.id, p.status])).toEqual([
      ['c1', 'withdrawn'],
      ['c2', 'reserve'],
      ['c3', 'selected'],
    ]);
    expect(placements[1]?.pendingDepartments).toEqual(['civil-affairs', 'public-security']);
    // In the review stage (no selection yet) the walk decides: c2 holds the free place.
    const walk = placementsOf({ ...r, selected: null }, rankShortlist(r, candidates));
    expect(walk.map((p) => p.status)).toEqual(['withdrawn', 'pending-review', 'reserve']);
  });
});
