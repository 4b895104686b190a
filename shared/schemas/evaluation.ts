import { z } from '@hono/zod-openapi';
import type { InputRow } from '#shared/domain/evaluation-inputs.ts';
import { t } from '#shared/messages/catalogue.ts';
import { EVALUATION_GRADES } from '#shared/domain/evaluation.ts';
import { isPeriod, PERIOD_MESSAGE } from '#shared/domain/evaluation-periods.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { nationalIdInput } from '#shared/schemas/hiring.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { spreadsheetContent } from '#shared/spreadsheets/media.ts';
import { INPUT_KINDS, type InputKind } from '#shared/domain/evaluation-inputs.ts';
import { EXIT_PROPOSAL_STATUSES } from '#shared/domain/exits.ts';

/** CSV cells arrive as strings: numbers are converted here (a non-number stays invalid, NaN). */
const numeric = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v), schema);

export const periodSchema = z
  .preprocess(
    (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : v),
    z.string().refine(isPeriod, PERIOD_MESSAGE),
  )
  .openapi({ example: '2026-02', description: PERIOD_MESSAGE });

const workerIdField = z.string().trim().min(1).max(100);
/** A row names its worker by internal id or by 身份证号 (resolved to the active worker before the use-case). */
const workerReference = {
  workerId: workerIdField.optional(),
  nationalId: nationalIdInput.optional(),
};
const namesWorker = (row: { workerId?: string; nationalId?: string }) =>
  row.workerId !== undefined || row.nationalId !== undefined;
const namesWorkerIssue = { error: () => t('WORKER_REFERENCE_REQUIRED'), path: ['workerId'] };
const points = numeric(z.number().min(0).max(100));
const count = numeric(z.number().int().min(0).max(1_000_000));

export const inputRowSchemas = {
  poll: z
    .object({ ...workerReference, period: periodSchema, score: points })
    .refine(namesWorker, namesWorkerIssue),
  departments: z
    .object({
      ...workerReference,
      period: periodSchema,
      department: z.string().trim().min(1).max(60),
      score: points,
    })
    .refine(namesWorker, namesWorkerIssue),
  duty: z
    .object({
      ...workerReference,
      period: periodSchema,
      gridPatrols: count,
      householdVisits: count,
    })
    .refine(namesWorker, namesWorkerIssue),
  'work-orders': z
    .object({
      ...workerReference,
      period: periodSchema,
      assigned: count,
      completed: count,
      satisfied: count,
    })
    .superRefine((row, ctx) => {
      if (row.completed > row.assigned)
        ctx.addIssue({ code: 'custom', path: ['completed'], message: t('COMPLETED_EXCEEDS_ASSIGNED') });
      if (row.satisfied > row.completed)
        ctx.addIssue({ code: 'custom', path: ['satisfied'], message: t('SATISFIED_EXCEEDS_COMPLETED') });
    })
    .refine(namesWorker, namesWorkerIssue),
} satisfies Record<InputKind, z.ZodTypeAny>;

/** Each kind's row, once its worker is resolved, is the domain's `InputRow`. */
type Resolved<K extends InputKind> = Omit<z.infer<(typeof inputRowSchemas)[K]>, 'workerId' | 'nationalId'> & {
  workerId: string;
  kind: K;
};
({}) as { [K in InputKind]: Resolved<K> }[InputKind] satisfies InputRow;

export const inputKindParam = z.object({
  kind: z.enum(INPUT_KINDS).openapi({ param: { name: 'kind', in: 'path' }, example: 'poll' }),
});

const csvColumns: Record<InputKind, string> = {
  poll: 'workerId|nationalId,period,score',
  departments: 'workerId|nationalId,period,department,score',
  duty: 'workerId|nationalId,period,gridPatrols,householdVisits',
  'work-orders': 'workerId|nationalId,period,assigned,completed,satisfied',
};

/** Documented loosely on purpose: rows are validated by the use-case, failures listed per row. */
export const inputsBody = {
  required: false,
  content: {
    'application/json': {
      schema: z
        .union([
          z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
          z.array(z.record(z.string(), z.unknown())),
        ])
        .openapi({
          description: `Rows by kind — ${Object.entries(csvColumns)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; ')}. period is 'YYYY-MM' (monthly) or 'YYYY' (annual).`,
        }),
    },
    'text/csv': {
      schema: z.string().openapi({
        description:
          'CSV with a header row (Chinese headers as in GET /v1/templates/{kind}, or the JSON field names); also .xlsx',
      }),
    },
    ...spreadsheetContent,
  },
};

export const inputsUploadResult = z
  .object({
    kind: z.enum(INPUT_KINDS),
    rows: z.number().int(),
    workers: z.number().int(),
    periods: z.array(z.string()),
  })
  .openapi('EvaluationInputsUploaded');

export const workerInputsSchema = z
  .object({
    workerId: z.string(),
    period: z.string(),
    poll: z.object({ score: z.number() }).nullable(),
    departments: z.object({ scores: z.record(z.string(), z.number()) }).nullable(),
    duty: z.object({ gridPatrols: z.number(), householdVisits: z.number() }).nullable(),
    workOrders: z.object({ assigned: z.number(), completed: z.number(), satisfied: z.number() }).nullable(),
  })
  .openapi('WorkerEvaluationInputs');

// ---------- runs ----------

export const startRunBody = z
  .object({
    period: periodSchema,
    org: orgId.optional().openapi({ description: "Subtree to score (default: the caller's org unit)" }),
  })
  .openapi('StartEvaluationRun');

export const runSchema = z
  .object({
    id: z.string(),
    period: z.string(),
    kind: z.enum(['monthly', 'annual']),
    org: z.string(),
    status: z.enum(['running', 'completed']),
    policyVersion: z.string(),
    unitsTotal: z.number().int(),
    unitsDone: z.number().int(),
    workersScored: z.number().int(),
    progressPercent: z.number(),
    startedAt: z.string(),
    startedBy: z.string(),
    trigger: z.enum(['api', 'schedule']),
    completedAt: z.string().nullable(),
    pendingUnits: z
      .array(
        z.object({
          org: z.string(),
          attempts: z.number().int(),
          lastError: z.string().nullable().openapi({
            description:
              "The unit's last failure, in the caller's language (Chinese unless Accept-Language: en)",
          }),
          lastErrorCode: z.string().nullable().openapi({
            description:
              'Its catalogue code (EVALUATION_UNIT_FAILED for an internal error, which is only logged)',
          }),
        }),
      )
      .optional()
      .openapi({ description: 'Units not yet scored (first 100), while the run is running' }),
    resentUnits: z.number().int().optional(),
  })
  .openapi('EvaluationRun');

// ---------- results ----------

const componentsSchema = z.object({
  poll: z.number(),
  departments: z.number(),
  duty: z.number(),
  workOrders: z.number(),
});

export const resultSchema = z
  .object({
    workerId: z.string(),
    workerName: z.string(),
    org: z.string(),
    period: z.string(),
    kind: z.enum(['monthly', 'annual']),
    components: componentsSchema.openapi({ description: 'Component scores, 0–100' }),
    total: z.number().openapi({ description: 'Weighted total 0–100 (after any training penalty)' }),
    rank: z.number().int(),
    unitSize: z.number().int(),
    grade: z.enum(EVALUATION_GRADES),
    label: z.string(),
    cappedFromExcellent: z.boolean(),
    satisfactionFailed: z.boolean(),
    satisfactionPercent: z.number().nullable(),
    missing: z.array(z.string()),
    training: z.object({ hours: z.number(), requirementMet: z.boolean(), penalty: z.number() }).nullable(),
    inputs: z.record(z.string(), z.unknown()),
    sources: z.record(z.string(), z.string()).nullable(),
    policyVersion: z.string(),
    runId: z.string(),
    computedAt: z.string(),
  })
  .openapi('EvaluationResult');

export const resultsQuery = z.object({
  kind: z.enum(['monthly', 'annual']).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .openapi({ description: 'Only periods of this year' }),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ---------- exit proposals ----------

export const exitProposalSchema = z
  .object({
    id: z.string(),
    workerId: z.string(),
    workerName: z.string(),
    org: z.string(),
    year: z.number().int(),
    situation: z.literal(1),
    reason: z.enum(['failed-year', 'basic-twice-in-term']),
    years: z.array(z.number().int()),
    note: z.string(),
    grade: z.enum(EVALUATION_GRADES),
    runId: z.string(),
    policyVersion: z.string(),
    status: z.enum(EXIT_PROPOSAL_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
    decision: z
      .object({
        by: z.string(),
        at: z.string(),
        effectiveOn: z.string().optional(),
        evidence: z.string().optional(),
        reason: z.string().optional(),
      })
      .nullable(),
    version: z.number().int(),
  })
  .openapi('ExitProposal');

export const confirmExitBody = z
  .object({
    effectiveOn: isoDate,
    evidence: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .optional()
      .openapi({ description: "Evidence note for the exit (default: the proposal's own note)" }),
  })
  .openapi('ConfirmExitProposal');

export const dismissExitBody = z
  .object({ reason: z.string().trim().min(1).max(2000) })
  .openapi('DismissExitProposal');
