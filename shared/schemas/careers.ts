import { z } from '@hono/zod-openapi';
import { honourTypeNames, honourTypes } from '#shared/domain/honours.ts';
import { GRADE_COUNT, POSTS, gradeChangeReasons } from '#shared/domain/pay.ts';
import { COMMITTEE_ROLES, COMMITTEES } from '#shared/domain/promotion.ts';
import { isoDate, isoMonth } from '#shared/schemas/common.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';
import { committeeNames, committeeRoleNames } from '#shared/domain/vocabulary.ts';

/** Request/response schemas for pay, grades, statements, promotions, reserve pool and honours. */

const postEnum = z
  .enum(POSTS)
  .openapi({ description: 'principal (正职) / deputy (副职) / staff (社区工作者)' });
const gradeNo = z.number().int().min(1).max(GRADE_COUNT);
const fenAmount = z.number().int().openapi({ description: 'Amount in fen (1 yuan = 100 fen)' });
const text = (max: number) => z.string().trim().min(1).max(max);

/** Grade-step bookkeeping kept on the worker (see domain/pay.ts StepState). */
export const stepStateSchema = z
  .object({
    grade: z.number().int(),
    yearsCountedInGrade: z
      .number()
      .int()
      .openapi({ description: 'Full years counted in the grade since the last step' }),
    consecutiveExcellent: z.number().int(),
    earlyStepsTaken: z.number().int().openapi({ description: 'Early steps taken in the whole career' }),
    lastStepYear: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'The last year whose 1 January step was applied' }),
  })
  .openapi('StepState');

export const workerIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'w_1a2b3c4d5e6f' }),
});
export const monthParam = z.object({
  month: isoMonth.openapi({ param: { name: 'month', in: 'path' }, example: '2026-03' }),
});

// ----------------------------------------------------------------------------------------------
// Grades

export const setGradeBody = z
  .object({
    post: postEnum.optional().openapi({ description: 'New post (default: unchanged)' }),
    grade: gradeNo,
    effectiveOn: isoDate.openapi({ description: "Not in the future, not before the worker's latest change" }),
    reason: text(500).openapi({ example: '年度岗位调整' }),
    expectedVersion: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: 'The worker version you read' }),
  })
  .openapi('SetGrade');

const band = z.object({ min: gradeNo, max: gradeNo });

const gradeHistoryEntry = z.object({
  effectiveOn: isoDate,
  post: postEnum,
  grade: gradeNo,
  from: z.object({ post: postEnum, grade: gradeNo }).nullable(),
  reason: z.enum(gradeChangeReasons),
  note: z.string().nullable(),
  ref: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});

const committeeSeat = z.object({
  committee: z.enum(COMMITTEES),
  role: z.enum(COMMITTEE_ROLES),
  since: isoDate,
});

export const gradeViewSchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    org: z.string(),
    status: z.string(),
    post: postEnum,
    grade: gradeNo,
    band,
    gradeSince: isoDate,
    committeeRoles: z.array(committeeSeat),
    step: stepStateSchema,
    payPolicyVersion: z.string(),
    history: z.array(gradeHistoryEntry),
    version: z.number().int(),
  })
  .openapi('WorkerGrade');

// ----------------------------------------------------------------------------------------------
// Statements

export const statementSchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    org: z.string(),
    month: isoMonth,
    post: postEnum,
    grade: gradeNo,
    band,
    gradeBasis: z.object({ effectiveOn: isoDate, reason: z.string() }).openapi({
      description: 'The change that put the worker in this post and grade (in force on the month’s last day)',
    }),
    policy: z
      .object({ kind: z.literal('pay'), version: z.string(), effectiveFrom: isoDate })
      .openapi({ description: 'The pay policy version in effect on the month’s first day' }),
    evaluation: z.object({ year: z.number().int(), grade: z.string() }).nullable(),
    lines: z.array(
      z.object({
        code: z.enum(['base', 'post-allowance', 'certificate-allowance', 'evaluation-bonus']),
        label: z.string(),
        amountFen: fenAmount.openapi({
          description: 'Paid for the month: fullMonthFen, or in a part month its share by days served',
        }),
        fullMonthFen: fenAmount.openapi({ description: 'The amount for a whole month' }),
        basis: z.string().openapi({ description: 'Why this amount (with the days in a part month)' }),
      }),
    ),
    totalFen: fenAmount,
    currency: z.literal('CNY'),
    unit: z.literal('fen'),
    service: z
      .object({
        from: isoDate,
        to: isoDate,
        daysServed: z.number().int(),
        daysInMonth: z.number().int(),
        partial: z.boolean(),
      })
      .openapi({
        description:
          'Calendar days served in the month (hire or transfer-in date to exit date, both included). In a part month every line is amount × daysServed ÷ daysInMonth, rounded to the fen line by line.',
      }),
    partialMonth: z
      .boolean()
      .openapi({ description: 'Hired, transferred in or left during the month: paid by days' }),
    notes: z.array(z.string()).openapi({ description: 'Explanations, among them the part-month rule' }),
  })
  .openapi('PayStatement');

export const payrollQuery = z.object({
  org: orgId.openapi({ description: 'Org unit subtree to export' }),
});

// ----------------------------------------------------------------------------------------------
// Grade steps

export const gradeStepBody = z
  .object({ year: z.number().int().min(2000).max(2100).openapi({ example: 2026 }) })
  .openapi('RunGradeStep');

export const gradeStepResult = z
  .object({
    year: z.number().int(),
    cities: z.array(z.string()),
    payPolicyVersion: z.string(),
    examined: z.number().int(),
    stepped: z.number().int(),
    unchanged: z.number().int(),
    skipped: z.number().int(),
    failed: z.number().int(),
    reasons: z.record(z.string(), z.number()),
    failures: z.array(z.object({ workerId: z.string(), code: z.string(), message: z.string() })),
  })
  .openapi('GradeStepResult');

// ----------------------------------------------------------------------------------------------
// Promotions and reserve pool

export const promoteBody = z
  .object({
    committee: vocabularyCode(COMMITTEES, committeeNames).openapi({
      description: 'party (社区党组织委员会) or residents (居民委员会)',
    }),
    role: vocabularyCode([...COMMITTEE_ROLES, 'secretary', 'director'], {
      ...committeeRoleNames,
      secretary: '书记',
      director: '主任',
    }).openapi({
      description:
        "member (委员), deputy (副书记/副主任), head — or 'secretary' (party) / 'director' (residents)",
    }),
    effectiveOn: isoDate,
    reason: z.string().trim().max(500).optional(),
    outsidePoolReason: z.string().trim().max(500).optional().openapi({
      description: 'Required when the worker is not in the reserve pool (后备力量)',
    }),
    expectedVersion: z.number().int().min(1).optional(),
  })
  .openapi('Promote');

export const promotionSchema = z
  .object({
    id: z.string(),
    workerId: z.string(),
    org: z.string(),
    committee: z.enum(COMMITTEES),
    role: z.enum(COMMITTEE_ROLES),
    roleLabel: z.string(),
    effectiveOn: isoDate,
    from: z.object({ post: postEnum, grade: gradeNo }),
    to: z.object({ post: postEnum, grade: gradeNo }),
    payBeforeFen: fenAmount,
    payAfterFen: fenAmount,
    payPolicyVersion: z.string(),
    promotionPolicyVersion: z.string(),
    fromReservePool: z.boolean(),
    outsidePoolReason: z.string().nullable(),
    reason: z.string().nullable(),
    recordedAt: z.string(),
    recordedBy: z.string(),
  })
  .openapi('Promotion');

export const promotionPreviewSchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    org: z.string(),
    committee: z.enum(COMMITTEES),
    role: z.enum(COMMITTEE_ROLES).nullable().openapi({
      description: 'The role code; null when the committee has no such role (ROLE_NOT_IN_COMMITTEE)',
    }),
    roleLabel: z.string().nullable(),
    effectiveOn: isoDate,
    from: z.object({ post: postEnum, grade: gradeNo }),
    to: z.object({ post: postEnum, grade: gradeNo }).nullable().openapi({
      description:
        'The new post and grade; null when they cannot be computed (no such role, not a promotion)',
    }),
    payBeforeFen: fenAmount.nullable().openapi({ description: 'Base pay + post allowance today' }),
    payAfterFen: fenAmount.nullable().openapi({ description: 'Base pay + post allowance after' }),
    shortfallFen: fenAmount.openapi({ description: '> 0 when even the new band’s top grade pays less' }),
    payPolicyVersion: z.string(),
    promotionPolicyVersion: z.string(),
    fromReservePool: z.boolean(),
    allowed: z.boolean().openapi({ description: 'true when the promotion may be recorded as it stands' }),
    refusals: z
      .array(
        z.object({
          status: z.number().int(),
          code: z.string(),
          message: z.string(),
          details: z.record(z.string(), z.unknown()).nullable(),
        }),
      )
      .openapi({ description: 'Every refusal the promotion would give, in the order it checks them' }),
  })
  .openapi('PromotionPreview');

export const promotionHistorySchema = z
  .object({
    workerId: z.string(),
    post: postEnum,
    grade: gradeNo,
    committeeRoles: z.array(committeeSeat),
    items: z.array(promotionSchema),
  })
  .openapi('PromotionHistory');

export const reservePoolBody = z
  .object({ workerId: z.string().min(1).max(100), reason: text(500) })
  .openapi('AddToReservePool');

export const reservePoolEntrySchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    org: z.string(),
    post: postEnum,
    grade: gradeNo,
    reason: z.string(),
    addedOn: isoDate,
    addedBy: z.string(),
  })
  .openapi('ReservePoolEntry');

// ----------------------------------------------------------------------------------------------
// Honours

const honourType = vocabularyCode(honourTypes, honourTypeNames).openapi({
  description:
    '两代表一委员: party-congress-delegate, peoples-congress-deputy, cppcc-member; 两优一先: outstanding-party-member, outstanding-party-worker, advanced-party-organisation',
});

export const createHonourCycleBody = z
  .object({
    honourType,
    name: text(200).openapi({ example: '2026年优秀共产党员推荐' }),
    year: z.number().int().min(2000).max(2100),
    quotas: z
      .array(z.object({ org: orgId, seats: z.number().int().min(1).max(10_000) }))
      .min(1)
      .max(90)
      .openapi({ description: 'Seats reserved for community workers (指标单列) per org unit' }),
    evaluationYears: z.array(z.number().int().min(2000).max(2100)).min(1).max(5).optional().openapi({
      description: 'Annual evaluations a nominee must not have failed (default: year-1 and year)',
    }),
  })
  .openapi('CreateHonourCycle');

export const nominateBody = z
  .object({ workerId: z.string().min(1).max(100), reason: text(1000) })
  .openapi('Nominate');

export const nominationResultBody = z
  .object({ awarded: z.boolean(), note: z.string().trim().max(1000).optional() })
  .openapi('NominationResult');

export const cycleIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const nominationParams = cycleIdParam.extend({
  nominationId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'nominationId', in: 'path' } }),
});

export const nominationSchema = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    honourType,
    year: z.number().int(),
    workerId: z.string(),
    workerName: z.string(),
    org: z.string(),
    quotaOrg: z.string(),
    reason: z.string(),
    nominatedAt: z.string(),
    nominatedBy: z.string(),
    result: z
      .object({
        awarded: z.boolean(),
        note: z.string().nullable(),
        recordedAt: z.string(),
        recordedBy: z.string(),
      })
      .nullable(),
    withdrawn: z
      .object({ at: z.string(), reason: z.enum(['exit']) })
      .nullable()
      .optional()
      .openapi({ description: 'The nominee exited before a result; the seat was freed' }),
  })
  .openapi('Nomination');

export const honourCycleSchema = z
  .object({
    id: z.string(),
    honourType,
    honourName: z.string(),
    group: z.string().optional(),
    name: z.string(),
    year: z.number().int(),
    evaluationYears: z.array(z.number().int()),
    org: z.string(),
    quotas: z.array(
      z.object({
        org: z.string(),
        seats: z.number().int(),
        used: z.number().int().optional(),
        available: z.number().int().optional(),
      }),
    ),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('HonourCycle');

export const honourCycleDetailSchema = honourCycleSchema
  .extend({
    nominations: z.array(nominationSchema),
    summary: z.object({
      nominated: z.number().int(),
      awarded: z.number().int(),
      notAwarded: z.number().int(),
      pending: z.number().int(),
      withdrawn: z.number().int(),
    }),
  })
  .openapi('HonourCycleDetail');

export const honourCycleListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
