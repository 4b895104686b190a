import type { CertificateLevel } from './certificates.ts';
import type { Post } from './pay.ts';
import {
  type CandidateRegistration,
  type Criterion,
  checkEligibility,
  type EducationLevel,
  type RecruitmentChannel,
  type RecruitmentPolicy,
  type RecruitmentStage,
  type ReviewDecision,
} from './recruitment.ts';

/** A recruitment as stored: its policy snapshot, stage and the sets fixed by each stage. */
export interface RecruitmentRecord {
  id: string;
  title: string;
  /** The org unit hired into (usually a community); candidates' grids lie inside it. */
  org: string;
  channel: RecruitmentChannel;
  places: number;
  post: Post;
  startingGrade: number;
  stage: RecruitmentStage;
  /** Ages are checked on this date (default: the opening date). */
  ageReferenceDate: string;
  /** The recruitment policy in force at opening, snapshotted so rules don't shift mid-recruitment. */
  policy: { version: string; document: RecruitmentPolicy };
  payPolicyVersion: string;
  openedOn: string;
  candidateCount: number;
  eligibleCount: number;
  /** Candidate ids invited to interview, fixed when the interview stage starts. */
  shortlist: string[] | null;
  /** Candidate ids selected after joint review, fixed when the notice starts. */
  selected: string[] | null;
  noticeStartsOn: string | null;
  /** Last day (inclusive) of the public notice; hires from the next day. */
  noticeEndsOn: string | null;
  hiredCount: number;
  closedReason: string | null;
  stageChangedAt: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every change to the recruitment or its candidates (guards stage transitions). */
  version: number;
}

export interface ReviewRecord {
  decision: ReviewDecision;
  note: string;
  recordedAt: string;
  recordedBy: string;
}

/** How a selected candidate left the selection during the public notice (公示). */
export interface CandidateRemoval {
  /** withdrew: 本人放弃; disqualified: 取消资格 (reason required). */
  kind: 'withdrew' | 'disqualified';
  reason: string | null;
  at: string;
  by: string;
}

export interface CandidateRecord {
  id: string;
  recruitmentId: string;
  /** Registration sequence (报名序号), 1-based: the last tie-breaker. */
  registrationNo: number;
  nationalId: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  education: EducationLevel;
  certificateLevel: CertificateLevel | null;
  isGridWorker: boolean;
  isPartyMember: boolean;
  politicalRecordClear: boolean;
  meetsHealthRequirement: boolean;
  hasLocalResidence: boolean;
  passedProfessionalScreen: boolean | null;
  /** Grid the candidate will be assigned to (inside the recruitment's org), or null. */
  gridId: string | null;
  eligibility: {
    eligible: boolean;
    failed: Criterion[];
    reasons: Record<Criterion, string>;
    checkedOn: string;
    policyVersion: string;
  };
  scores: { written: number | null; interview: number | null };
  /** By department: one decision each. */
  reviews: Record<string, ReviewRecord>;
  hiredWorkerId: string | null;
  hiredOn: string | null;
  /** Set when the candidate withdrew or was disqualified during the notice; they can't be hired. */
  removal: CandidateRemoval | null;
  /**
   * The candidate's own notice, given when they moved up (递补) into the selection during the
   * recruitment's notice; null: the recruitment's notice applies.
   */
  notice: { startsOn: string; endsOn: string } | null;
  registeredAt: string;
  updatedAt: string;
  version: number;
}

/**
 * A newly registered candidate: the person as entered, their eligibility under the recruitment's
 * policy (checked on its age reference date), no scores or reviews yet. One registration or a
 * sheet of them build it the same way.
 */
export function newCandidateRecord(
  recruitment: RecruitmentRecord,
  input: CandidateRegistration,
  person: { nationalId: string; birthDate: string; sex: CandidateRecord['sex'] },
  at: { id: string; registrationNo: number; now: string },
): CandidateRecord {
  const verdict = checkEligibility(
    {
      birthDate: person.birthDate,
      education: input.education,
      certificateLevel: input.certificateLevel ?? null,
      politicalRecordClear: input.politicalRecordClear,
      meetsHealthRequirement: input.meetsHealthRequirement,
      hasLocalResidence: input.hasLocalResidence,
      ...(input.passedProfessionalScreen !== undefined
        ? { passedProfessionalScreen: input.passedProfessionalScreen }
        : {}),
    },
    recruitment.policy.document,
    recruitment.ageReferenceDate,
  );
  return {
    id: at.id,
    recruitmentId: recruitment.id,
    registrationNo: at.registrationNo,
    nationalId: person.nationalId,
    name: input.name,
    sex: person.sex,
    birthDate: person.birthDate,
    education: input.education,
    certificateLevel: input.certificateLevel ?? null,
    isGridWorker: input.isGridWorker ?? false,
    isPartyMember: input.isPartyMember ?? false,
    politicalRecordClear: input.politicalRecordClear,
    meetsHealthRequirement: input.meetsHealthRequirement,
    hasLocalResidence: input.hasLocalResidence,
    passedProfessionalScreen: input.passedProfessionalScreen ?? null,
    gridId: input.gridId ?? null,
    eligibility: {
      eligible: verdict.eligible,
      failed: verdict.failed,
      reasons: verdict.reasons,
      checkedOn: recruitment.ageReferenceDate,
      policyVersion: recruitment.policy.version,
    },
    scores: { written: null, interview: null },
    reviews: {},
    hiredWorkerId: null,
    hiredOn: null,
    removal: null,
    notice: null,
    registeredAt: at.now,
    updatedAt: at.now,
    version: 1,
  };
}
