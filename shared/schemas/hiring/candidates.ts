import { z } from '@hono/zod-openapi';
import type { CandidateRegistration } from '#shared/domain/recruitment.ts';
import { cursorQuery } from '#shared/schemas/common.ts';
import { orgId, orgReference } from '#shared/schemas/org-unit.ts';
import { certificateLevel, educationLevel, flexibleBoolean, lookupText, nationalIdInput } from './fields.ts';

/** Candidates: registration (one, or a sheet of rows), the candidate record, the list's query. */

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
  gridId: orgReference('The community or grid they would work in, inside the recruitment’s unit').optional(),
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
        org: z.string().openapi({
          description:
            "The community or grid the candidate would work in (拟安排单位, else the recruitment's unit)",
        }),
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

export const candidateListQuery = cursorQuery.extend({ q: lookupText.optional() });
