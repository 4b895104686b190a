import { z } from '@hono/zod-openapi';
import { codeOf, departmentNames } from '#shared/domain/vocabulary.ts';
import { isoDate } from '#shared/schemas/common.ts';

/** Joint review by departments, leaving during the public notice, and the hire. */

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
