import type { z } from 'zod';
import { defaultEvaluationPolicy, evaluationPolicySchema } from '#shared/domain/evaluation.ts';
import { defaultHonourPolicy, honourPolicySchema } from '#shared/domain/honours.ts';
import { defaultMentoringPolicy, mentoringPolicySchema } from '#shared/domain/mentoring.ts';
import { defaultPayPolicy, payPolicySchema } from '#shared/domain/pay.ts';
import { defaultPromotionPolicy, promotionPolicySchema } from '#shared/domain/promotion.ts';
import { defaultQuotaPolicy, quotaPolicySchema } from '#shared/domain/quota.ts';
import { defaultRecruitmentPolicy, recruitmentPolicySchema } from '#shared/domain/recruitment.ts';
import { defaultTrainingPolicy, trainingPolicySchema } from '#shared/domain/training.ts';

/**
 * Every rule number lives in a versioned, effective-dated policy. Each kind has a zod schema and
 * the rule book's default (in force until a city stores its own version via PUT /v1/policies).
 * Certificate allowances are part of the pay policy (they are paid on the statement).
 */
export const policyKinds = {
  quota: { schema: quotaPolicySchema, defaults: defaultQuotaPolicy },
  recruitment: { schema: recruitmentPolicySchema, defaults: defaultRecruitmentPolicy },
  training: { schema: trainingPolicySchema, defaults: defaultTrainingPolicy },
  mentoring: { schema: mentoringPolicySchema, defaults: defaultMentoringPolicy },
  pay: { schema: payPolicySchema, defaults: defaultPayPolicy },
  evaluation: { schema: evaluationPolicySchema, defaults: defaultEvaluationPolicy },
  promotion: { schema: promotionPolicySchema, defaults: defaultPromotionPolicy },
  honours: { schema: honourPolicySchema, defaults: defaultHonourPolicy },
} as const;

export type PolicyKind = keyof typeof policyKinds;
export type PolicyDocument<K extends PolicyKind> = z.infer<(typeof policyKinds)[K]['schema']>;

export function isPolicyKind(kind: string): kind is PolicyKind {
  return Object.hasOwn(policyKinds, kind);
}
