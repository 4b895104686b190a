import { z } from '@hono/zod-openapi';
import type { ScoreRow } from '#shared/domain/recruitment.ts';
import { t } from '#shared/messages/catalogue.ts';
import { examScore, nationalIdInput } from './fields.ts';

/** Exam scores: one candidate's, or rows of a score sheet. */

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
