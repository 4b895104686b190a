import { z } from '@hono/zod-openapi';
import { probationStatuses } from '#shared/domain/probation.ts';
import { t } from '#shared/messages/catalogue.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { exitSituationInput } from '#shared/schemas/vocabulary.ts';

/** A worker's exit, and probation (its state, the decision, probations ending soon). */

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
