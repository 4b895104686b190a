import { rootOf } from '#shared/domain/org-paths.ts';
import type { CertificateLevel } from '#shared/domain/certificates.ts';
import type { Post } from '#shared/domain/pay.ts';
import type {
  Criterion,
  EducationLevel,
  RecruitmentChannel,
  RecruitmentPolicy,
  RecruitmentStage,
  ReviewDecision,
} from '#shared/domain/recruitment.ts';
import { withoutKeys } from '#shared/db/items.ts';

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
  registeredAt: string;
  updatedAt: string;
  version: number;
}

export const recruitmentKeys = {
  key: (id: string) => ({ pk: `RECRUITMENT#${id}`, sk: 'RECRUITMENT' }),
  /** ByCollection partition: a city's recruitments, sorted by org path (a subtree is the `<org>/` key range, `subtreeQuery`). */
  byCity: (org: string) => `RECRUITMENTS#${rootOf(org)}`,
  orgSort: (org: string, id: string) => `${org}/#${id}`,
  /**
   * Candidates live in their recruitment's partition: "all candidates of a recruitment" is
   * Query pk = RECRUITMENT#<id> AND begins_with(sk, 'CANDIDATE#').
   */
  candidate: (recruitmentId: string, candidateId: string) => ({
    pk: `RECRUITMENT#${recruitmentId}`,
    sk: `CANDIDATE#${candidateId}`,
  }),
  candidatePrefix: 'CANDIDATE#',
  /** ByCollection partition: a recruitment's candidates by name, sort key `<name>#<id>` (name prefix = begins_with). */
  candidatesByName: (recruitmentId: string) => `CANDIDATES#${recruitmentId}`,
  candidateNameSort: (name: string, candidateId: string) => `${name}#${candidateId}`,
  /** ByRelation partition of one person (as for workers): `CANDIDATE#<recruitment>#<id>`. */
  person: (nationalId: string) => `PERSON#${nationalId}`,
  personCandidateSort: (recruitmentId: string, candidateId: string) =>
    `CANDIDATE#${recruitmentId}#${candidateId}`,
  /** One registration per person per recruitment (guard item, written with the candidate). */
  nationalIdGuard: (recruitmentId: string, nationalId: string) => ({
    pk: `RECRUITMENT#${recruitmentId}`,
    sk: `NATID#${nationalId}`,
  }),
};

export function recruitmentItem(record: RecruitmentRecord) {
  return {
    ...recruitmentKeys.key(record.id),
    type: 'recruitment',
    gsi1pk: recruitmentKeys.byCity(record.org),
    gsi1sk: recruitmentKeys.orgSort(record.org, record.id),
    ...record,
  };
}

export function candidateItem(record: CandidateRecord) {
  return {
    ...recruitmentKeys.candidate(record.recruitmentId, record.id),
    type: 'candidate',
    // Name and national id never change after registration: look-up keys written once.
    gsi1pk: recruitmentKeys.candidatesByName(record.recruitmentId),
    gsi1sk: recruitmentKeys.candidateNameSort(record.name, record.id),
    gsi2pk: recruitmentKeys.person(record.nationalId),
    gsi2sk: recruitmentKeys.personCandidateSort(record.recruitmentId, record.id),
    ...record,
  };
}

export function toRecruitment(item: Record<string, unknown>): RecruitmentRecord {
  return withoutKeys<RecruitmentRecord>(item);
}

export function toCandidate(item: Record<string, unknown>): CandidateRecord {
  return withoutKeys<CandidateRecord>(item, { reviews: {} });
}
