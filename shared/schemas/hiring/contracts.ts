import { z } from '@hono/zod-openapi';
import { contractReminderStatuses, contractStatuses } from '#shared/domain/contracts.ts';
import { t } from '#shared/messages/catalogue.ts';
import { cursorQuery } from '#shared/schemas/common.ts';
import { orgId } from '#shared/schemas/org-unit.ts';

/** Contract terms: their state, renewing or not, contracts ending soon and their reminders. */

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
