import { z } from '@hono/zod-openapi';
import type { TransferRow } from '#shared/domain/transfers.ts';
import { t } from '#shared/messages/catalogue.ts';
import { fen, isoDate } from '#shared/schemas/common.ts';
import { orgReference } from '#shared/schemas/org-unit.ts';
import { educationLevel, flexibleBoolean, nationalIdInput, post } from './fields.ts';

/** Transfers of existing workers in (转入): the sheet's rows and the batch. */

/** Spreadsheets give pay in 元 (currentMonthlyPayYuan, at most two decimals); JSON in fen. */
const yuanToFen = (row: unknown) => {
  if (row === null || typeof row !== 'object') return row;
  const { currentMonthlyPayYuan: yuan, ...rest } = row as Record<string, unknown>;
  if (yuan === undefined || 'currentMonthlyPayFen' in rest) return rest;
  const text = String(yuan).trim().replace(/,/g, '');
  // Not an amount: kept under its own (元) column, so the refusal names the column the sheet has.
  return /^\d+(\.\d{1,2})?$/.test(text)
    ? { ...rest, currentMonthlyPayFen: Math.round(Number(text) * 100) }
    : { ...rest, currentMonthlyPayYuan: yuan, currentMonthlyPayFen: 0 };
};

export const transferRow = z.preprocess(
  yuanToFen,
  z.object({
    nationalId: nationalIdInput,
    name: z.string().trim().min(1).max(100),
    org: orgReference('Grid or community the worker is placed in'),
    currentMonthlyPayFen: z.coerce
      .number()
      .int({ error: () => t('INTEGER_FEN') })
      .min(0),
    /** Present only when the sheet's 元 amount could not be read. */
    currentMonthlyPayYuan: z.never({ error: () => t('YUAN_AMOUNT') }).optional(),
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
