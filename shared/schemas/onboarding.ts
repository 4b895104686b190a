import { z } from '@hono/zod-openapi';
import { certificateLevelNames, certificateLevels } from '#shared/domain/certificates.ts';
import { EVALUATION_GRADES, type EvaluationGrade, evaluationGradeNames } from '#shared/domain/evaluation.ts';
import { GRADE_COUNT } from '#shared/domain/pay.ts';
import type { OnboardingRow } from '#shared/domain/onboarding.ts';
import { codeOf } from '#shared/domain/vocabulary.ts';
import { t } from '#shared/messages/catalogue.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { educationLevel, flexibleBoolean, nationalIdInput, post } from '#shared/schemas/hiring.ts';
import { orgReference } from '#shared/schemas/org-unit.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';

/**
 * 历年年度考核: a JSON object { "2025": "competent" } or a cell like `2024:称职;2025:优秀`
 * (separators ; ； , ， or spaces; : or ：; grades by code or Chinese name).
 */
const annualGradesInput = z.preprocess(
  (value) => {
    if (value === undefined || value === null || value === '') return {};
    if (typeof value !== 'string') return value;
    const out: Record<string, string> = {};
    for (const part of value.split(/[;；,，\s]+/).filter(Boolean)) {
      const [year, grade, ...rest] = part.split(/[:：]/);
      if (rest.length > 0 || !year || !grade) return value;
      out[year.trim()] = codeOf(evaluationGradeNames, grade.trim()) ?? grade.trim();
    }
    return out;
  },
  z.record(
    z.string().regex(/^\d{4}$/, { error: () => t('ONBOARDING_EVALUATION_FORMAT') }),
    z.enum(EVALUATION_GRADES, { error: () => t('ONBOARDING_EVALUATION_FORMAT') }),
    { error: () => t('ONBOARDING_EVALUATION_FORMAT') },
  ),
);

const CERTIFICATE_FIELDS = [
  'certificateLevel',
  'certificateNumber',
  'certificateIssuedOn',
  'certificateRegisteredOn',
] as const;

/** One serving worker of an onboarding import (存量人员导入); see `uploadSpecs.onboarding`. */
export const onboardingRow = z
  .object({
    nationalId: nationalIdInput,
    name: z.string().trim().min(1).max(100),
    org: orgReference('Grid or community the worker serves in'),
    education: educationLevel,
    isPartyMember: flexibleBoolean.default(false),
    hiredOn: isoDate,
    post: post.default('staff'),
    grade: z.coerce.number().int().min(1).max(GRADE_COUNT),
    gradeSince: isoDate.optional(),
    probationEndsOn: isoDate.optional(),
    contractStartsOn: isoDate.optional(),
    contractEndsOn: isoDate,
    certificateLevel: vocabularyCode(certificateLevels, certificateLevelNames).optional(),
    certificateNumber: z.string().trim().min(1).max(64).optional(),
    certificateIssuedOn: isoDate.optional(),
    certificateRegisteredOn: isoDate.optional(),
    annualGrades: annualGradesInput,
  })
  .superRefine((row, ctx) => {
    const given = CERTIFICATE_FIELDS.filter((field) => row[field] !== undefined);
    if (given.length > 0 && given.length < CERTIFICATE_FIELDS.length)
      for (const field of CERTIFICATE_FIELDS.filter((f) => row[f] === undefined))
        ctx.addIssue({ code: 'custom', path: [field], message: t('ONBOARDING_CERTIFICATE_INCOMPLETE') });
  })
  .transform(
    ({
      certificateLevel,
      certificateNumber,
      certificateIssuedOn,
      certificateRegisteredOn,
      annualGrades,
      ...rest
    }): OnboardingRow => ({
      ...rest,
      annualGrades: annualGrades as Record<string, EvaluationGrade>,
      certificate:
        certificateLevel && certificateNumber && certificateIssuedOn && certificateRegisteredOn
          ? {
              level: certificateLevel,
              number: certificateNumber,
              issuedOn: certificateIssuedOn,
              registeredOn: certificateRegisteredOn,
            }
          : undefined,
    }),
  );

export const onboardingPersonSchema = z.object({
  row: z.number().int(),
  workerId: z.string(),
  name: z.string(),
  nationalId: z.string(),
  org: z.string(),
  post,
  grade: z.number().int(),
  hiredOn: isoDate,
});

export const onboardingSchema = z
  .object({
    id: z.string(),
    org: z.string().openapi({ description: 'The city' }),
    status: z.enum(['in-progress', 'completed', 'rolled-back']),
    count: z.number().int(),
    payPolicyVersion: z.string(),
    persons: z.array(onboardingPersonSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('Onboarding');
