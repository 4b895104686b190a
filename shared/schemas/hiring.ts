import { z } from '@hono/zod-openapi';
import type { CandidateRegistration, ScoreRow, OpenRecruitmentInput } from '#shared/domain/recruitment.ts';
import type { TransferRow } from '#shared/domain/transfers.ts';
import { t } from '#shared/messages/catalogue.ts';
import { certificateLevelNames, certificateLevels } from '#shared/domain/certificates.ts';
import { probationStatuses } from '#shared/domain/probation.ts';
import { contractReminderStatuses, contractStatuses } from '#shared/domain/contracts.ts';
import { parseNationalId } from '#shared/domain/national-id.ts';
import { POSTS, gradeChangeReasons } from '#shared/domain/pay.ts';
import { hireChannels } from '#shared/domain/workers.ts';
import { EVALUATION_GRADES } from '#shared/domain/evaluation.ts';
import { COMMITTEE_ROLES, COMMITTEES } from '#shared/domain/promotion.ts';
import {
  educationLevelNames,
  educationLevels,
  recruitmentChannels,
  recruitmentPolicySchema,
  recruitmentStages,
} from '#shared/domain/recruitment.ts';
import { stepStateSchema } from '#shared/schemas/careers.ts';
import { cursorQuery, fen, isoDate } from '#shared/schemas/common.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { exitSituationInput, vocabularyCode } from '#shared/schemas/vocabulary.ts';
import { codeOf, departmentNames, hireChannelNames, postNames } from '#shared/domain/vocabulary.ts';

/** Request/response schemas for recruitments, transfers, workers and exits. */

/** 18 characters with a valid GB 11643 check character; the message says what is wrong. */
export const nationalIdInput = z
  .string()
  .trim()
  .max(32)
  .superRefine((value, ctx) => {
    const parsed = parseNationalId(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: t('NATIONAL_ID_CHECK', parsed) });
  })
  .openapi({ description: '公民身份号码 (GB 11643, 18 characters)', example: '230902199506150010' });

/** Booleans that also arrive as CSV text: true/false, 1/0, yes/no, 是/否. */
export const flexibleBoolean = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'y', '是'].includes(v)) return true;
  if (['false', '0', 'no', 'n', '否'].includes(v)) return false;
  return value;
}, z.boolean());

/** 0–100 with at most two decimals (a JSON number; CSV cells are converted by `readBulkRows`). */
export const examScore = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6, { error: () => t('AT_MOST_TWO_DECIMALS') })
  .openapi({ example: 85.5 });

export const educationLevel = vocabularyCode(educationLevels, educationLevelNames);
export const certificateLevel = vocabularyCode(certificateLevels, certificateLevelNames);
export const post = vocabularyCode(POSTS, postNames);

// ----------------------------------------------------------------------------------------------
// Recruitments

export const openRecruitmentBody = z
  .object({
    title: z.string().trim().min(1).max(200).openapi({ example: '2026年红旗社区社区工作者招聘' }),
    org: orgId.openapi({ description: 'The org unit hired into (usually a community)' }),
    places: z.number().int().min(1).max(1000),
    channel: vocabularyCode(recruitmentChannels, hireChannelNames).default('open-recruitment').openapi({
      description: 'open-recruitment (公开招聘) or helper-appointment (协辅人员, same exam-based process)',
    }),
    post: post.default('staff'),
    startingGrade: z.number().int().min(1).max(18).optional().openapi({
      description: "Grade on hire; default the bottom of the post's band in the pay policy",
    }),
    ageReferenceDate: isoDate
      .optional()
      .openapi({ description: 'Ages are checked on this date (default today)' }),
  })
  .openapi('OpenRecruitment');
openRecruitmentBody satisfies z.ZodType<OpenRecruitmentInput>;

export const recruitmentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    org: z.string(),
    channel: z.enum(recruitmentChannels),
    places: z.number().int(),
    post: post,
    startingGrade: z.number().int(),
    stage: z.enum(recruitmentStages),
    ageReferenceDate: z.string(),
    policy: z.object({ version: z.string(), document: recruitmentPolicySchema }),
    payPolicyVersion: z.string(),
    openedOn: z.string(),
    candidateCount: z.number().int(),
    eligibleCount: z.number().int(),
    shortlist: z.array(z.string()).nullable(),
    selected: z.array(z.string()).nullable(),
    noticeStartsOn: z.string().nullable(),
    noticeEndsOn: z.string().nullable(),
    hiredCount: z.number().int(),
    closedReason: z.string().nullable(),
    stageChangedAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Recruitment');

export const stageBody = z
  .object({
    to: z.enum(['written-exam', 'interview', 'review', 'notice', 'closed']).openapi({
      description: 'The next stage, or closed (from any stage; final)',
    }),
    reason: z.string().trim().min(1).max(1000).optional().openapi({ description: 'Why (for closing)' }),
  })
  .openapi('RecruitmentStageChange');

export const registerCandidateBody = z
  .object({
    nationalId: nationalIdInput,
    name: z.string().trim().min(1).max(100),
    education: educationLevel,
    certificateLevel: certificateLevel.nullable().optional().openapi({
      description: 'Highest social-work certificate held',
    }),
    isGridWorker: z.boolean().default(false).openapi({ description: 'Currently a grid worker (tie order)' }),
    isPartyMember: z.boolean().default(false),
    politicalRecordClear: z.boolean().openapi({ description: '政治表现 check found nothing disqualifying' }),
    meetsHealthRequirement: z.boolean(),
    hasLocalResidence: z.boolean().openapi({ description: 'Local household registration or residence' }),
    passedProfessionalScreen: z.boolean().optional().openapi({
      description: 'false only for an explicit disqualification from the professional exam',
    }),
    gridId: orgId
      .optional()
      .openapi({ description: "The grid they'll be assigned to (inside the recruitment's org)" }),
  })
  .openapi('RegisterCandidate');
registerCandidateBody satisfies z.ZodType<CandidateRegistration>;

/** One row of a registration sheet (报名表): the registration's fields, booleans also as 是/否. */
export const candidateRow = z.object({
  nationalId: nationalIdInput,
  name: z.string().trim().min(1).max(100),
  education: educationLevel,
  certificateLevel: certificateLevel.optional(),
  isGridWorker: flexibleBoolean.default(false),
  isPartyMember: flexibleBoolean.default(false),
  politicalRecordClear: flexibleBoolean,
  meetsHealthRequirement: flexibleBoolean,
  hasLocalResidence: flexibleBoolean,
  passedProfessionalScreen: flexibleBoolean.optional(),
  gridId: orgId.optional(),
});
candidateRow satisfies z.ZodType<CandidateRegistration>;

export const candidatesRegisteredSchema = z
  .object({
    recruitmentId: z.string(),
    registered: z.number().int(),
    eligible: z.number().int(),
    candidates: z.array(
      z.object({
        row: z.number().int(),
        candidateId: z.string(),
        registrationNo: z.number().int(),
        name: z.string(),
        eligible: z.boolean(),
        failed: z.array(z.string()).openapi({ description: 'Failed criteria by name' }),
      }),
    ),
  })
  .openapi('CandidatesRegistered');

const reviewSchema = z.object({
  decision: z.enum(['approved', 'rejected']),
  note: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

export const candidateSchema = z
  .object({
    id: z.string(),
    recruitmentId: z.string(),
    registrationNo: z.number().int(),
    nationalId: z.string(),
    name: z.string(),
    sex: z.enum(['male', 'female']).openapi({ description: 'From the 身份证号' }),
    birthDate: z.string(),
    education: educationLevel,
    certificateLevel: certificateLevel.nullable(),
    isGridWorker: z.boolean(),
    isPartyMember: z.boolean(),
    politicalRecordClear: z.boolean(),
    meetsHealthRequirement: z.boolean(),
    hasLocalResidence: z.boolean(),
    passedProfessionalScreen: z.boolean().nullable(),
    gridId: z.string().nullable(),
    eligibility: z.object({
      eligible: z.boolean(),
      failed: z
        .array(z.string())
        .openapi({ description: 'Failed criteria by name, e.g. ["age", "education"]' }),
      reasons: z.record(z.string(), z.string()),
      checkedOn: z.string(),
      policyVersion: z.string(),
    }),
    scores: z.object({ written: z.number().nullable(), interview: z.number().nullable() }),
    reviews: z.record(z.string(), reviewSchema),
    hiredWorkerId: z.string().nullable(),
    hiredOn: z.string().nullable(),
    removal: z
      .object({
        kind: z
          .enum(['withdrew', 'disqualified'])
          .openapi({ description: 'withdrew: 本人放弃; disqualified: 取消资格' }),
        reason: z.string().nullable(),
        at: z.string(),
        by: z.string(),
      })
      .nullable()
      .openapi({
        description: 'Set when the candidate withdrew or was disqualified during the public notice',
      }),
    notice: z
      .object({ startsOn: z.string(), endsOn: z.string() })
      .nullable()
      .openapi({ description: "The candidate's own notice after moving up (递补); null: the recruitment's" }),
    registeredAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Candidate');

export const scoresBody = z
  .object({
    written: examScore.optional(),
    interview: examScore.optional(),
  })
  .refine((s) => s.written !== undefined || s.interview !== undefined, { error: () => t('SCORE_REQUIRED') })
  .openapi('CandidateScores');

export const scoreRow = z
  .object({
    candidateId: z.string().trim().min(1).max(100).optional(),
    nationalId: nationalIdInput.optional(),
    written: examScore.optional(),
    interview: examScore.optional(),
  })
  .refine((r) => r.candidateId !== undefined || r.nationalId !== undefined, {
    error: () => t('CANDIDATE_REFERENCE_REQUIRED'),
  })
  .refine((r) => r.written !== undefined || r.interview !== undefined, { error: () => t('SCORE_REQUIRED') });
scoreRow satisfies z.ZodType<ScoreRow>;

export const reviewBody = z
  .object({
    department: z
      .preprocess(
        (value) => (typeof value === 'string' ? (codeOf(departmentNames, value) ?? value.trim()) : value),
        z.string().trim().min(1).max(100),
      )
      .openapi({ example: 'civil-affairs', description: 'A department code or its Chinese name (民政局 …)' }),
    decision: z.enum(['approve', 'reject']),
    note: z.string().trim().min(1).max(2000),
  })
  .openapi('JointReviewDecision');

/** A joint-review department in a path: its code or its Chinese name (民政局 …). */
export const departmentParam = z
  .preprocess(
    (value) => (typeof value === 'string' ? (codeOf(departmentNames, value) ?? value.trim()) : value),
    z.string().trim().min(1).max(100),
  )
  .openapi({ param: { name: 'department', in: 'path' }, example: 'civil-affairs' });

export const reviewWithdrawalBody = z
  .object({
    note: z.string().trim().min(1).max(2000).openapi({ description: 'Why the decision is withdrawn' }),
  })
  .openapi('JointReviewWithdrawal');

/** A selected candidate leaving during the notice: 本人放弃 (reason optional) or 取消资格 (reason required). */
export const candidateWithdrawalBody = z
  .object({ reason: z.string().trim().min(1).max(2000).optional() })
  .openapi('CandidateWithdrawal');
export const candidateDisqualificationBody = z
  .object({ reason: z.string().trim().min(1).max(2000) })
  .openapi('CandidateDisqualification');

export const hireBody = z
  .object({
    hiredOn: isoDate.optional().openapi({
      description: 'Default today; after the notice ends and not in the future',
    }),
  })
  .openapi('Hire');

// ----------------------------------------------------------------------------------------------
// Transfers

/** Spreadsheets give pay in 元 (currentMonthlyPayYuan, at most two decimals); JSON in fen. */
const yuanToFen = (row: unknown) => {
  if (row === null || typeof row !== 'object') return row;
  const { currentMonthlyPayYuan: yuan, ...rest } = row as Record<string, unknown>;
  if (yuan === undefined || 'currentMonthlyPayFen' in rest) return rest;
  const text = String(yuan).trim().replace(/,/g, '');
  return /^\d+(\.\d{1,2})?$/.test(text)
    ? { ...rest, currentMonthlyPayFen: Math.round(Number(text) * 100) }
    : { ...rest, currentMonthlyPayFen: Number.NaN };
};

export const transferRow = z.preprocess(
  yuanToFen,
  z.object({
    nationalId: nationalIdInput,
    name: z.string().trim().min(1).max(100),
    org: orgId.openapi({ description: 'Grid or community the worker is placed in' }),
    currentMonthlyPayFen: z.coerce
      .number()
      .int({ error: () => t('INTEGER_FEN') })
      .min(0),
    post: post.default('staff'),
    education: educationLevel,
    isPartyMember: flexibleBoolean.default(false),
  }),
);
transferRow satisfies z.ZodType<TransferRow>;

export const transferQuery = z.object({
  effectiveOn: isoDate
    .optional()
    .openapi({ description: 'Transfer date (default today; not in the future)' }),
});

export const transferPersonSchema = z.object({
  row: z.number().int(),
  workerId: z.string(),
  name: z.string(),
  nationalId: z.string(),
  org: z.string(),
  post: post,
  grade: z.number().int(),
  payFen: fen,
  previousPayFen: fen,
});

export const transferBatchSchema = z
  .object({
    id: z.string(),
    org: z.string(),
    status: z.enum(['in-progress', 'completed', 'rolled-back']),
    effectiveOn: z.string(),
    payPolicyVersion: z.string(),
    count: z.number().int(),
    persons: z.array(transferPersonSchema),
    recruitmentPolicyVersion: z.string(),
    failure: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .openapi({ description: 'Why a batch was rolled back' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('TransferBatch');

// ----------------------------------------------------------------------------------------------
// Workers and exits

export const exitBody = z
  .object({
    situation: exitSituationInput,
    effectiveOn: isoDate,
    evidence: z
      .string()
      .trim()
      .min(1, { error: () => t('EVIDENCE_REQUIRED') })
      .max(4000),
  })
  .openapi('Exit');
export type ExitInput = z.infer<typeof exitBody>;

export const probationStateSchema = z
  .object({
    status: z.enum(probationStatuses).openapi({
      description:
        'none (no probation, e.g. transferred) / serving / confirmed (转正) / failed (ended with an exit)',
    }),
    endsOn: z.string().nullable().openapi({ description: 'Last day, extensions included' }),
    extendedMonths: z.number().int(),
    decidedOn: z.string().nullable(),
    daysLeft: z.number().int().nullable(),
  })
  .openapi('ProbationState');

export const probationBody = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('confirm'), note: z.string().trim().max(2000).optional() }),
    z.object({
      decision: z.literal('extend'),
      months: z.number().int().min(1).max(24),
      note: z.string().trim().max(2000).optional(),
    }),
    z.object({
      decision: z.literal('fail'),
      situation: exitBody.shape.situation,
      effectiveOn: isoDate.optional().openapi({ description: 'Default: today' }),
      evidence: z
        .string()
        .trim()
        .min(1, { error: () => t('EVIDENCE_REQUIRED') })
        .max(4000),
    }),
  ])
  .openapi('ProbationDecision', {
    description:
      'confirm (转正, on or after the last day); extend by months (within the recruitment policy’s probationMaxExtensionMonths in all); fail: an exit under the named situation',
  });

export const probationsQuery = z.object({
  org: orgId,
  withinDays: z.coerce.number().int().min(0).max(366).default(30),
});

export const probationListSchema = z
  .object({
    org: z.string(),
    today: z.string(),
    until: z.string(),
    items: z.array(
      z.object({
        workerId: z.string(),
        name: z.string(),
        org: z.string(),
        hiredOn: z.string(),
        probation: probationStateSchema,
      }),
    ),
  })
  .openapi('ProbationsEnding');

export const contractTermSchema = z
  .object({
    no: z.number().int().openapi({ description: '1 = the first contract, 2 = the first renewal, …' }),
    startsOn: z.string(),
    endsOn: z.string().openapi({ description: 'Last day (inclusive)' }),
    policyVersion: z.string().optional(),
    renewedOn: z.string().optional(),
    notRenewedOn: z.string().optional(),
  })
  .openapi('ContractTerm');

export const contractStateSchema = z
  .object({
    status: z.enum(contractStatuses).openapi({
      description: 'in-term / expired (past the last day, no decision yet) / ended (the worker left)',
    }),
    current: contractTermSchema,
    terms: z.array(contractTermSchema),
    endsOn: z.string(),
    daysLeft: z.number().int().nullable(),
  })
  .openapi('ContractState');

export const contractDecisionBody = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('renew'), note: z.string().trim().max(2000).optional() }),
    z.object({
      decision: z.literal('not-renew'),
      evidence: z
        .string()
        .trim()
        .min(1, { error: () => t('EVIDENCE_REQUIRED') })
        .max(4000),
    }),
  ])
  .openapi('ContractDecision', {
    description:
      "renew (续签): a new term from the day after the current one ends, for the recruitment policy's renewalContractYears; not-renew: exit situation 5 on the term's last day",
  });

export const contractsEndingQuery = z.object({
  org: orgId,
  withinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(366)
    .optional()
    .openapi({ description: "Default: the recruitment policy's contractReminderDays (60)" }),
});

export const contractsEndingSchema = z
  .object({
    org: z.string(),
    today: z.string(),
    withinDays: z.number().int(),
    until: z.string(),
    items: z.array(
      z.object({
        workerId: z.string(),
        name: z.string(),
        org: z.string(),
        hiredOn: z.string(),
        contract: contractStateSchema,
      }),
    ),
  })
  .openapi('ContractsEnding');

export const contractReminderSchema = z
  .object({
    id: z.string(),
    workerId: z.string(),
    workerName: z.string(),
    org: z.string(),
    termNo: z.number().int(),
    endsOn: z.string(),
    daysLeft: z.number().int(),
    createdFor: z.string().openapi({ description: 'The day whose job run created it' }),
    createdAt: z.string(),
    status: z.enum(contractReminderStatuses),
    dismissedAt: z.string().nullable(),
    dismissedBy: z.string().nullable(),
    note: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('ContractReminder');

export const contractRemindersQuery = cursorQuery.extend({
  org: orgId,
  status: z.enum(contractReminderStatuses).default('open'),
});

export const dismissReminderBody = z
  .object({ note: z.string().trim().max(2000).optional() })
  .openapi('DismissContractReminder');

export const workerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nationalId: z.string().openapi({ description: 'Masked for everyone but HR officers' }),
    sex: z.enum(['male', 'female']),
    birthDate: z.string(),
    org: z.string(),
    status: z.enum(['active', 'exited']),
    channel: z.enum(hireChannels).openapi({
      description: 'How the worker came in; `channelLabel` beside it is its Chinese name',
    }),
    education: z.enum(educationLevels),
    isPartyMember: z.boolean(),
    post: post,
    grade: z.number().int(),
    step: stepStateSchema,
    gradeSince: z
      .string()
      .optional()
      .openapi({ description: 'Effective date of the current post and grade' }),
    gradeReason: z.enum(gradeChangeReasons).optional(),
    committeeRoles: z
      .array(z.object({ committee: z.enum(COMMITTEES), role: z.enum(COMMITTEE_ROLES), since: z.string() }))
      .optional()
      .openapi({ description: 'Current seats in the two committees (两委)' }),
    hiredOn: z.string(),
    probationEndsOn: z
      .string()
      .nullable()
      .openapi({ description: 'Last day of probation; null when there is none (transferred workers)' }),
    contractEndsOn: z.string().openapi({ description: 'Last day of the current contract term' }),
    contractTerms: z.array(contractTermSchema).optional(),
    contract: contractStateSchema,
    probation: probationStateSchema,
    probationStatus: z.enum(probationStatuses).optional(),
    probationExtendedMonths: z.number().int().optional(),
    probationDecidedOn: z.string().nullable().optional(),
    certificates: z.array(
      z.object({
        level: z.enum(certificateLevels),
        number: z.string(),
        issuedOn: z.string(),
        registeredOn: z.string(),
      }),
    ),
    mentorIds: z.array(z.string()).openapi({ description: "Current mentors' worker ids" }),
    annualGrades: z
      .record(z.string(), z.enum(EVALUATION_GRADES))
      .openapi({ description: 'Annual evaluation grades by year' }),
    source: z.record(z.string(), z.unknown()).openapi({
      description: 'Where the worker came from: recruitment/candidate or transfer batch, pay before',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    exit: z
      .object({
        situation: z.number().int(),
        code: z.string(),
        label: z.string(),
        effectiveOn: z.string(),
        evidence: z.string(),
        recordedAt: z.string(),
      })
      .nullable(),
    version: z.number().int(),
  })
  .openapi('Worker');

/** Look-up text: a full 身份证号 (exact) or the beginning of a name. */
const lookupText = z.string().trim().min(1).max(50).openapi({
  description: 'A full 18-character 身份证号 (exact match) or the beginning of a name (prefix match)',
  example: '张',
});

export const workerListQuery = z.object({
  org: orgId,
  q: lookupText.optional(),
  status: z.enum(['active', 'exited']).default('active'),
  cursor: z.string().max(2048).optional().openapi({ description: 'Opaque cursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const workerHistorySchema = z
  .object({
    workerId: z.string(),
    event: z.string(),
    at: z.string(),
    effectiveOn: z.string(),
    org: z.string(),
    details: z.record(z.string(), z.unknown()),
    actor: z.object({ sub: z.string(), role: z.string(), org: z.string() }),
  })
  .openapi('WorkerHistoryEntry');

export const candidateListQuery = cursorQuery.extend({ q: lookupText.optional() });
