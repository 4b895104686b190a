import type { ExitProposalStatus } from '#shared/domain/exits.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import type { Component, EvaluationGrade, EvaluationPolicy, PeriodKind } from '#shared/domain/evaluation.ts';
import { timelineSortKey } from '#shared/domain/evaluation-periods.ts';
import { withoutKeys } from '#shared/db/items.ts';

/**
 * Evaluation items (考核). Access patterns and the key serving each:
 *
 * - Inputs of one worker and period: one item (`EVALIN#<worker>` / `<period>`) holding every kind
 *   uploaded so far (`poll`, `duty`, `workOrders`, one `dept:<department>` attribute per department),
 *   each upload setting only its own attributes. An annual run reads a worker's year (the annual
 *   item and the months) with one Query `begins_with(sk, 'YYYY')`. A monthly run reads a whole
 *   unit's month with one Query of ByCollection `EVALINPUTS#<period>#<org>` / `<worker>` (org = the
 *   worker's unit at the last upload); workers it finds incomplete (transferred since, index not yet
 *   caught up) are read by key, so the worker-keyed items stay the source of truth.
 * - Results of one org unit and period (`EVALRESULT#<period>#<org>` / `<workerId>`): a re-run
 *   overwrites them in place and deletes the keys of workers no longer in the unit; one Query lists a
 *   unit's ranking. The same item is a worker's timeline entry on ByRelation
 *   (`EVALS#<worker>` / period, annual as 'YYYY-A'), newest first.
 * - Runs (`EVALRUN#<id>` / `RUN`) with one task per org unit in the same partition
 *   (`UNIT#<org>`): progress, resume (pending tasks) and completion are Queries of one partition.
 *   A city's runs newest first on ByCollection `EVALRUNS#<city>` / `<startedAt>#<id>`.
 * - One run at a time per city and period: lock `EVALRUNLOCK#<city>` / `<period>`.
 * - Summaries per city and period (`EVALSUM#<city>#<period>`): `UNIT#<org>` for a unit's own
 *   workers (written with the unit), `TREE#<org>` for a unit's whole subtree (rolled up when a run
 *   completes): the stats report reads the TREE items with its BatchGet of fixed keys.
 * - Exit proposals (`EXITPROP#<workerId>-<year>` / `EXITPROP`, one per worker and year by
 *   construction) listed per city and status on ByCollection `EXITPROPS#<city>#<status>` /
 *   `<org>/#<id>` (a subtree is the `<org>/` key range, `subtreeQuery`).
 */

/** Department scores are attributes `dept:<department>` of one item per worker and period. */
export const DEPARTMENT_ATTRIBUTE_PREFIX = 'dept:';

export const evaluationKeys = {
  inputsPk: (workerId: string) => `EVALIN#${workerId}`,
  input: (workerId: string, period: string) => ({ pk: `EVALIN#${workerId}`, sk: period }),
  /** ByCollection partition: one unit's inputs of one period. */
  inputsOfUnit: (period: string, org: string) => `EVALINPUTS#${period}#${org}`,
  resultsPk: (period: string, org: string) => `EVALRESULT#${period}#${org}`,
  result: (period: string, org: string, workerId: string) => ({
    pk: `EVALRESULT#${period}#${org}`,
    sk: workerId,
  }),
  /** ByRelation partition: a worker's results. */
  timeline: (workerId: string) => `EVALS#${workerId}`,
  runPk: (runId: string) => `EVALRUN#${runId}`,
  run: (runId: string) => ({ pk: `EVALRUN#${runId}`, sk: 'RUN' }),
  unitTask: (runId: string, org: string) => ({ pk: `EVALRUN#${runId}`, sk: `UNIT#${org}` }),
  /** ByCollection partition: a city's runs. */
  runsOf: (city: string) => `EVALRUNS#${city}`,
  runLock: (city: string, period: string) => ({ pk: `EVALRUNLOCK#${city}`, sk: period }),
  summaryPk: (city: string, period: string) => `EVALSUM#${city}#${period}`,
  unitSummary: (period: string, org: string) => ({
    pk: `EVALSUM#${rootOf(org)}#${period}`,
    sk: `UNIT#${org}`,
  }),
  treeSummary: (period: string, org: string) => ({
    pk: `EVALSUM#${rootOf(org)}#${period}`,
    sk: `TREE#${org}`,
  }),
  exitProposalId: (workerId: string, year: number | string) => `${workerId}-${year}`,
  exitProposal: (id: string) => ({ pk: `EXITPROP#${id}`, sk: 'EXITPROP' }),
  /** ByCollection partition: a city's exit proposals of one status. */
  exitProposalsOf: (org: string, status: ExitProposalStatus) => `EXITPROPS#${rootOf(org)}#${status}`,
  exitProposalSort: (org: string, id: string) => `${org}/#${id}`,
};

// ---------- runs ----------

export type RunStatus = 'running' | 'completed';

export interface RunRecord {
  id: string;
  period: string;
  kind: PeriodKind;
  /** Root of the run: every unit of this subtree is scored. */
  org: string;
  city: string;
  status: RunStatus;
  policy: { version: string; document: EvaluationPolicy };
  unitsTotal: number;
  unitsDone: number;
  workersScored: number;
  startedAt: string;
  startedBy: string;
  trigger: 'api' | 'schedule';
  updatedAt: string;
  completedAt: string | null;
}

export function runItem(run: RunRecord) {
  return {
    ...evaluationKeys.run(run.id),
    type: 'evaluation-run',
    gsi1pk: evaluationKeys.runsOf(run.city),
    gsi1sk: `${run.startedAt}#${run.id}`,
    ...run,
  };
}

export function toRun(item: Record<string, unknown>): RunRecord {
  return {
    id: item.id as string,
    period: item.period as string,
    kind: item.kind as PeriodKind,
    org: item.org as string,
    city: item.city as string,
    status: item.status as RunStatus,
    policy: item.policy as RunRecord['policy'],
    unitsTotal: item.unitsTotal as number,
    unitsDone: item.unitsDone as number,
    workersScored: item.workersScored as number,
    startedAt: item.startedAt as string,
    startedBy: item.startedBy as string,
    trigger: (item.trigger as RunRecord['trigger']) ?? 'api',
    updatedAt: item.updatedAt as string,
    completedAt: (item.completedAt as string | null) ?? null,
  };
}

/** Unit tasks are bookkeeping of one run; they expire (TTL) long after the run is done. */
export const UNIT_TASK_TTL_SECONDS = 400 * 24 * 3600;

// ---------- summaries ----------

export interface GradeCounts {
  excellent: number;
  competent: number;
  basic: number;
  failed: number;
}

export interface WorkOrderTotals {
  assigned: number;
  completed: number;
  satisfied: number;
}

export interface EvaluationSummary {
  org: string;
  period: string;
  workersEvaluated: number;
  grades: GradeCounts;
  workOrders: WorkOrderTotals;
  /** Sum of totals in hundredths (average = totalHundredthsSum / workersEvaluated). */
  totalHundredthsSum: number;
}

export const emptyGrades = (): GradeCounts => ({ excellent: 0, competent: 0, basic: 0, failed: 0 });
export const emptyWorkOrders = (): WorkOrderTotals => ({ assigned: 0, completed: 0, satisfied: 0 });

export function summaryItem(
  key: { pk: string; sk: string },
  summary: EvaluationSummary,
  runId: string,
  at: string,
) {
  return { ...key, type: 'evaluation-summary', ...summary, runId, updatedAt: at };
}

export function toSummary(item: Record<string, unknown>): EvaluationSummary {
  return {
    org: item.org as string,
    period: item.period as string,
    workersEvaluated: item.workersEvaluated as number,
    grades: { ...emptyGrades(), ...(item.grades as Partial<GradeCounts>) },
    workOrders: { ...emptyWorkOrders(), ...(item.workOrders as Partial<WorkOrderTotals>) },
    totalHundredthsSum: (item.totalHundredthsSum as number) ?? 0,
  };
}

// ---------- results ----------

export interface EvaluationResultRecord {
  workerId: string;
  workerName: string;
  org: string;
  period: string;
  kind: PeriodKind;
  runId: string;
  policyVersion: string;
  /** Component scores and totals in hundredths of a point (8745 = 87.45). */
  components: Record<Component, number>;
  totalHundredths: number;
  rank: number;
  /** Workers graded together in the unit (rank is out of this). */
  unitSize: number;
  grade: EvaluationGrade;
  label: string;
  cappedFromExcellent: boolean;
  satisfactionFailed: boolean;
  /** Work-order satisfaction in hundredths of a percent, null when not measurable. */
  satisfactionPercent: number | null;
  missing: string[];
  training: { hours: number; requirementMet: boolean; penaltyHundredths: number } | null;
  /** The inputs the score was computed from (annual: with where each component came from). */
  inputs: Record<string, unknown>;
  sources: Record<string, 'annual' | 'months' | 'monthly' | 'training-records'> | null;
  computedAt: string;
}

export function resultItem(result: EvaluationResultRecord) {
  return {
    ...evaluationKeys.result(result.period, result.org, result.workerId),
    type: 'evaluation-result',
    gsi2pk: evaluationKeys.timeline(result.workerId),
    gsi2sk: timelineSortKey(result.period),
    ...result,
  };
}

export function toResult(item: Record<string, unknown>): EvaluationResultRecord {
  return withoutKeys<EvaluationResultRecord>(item);
}

// ---------- exit proposals ----------

export interface ExitProposalRecord {
  id: string;
  workerId: string;
  workerName: string;
  org: string;
  year: number;
  situation: 1;
  reason: 'failed-year' | 'basic-twice-in-term';
  years: number[];
  note: string;
  grade: EvaluationGrade;
  runId: string;
  policyVersion: string;
  status: ExitProposalStatus;
  createdAt: string;
  updatedAt: string;
  decision: {
    by: string;
    at: string;
    effectiveOn?: string;
    evidence?: string;
    reason?: string;
  } | null;
  version: number;
}

export function toExitProposal(item: Record<string, unknown>): ExitProposalRecord {
  return withoutKeys<ExitProposalRecord>(item, { decision: null });
}
