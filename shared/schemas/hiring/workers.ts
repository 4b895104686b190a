import { z } from '@hono/zod-openapi';
import { certificateLevels } from '#shared/domain/certificates.ts';
import { EVALUATION_GRADES } from '#shared/domain/evaluation.ts';
import { gradeChangeReasons } from '#shared/domain/pay.ts';
import { probationStatuses } from '#shared/domain/probation.ts';
import { COMMITTEE_ROLES, COMMITTEES } from '#shared/domain/promotion.ts';
import { educationLevels } from '#shared/domain/recruitment.ts';
import { hireChannels } from '#shared/domain/workers.ts';
import { stepStateSchema } from '#shared/schemas/careers.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { contractStateSchema, contractTermSchema } from './contracts.ts';
import { probationStateSchema } from './exits-and-probation.ts';
import { lookupText, post } from './fields.ts';

/** The worker record as the API shows it, the list's query and the history. */

export const workerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nationalId: z.string().openapi({ description: 'Masked for everyone but HR officers' }),
    sex: z.enum(['male', 'female']),
    birthDate: z.string(),
    org: z.string(),
    orgSince: z.string().optional().openapi({
      description: 'The day the worker took up `org` by a move (调动); absent: since the hire',
    }),
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
