import type { RequestContext } from '#shared/context.ts';
import { workerHistoryOp } from '#shared/db/entities/worker-history.ts';
import { newId } from '#shared/db/ids.ts';
import { countHire, loadCandidate, loadCandidates, markCandidateHired } from '#shared/db/recruitments.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { initialStepState } from '#shared/domain/pay.ts';
import { employmentTerms } from '#shared/domain/recruitment.ts';
import type { CandidateRecord, RecruitmentRecord } from '#shared/domain/recruitment-records.ts';
import {
  afterRanking,
  noticeEndOf,
  placementsOf,
  rankShortlist,
  refuseIfClosed,
} from '#shared/domain/recruitment-stages.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { conflict, unprocessable } from '#shared/errors.ts';
import { newWorkerOps } from '#shared/usecases/workers.ts';
import { manageable } from './access.ts';

/**
 * Hires a selected candidate once the public notice is over: creates the worker (probation and
 * contract from the recruitment policy, post and starting grade from the recruitment, org unit =
 * the candidate's grid or the recruitment's org), takes a seat on every quota-holding ancestor,
 * counts the hire, and marks the candidate hired — one transaction with the audit entries.
 */
export async function hireCandidate(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  input: { hiredOn?: string | undefined },
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  const candidate = await loadCandidate(store, recruitmentId, candidateId);
  if (candidate.hiredWorkerId)
    throw conflict('ALREADY_HIRED', 'This candidate has already been hired', {
      workerId: candidate.hiredWorkerId,
    });
  refuseIfClosed(recruitment);
  const today = shanghaiDate(ctx.now);
  await refuseUnlessHireable(store, recruitment, candidate, today);
  const hiredOn = input.hiredOn ?? today;
  const noticeEnd = noticeEndOf(recruitment, candidate)!;
  if (hiredOn <= noticeEnd)
    throw unprocessable(
      'HIRE_BEFORE_NOTICE_END',
      `The hire date must come after the public notice, which ends on ${noticeEnd}`,
      { hiredOn, noticeEndsOn: noticeEnd },
    );
  if (hiredOn > today)
    throw unprocessable(
      'HIRE_DATE_IN_FUTURE',
      `The worker is active from the moment of hire: record the hire on or after ${hiredOn}`,
      { hiredOn, today },
    );
  const policy = recruitment.policy.document;
  const now = ctx.now.toISOString();
  const worker: WorkerRecord = {
    id: newId('w'),
    name: candidate.name,
    nationalId: candidate.nationalId,
    sex: candidate.sex,
    birthDate: candidate.birthDate,
    org: candidate.gridId ?? recruitment.org,
    status: 'active',
    channel: recruitment.channel,
    education: candidate.education,
    isPartyMember: candidate.isPartyMember,
    post: recruitment.post,
    grade: recruitment.startingGrade,
    step: initialStepState(recruitment.startingGrade),
    hiredOn,
    ...employmentTerms(hiredOn, policy),
    certificates: [],
    mentorIds: [],
    annualGrades: {},
    exit: null,
    source: {
      recruitmentId,
      candidateId,
      recruitmentPolicyVersion: recruitment.policy.version,
      payPolicyVersion: recruitment.payPolicyVersion,
      certificateLevelAtHire: candidate.certificateLevel,
    },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const ops: WriteOp[] = [
    ...(await newWorkerOps(store, worker, Number(hiredOn.slice(0, 4)))),
    markCandidateHired(candidate, worker.id, hiredOn, now),
    countHire(recruitmentId, candidateId, now),
    workerHistoryOp({
      workerId: worker.id,
      event: 'hired',
      at: now,
      effectiveOn: hiredOn,
      org: worker.org,
      details: {
        channel: worker.channel,
        recruitmentId,
        candidateId,
        post: worker.post,
        grade: worker.grade,
        probationEndsOn: worker.probationEndsOn,
        contractEndsOn: worker.contractEndsOn,
      },
      actor: { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org },
    }),
  ];
  await store.transact(ctx, ops, [
    { entity: `worker:${worker.id}`, org: worker.org, action: 'worker.hired', after: worker },
    {
      entity: `recruitment:${recruitmentId}`,
      org: recruitment.org,
      action: 'recruitment.candidate-hired',
      after: { candidateId, workerId: worker.id, hiredOn },
    },
  ]);
  return worker;
}

/** 422 with the reason why this candidate can't be hired (yet), if so. */
async function refuseUnlessHireable(
  store: Store,
  recruitment: RecruitmentRecord,
  candidate: CandidateRecord,
  today: string,
) {
  if (candidate.removal)
    throw conflict('CANDIDATE_REMOVED', 'The candidate withdrew or was disqualified during the notice', {
      removal: candidate.removal,
    });
  if (!candidate.eligibility.eligible)
    throw unprocessable('NOT_ELIGIBLE', `The candidate failed: ${candidate.eligibility.failed.join(', ')}`, {
      failed: candidate.eligibility.failed,
    });
  if (!afterRanking.includes(recruitment.stage))
    throw unprocessable(
      'REVIEW_NOT_DONE',
      `The exam and joint review are not finished (stage ${recruitment.stage})`,
      { stage: recruitment.stage },
    );
  if (!(recruitment.selected ?? []).includes(candidate.id)) {
    const candidates = await loadCandidates(store, recruitment.id);
    const placement = placementsOf(recruitment, rankShortlist(recruitment, candidates)).find(
      (p) => p.id === candidate.id,
    );
    if (placement?.status === 'rejected')
      throw unprocessable(
        'REJECTED_IN_REVIEW',
        `Rejected in joint review by ${placement.rejectedBy.join(', ')}`,
        {
          rejectedBy: placement.rejectedBy,
        },
      );
    if (placement?.status === 'pending-review')
      throw unprocessable(
        'REVIEW_PENDING',
        `Not every department has approved yet (pending: ${placement.pendingDepartments.join(', ')})`,
        { pendingDepartments: placement.pendingDepartments },
      );
    if (recruitment.stage === 'review')
      throw unprocessable('NOTICE_NOT_STARTED', 'The public notice has not started', {
        placement: placement?.status ?? null,
      });
    throw unprocessable('NOT_SELECTED', 'The candidate is not among those selected for the places', {
      placement: placement?.status ?? 'not-ranked',
    });
  }
  if (recruitment.stage === 'review')
    throw unprocessable('NOTICE_NOT_STARTED', 'The public notice has not started');
  // A candidate who moved up (递补) during the notice has a notice of their own.
  const noticeEnd = noticeEndOf(recruitment, candidate)!;
  if (today <= noticeEnd)
    throw unprocessable(
      'NOTICE_PERIOD_NOT_OVER',
      `The public notice runs until ${noticeEnd}; hire from the day after`,
      {
        noticeStartsOn: candidate.notice?.startsOn ?? recruitment.noticeStartsOn,
        noticeEndsOn: noticeEnd,
        today,
      },
    );
}
