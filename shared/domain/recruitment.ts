import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { type CertificateLevel, certificateRank } from './certificates.ts';
import type { Post } from './pay.ts';
import { addDays, ageOn, termLastDay } from './dates.ts';
import * as names from './names.ts';

/**
 * Recruitment rules: 逢进必考 (every entry by exam), 部门联审 (joint departmental review),
 * 持证优先 (certificate holders first).
 *
 * Scores are handled as integer hundredths of a point ("hundredths") so that 60%/40% weighting and
 * tie comparisons are exact: 85.5 written, 78 interview → 8250 hundredths = 82.50.
 */

export const educationLevels = ['high-school', 'college', 'bachelor', 'master', 'doctorate'] as const;
export type EducationLevel = (typeof educationLevels)[number];
export const educationLevelSchema = z.enum(educationLevels);
export const educationLevelNames: Readonly<Record<EducationLevel, string>> = names.educationLevelNames;

export const eligibilityCriteria = [
  'political',
  'age',
  'education',
  'professional',
  'health',
  'residence',
] as const;
export type Criterion = (typeof eligibilityCriteria)[number];

export const defaultJointReviewDepartments = ['organisation', 'civil-affairs', 'public-security'] as const;

const count = z.number().int().nonnegative();
const positiveCount = z.number().int().positive();

export const recruitmentPolicySchema = z
  .object({
    minAge: positiveCount,
    maxAge: positiveCount,
    /** Raised upper age for certificate holders or graduates at `raisedAgeEducation` or above. */
    raisedMaxAge: positiveCount,
    raisedAgeEducation: educationLevelSchema,
    minimumEducation: educationLevelSchema,
    requireLocalResidence: z.boolean(),
    examWeights: z
      .object({ written: count, interview: count })
      // params.code: a catalogue code, so the use-case reports the issue in the caller's language.
      .refine((w) => w.written + w.interview === 100, {
        message: 'written + interview weights must sum to 100',
        params: { code: 'EXAM_WEIGHTS_SUM' },
      }),
    certificateBonusPoints: z.object({ assistant: count, intermediate: count, senior: count }),
    /** Interview candidates per place (3 → 3:1). */
    interviewShortlistRatio: positiveCount,
    jointReviewDepartments: z.array(z.string().min(1)).min(1),
    publicNoticeDays: positiveCount,
    probationMonths: count,
    /** Most months a probation may be extended in total (转正 postponed); versions stored before it existed get the default. */
    probationMaxExtensionMonths: count.default(6),
    contractYears: positiveCount,
    /** Length of each renewed contract term (续签); versions stored before it existed get the default. */
    renewalContractYears: positiveCount.default(3),
    /** Contracts ending within this many days are listed and reminded of (and may be renewed). */
    contractReminderDays: positiveCount.default(60),
  })
  .refine((p) => p.minAge <= p.maxAge && p.maxAge <= p.raisedMaxAge, {
    message: 'expected minAge ≤ maxAge ≤ raisedMaxAge',
    params: { code: 'AGE_LIMITS_ORDER' },
  });
export type RecruitmentPolicy = z.infer<typeof recruitmentPolicySchema>;

export const defaultRecruitmentPolicy: RecruitmentPolicy = {
  minAge: 18,
  maxAge: 35,
  raisedMaxAge: 40,
  raisedAgeEducation: 'bachelor',
  minimumEducation: 'college',
  requireLocalResidence: true,
  examWeights: { written: 60, interview: 40 },
  certificateBonusPoints: { assistant: 1, intermediate: 2, senior: 3 },
  interviewShortlistRatio: 3,
  jointReviewDepartments: [...defaultJointReviewDepartments],
  publicNoticeDays: 7,
  probationMonths: 12,
  probationMaxExtensionMonths: 6,
  contractYears: 3,
  renewalContractYears: 3,
  contractReminderDays: 60,
};

export function educationRank(level: EducationLevel): number {
  return educationLevels.indexOf(level);
}

// ---------------------------------------------------------------------------------------------
// Eligibility (the 6 selection criteria)
// ---------------------------------------------------------------------------------------------

export interface EligibilityCandidate {
  birthDate: string;
  education: EducationLevel;
  /** Highest social-work certificate held, if any. */
  certificateLevel?: CertificateLevel | null;
  /** 政治表现: the political record check found nothing disqualifying. */
  politicalRecordClear: boolean;
  /** Health declaration / check meets the post's requirement. */
  meetsHealthRequirement: boolean;
  /** 户籍/居住: household registration or residence in the recruiting area. */
  hasLocalResidence: boolean;
  /**
   * 专业水平: the professional level is tested by the exam itself, so before the exam this criterion
   * only fails on an explicit disqualifying record (e.g. a ban from a previous exam for cheating).
   * Unknown (undefined) means "may sit the exam"; only `false` fails.
   */
  passedProfessionalScreen?: boolean;
}

export interface EligibilityResult {
  eligible: boolean;
  /** Failed criteria, in the canonical order of `eligibilityCriteria`. */
  failed: Criterion[];
  /** An explanation for every criterion, passed or failed, so a rejection can be shown in full. */
  reasons: Record<Criterion, string>;
}

export function checkEligibility(
  candidate: EligibilityCandidate,
  policy: RecruitmentPolicy,
  onDate: string,
): EligibilityResult {
  const checks: Record<Criterion, { pass: boolean; reason: string }> = {
    political: candidate.politicalRecordClear
      ? { pass: true, reason: '政治表现审查通过' }
      : { pass: false, reason: '政治表现审查未通过' },
    age: checkAge(candidate, policy, onDate),
    education: checkEducation(candidate.education, policy),
    professional:
      candidate.passedProfessionalScreen === false
        ? { pass: false, reason: '不具备专业考试资格' }
        : { pass: true, reason: '具备专业考试资格' },
    health: candidate.meetsHealthRequirement
      ? { pass: true, reason: '符合身体条件要求' }
      : { pass: false, reason: '不符合身体条件要求' },
    residence:
      !policy.requireLocalResidence || candidate.hasLocalResidence
        ? { pass: true, reason: policy.requireLocalResidence ? '有本地户籍或居住证' : '不限户籍' }
        : { pass: false, reason: '须有本地户籍或居住证' },
  };
  const failed = eligibilityCriteria.filter((criterion) => !checks[criterion].pass);
  const reasons = Object.fromEntries(eligibilityCriteria.map((c) => [c, checks[c].reason])) as Record<
    Criterion,
    string
  >;
  return { eligible: failed.length === 0, failed, reasons };
}

/** The upper age limit that applies to this candidate (35, or 40 if certified or bachelor+). */
export function maxAgeFor(
  candidate: Pick<EligibilityCandidate, 'education' | 'certificateLevel'>,
  policy: RecruitmentPolicy,
): number {
  const certified = candidate.certificateLevel !== undefined && candidate.certificateLevel !== null;
  const graduate = educationRank(candidate.education) >= educationRank(policy.raisedAgeEducation);
  return certified || graduate ? policy.raisedMaxAge : policy.maxAge;
}

function checkAge(candidate: EligibilityCandidate, policy: RecruitmentPolicy, onDate: string) {
  const age = ageOn(candidate.birthDate, onDate);
  const maxAge = maxAgeFor(candidate, policy);
  // Limits are inclusive: "35周岁以下" admits a candidate who is 35 on the reference date.
  const pass = age >= policy.minAge && age <= maxAge;
  return { pass, reason: `${age} 岁，${pass ? '在' : '不在'} ${policy.minAge}–${maxAge} 岁之间` };
}

function checkEducation(education: EducationLevel, policy: RecruitmentPolicy) {
  const pass = educationRank(education) >= educationRank(policy.minimumEducation);
  return {
    pass,
    reason: `${educationLevelNames[education]}，${pass ? '达到' : '低于'}最低要求${educationLevelNames[policy.minimumEducation]}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Exam scores and ranking
// ---------------------------------------------------------------------------------------------

export const examScoreSchema = z.number().min(0).max(100);

export interface ExamScores {
  /** 0–100, at most 2 decimals. */
  written: number;
  interview: number;
  certificateLevel?: CertificateLevel | null;
}

export interface ExamTotal {
  /** Weighted written + interview, in hundredths of a point (rounded half up). */
  weightedHundredths: number;
  bonusHundredths: number;
  totalHundredths: number;
  /** totalHundredths / 100, for display (e.g. 84.2). */
  total: number;
}

export function examTotal(scores: ExamScores, policy: RecruitmentPolicy): ExamTotal {
  const written = toHundredths(scores.written);
  const interview = toHundredths(scores.interview);
  const weighted = written * policy.examWeights.written + interview * policy.examWeights.interview;
  // weighted is in hundredths × 100 (weights are percent); round half up back to hundredths.
  const weightedHundredths = Math.floor((weighted + 50) / 100);
  const bonusHundredths = certificateBonusHundredths(scores.certificateLevel, policy);
  const totalHundredths = weightedHundredths + bonusHundredths;
  return { weightedHundredths, bonusHundredths, totalHundredths, total: totalHundredths / 100 };
}

export function certificateBonusHundredths(
  level: CertificateLevel | null | undefined,
  policy: RecruitmentPolicy,
): number {
  return level ? policy.certificateBonusPoints[level] * 100 : 0;
}

export interface RankingCandidate extends ExamScores {
  id: string;
  /** Registration sequence (报名序号): the last tie-breaker, lower first. */
  registrationOrder: number;
  isCurrentGridWorker?: boolean;
  isPartyMember?: boolean;
}

export type Ranked<T> = T & ExamTotal & { rank: number };

/**
 * Orders by total including certificate bonus, descending. Ties: certificate holder first (higher
 * level first), then current grid worker, then party member, then registration order.
 * `rank` is the 1-based position; ties are fully broken, so ranks are unique.
 */
export function rankCandidates<T extends RankingCandidate>(
  candidates: readonly T[],
  policy: RecruitmentPolicy,
): Ranked<T>[] {
  return candidates
    .map((candidate) => ({ ...candidate, ...examTotal(candidate, policy) }))
    .sort(
      (a, b) =>
        b.totalHundredths - a.totalHundredths ||
        certificateRankOf(b) - certificateRankOf(a) ||
        Number(Boolean(b.isCurrentGridWorker)) - Number(Boolean(a.isCurrentGridWorker)) ||
        Number(Boolean(b.isPartyMember)) - Number(Boolean(a.isPartyMember)) ||
        a.registrationOrder - b.registrationOrder,
    )
    .map((candidate, i) => ({ ...candidate, rank: i + 1 }));
}

/**
 * Who goes on to the interview: the best `places × ratio` by written score. Candidates tied with
 * the last shortlisted score all go through (并列者一并进入面试): cutting equal scores by an
 * arbitrary order would be unfair. Returned in written-score order, input order kept for ties.
 */
export function shortlistForInterview<T extends { written: number }>(
  rankedByWritten: readonly T[],
  places: number,
  policy: RecruitmentPolicy,
): T[] {
  if (!Number.isInteger(places) || places <= 0)
    throw badRequest('places must be a positive integer', { places }, 'INVALID_PLACES');
  const byWritten = [...rankedByWritten].sort((a, b) => toHundredths(b.written) - toHundredths(a.written));
  const size = places * policy.interviewShortlistRatio;
  if (byWritten.length <= size) return byWritten;
  const cutoff = toHundredths(byWritten[size - 1]!.written);
  return byWritten.filter((candidate, i) => i < size || toHundredths(candidate.written) === cutoff);
}

// ---------------------------------------------------------------------------------------------
// Joint review and filling the places (递补)
// ---------------------------------------------------------------------------------------------

export type ReviewDecision = 'approved' | 'rejected';
/** Per candidate id, per department: a decision, or absent while pending. */
export type ReviewsByCandidate = Readonly<
  Record<string, Readonly<Record<string, ReviewDecision>> | undefined>
>;

/**
 * Where a ranked candidate stands: `withdrawn` (本人放弃) and `disqualified` (取消资格) are candidates
 * who left the selection during the notice; whatever their decisions, they hold no place.
 */
export const placementStatuses = [
  'selected',
  'pending-review',
  'rejected',
  'reserve',
  'withdrawn',
  'disqualified',
] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

/** How a candidate left the selection during the notice (a candidate's `removal.kind`). */
export type RemovalKind = 'withdrew' | 'disqualified';
/** Per candidate id, how they left, if they did. */
export type RemovalsByCandidate = Readonly<Record<string, RemovalKind | undefined>>;

export interface Placement {
  id: string;
  status: PlacementStatus;
  rejectedBy: string[];
  pendingDepartments: string[];
}

/**
 * Walks the ranking and fills `places`. A rejection by any configured department disqualifies the
 * candidate and the next-ranked one moves up (递补). A candidate inside the places is `selected`
 * only once every department approved; until then `pending-review` (the place is held for them).
 * Everyone below the filled places is `reserve`. A candidate who withdrew or was disqualified during
 * the notice (`removals`) is `withdrawn` / `disqualified` and holds no place. Decisions from
 * departments outside the configured set are ignored: the policy decides who reviews. Result is in
 * ranking order.
 */
export function resolveJointReview(
  ranked: readonly { id: string }[],
  reviewsByCandidate: ReviewsByCandidate,
  places: number,
  departments: readonly string[],
  removals: RemovalsByCandidate = {},
): Placement[] {
  let placesTaken = 0;
  return ranked.map(({ id }) => {
    const decisions = reviewsByCandidate[id] ?? {};
    const rejectedBy = departments.filter((d) => decisions[d] === 'rejected');
    const pendingDepartments = departments.filter((d) => decisions[d] === undefined);
    const status = placementStatus(rejectedBy, pendingDepartments, placesTaken < places, removals[id]);
    if (status === 'selected' || status === 'pending-review') placesTaken++;
    return { id, status, rejectedBy, pendingDepartments };
  });
}

function placementStatus(
  rejectedBy: string[],
  pending: string[],
  placeFree: boolean,
  removal: RemovalKind | undefined,
): PlacementStatus {
  if (removal) return removal === 'withdrew' ? 'withdrawn' : 'disqualified';
  if (rejectedBy.length > 0) return 'rejected';
  if (!placeFree) return 'reserve';
  return pending.length === 0 ? 'selected' : 'pending-review';
}

// ---------------------------------------------------------------------------------------------
// Notice and employment terms
// ---------------------------------------------------------------------------------------------

/** Last day of the public notice (公示), counted in calendar days including the first: 7 days from 05-10 end 05-16. */
export function noticeEndsOn(noticeStart: string, policy: RecruitmentPolicy): string {
  return addDays(noticeStart, policy.publicNoticeDays - 1);
}

/**
 * Last days (inclusive) of probation and contract, both starting on the hire date:
 * hired 2026-03-01 → probation to 2027-02-28, contract to 2029-02-28. With 0 probation months there
 * is no probation: `probationEndsOn` is null, never a date.
 */
export function employmentTerms(
  hireDate: string,
  policy: RecruitmentPolicy,
): { probationEndsOn: string | null; contractEndsOn: string } {
  return {
    probationEndsOn: policy.probationMonths > 0 ? termLastDay(hireDate, policy.probationMonths) : null,
    contractEndsOn: termLastDay(hireDate, policy.contractYears * 12),
  };
}

function certificateRankOf(candidate: { certificateLevel?: CertificateLevel | null }): number {
  return candidate.certificateLevel ? certificateRank(candidate.certificateLevel) : 0;
}

/** 85.5 → 8550. Rounds away binary noise (0.1 + 0.2); scores have at most 2 decimals. */
function toHundredths(score: number): number {
  if (!Number.isFinite(score) || score < 0 || score > 100)
    throw badRequest(`score out of 0–100: ${score}`, { score }, 'INVALID_SCORE');
  return Math.round(score * 100);
}

/**
 * Stages of a recruitment, in order. Each step forward is an explicit, validated transition
 * (POST /v1/recruitments/{id}/stage); `closed` can be reached from any stage and is final.
 * - open: candidates register; each gets an eligibility verdict.
 * - written-exam: written scores of eligible candidates are recorded.
 * - interview: the interview shortlist (places × ratio by written score) is fixed; their
 *   interview scores are recorded.
 * - review: the ranking is final; the configured departments record their decisions.
 * - notice: the selected candidates are fixed and publicly noticed; hires after the notice ends.
 * - closed: nothing changes any more.
 */
export const recruitmentStages = ['open', 'written-exam', 'interview', 'review', 'notice', 'closed'] as const;
export type RecruitmentStage = (typeof recruitmentStages)[number];

/** Channels that come in through an exam-based recruitment (transfers have their own endpoint). */
export const recruitmentChannels = ['open-recruitment', 'helper-appointment'] as const;
export type RecruitmentChannel = (typeof recruitmentChannels)[number];

/** What HR states to open a recruitment (the HTTP body, defaults applied). */
export interface OpenRecruitmentInput {
  title: string;
  org: string;
  places: number;
  channel: RecruitmentChannel;
  post: Post;
  startingGrade?: number;
  ageReferenceDate?: string;
}

/** A candidate's registration: identity, the facts eligibility is checked on, and their grid. */
export interface CandidateRegistration {
  nationalId: string;
  name: string;
  education: EducationLevel;
  certificateLevel?: CertificateLevel | null;
  isGridWorker: boolean;
  isPartyMember: boolean;
  politicalRecordClear: boolean;
  meetsHealthRequirement: boolean;
  hasLocalResidence: boolean;
  passedProfessionalScreen?: boolean;
  gridId?: string;
}

/** One row of a score upload: a candidate (by id or 身份证号) and the score(s) to record. */
export interface ScoreRow {
  candidateId?: string;
  nationalId?: string;
  written?: number;
  interview?: number;
}
