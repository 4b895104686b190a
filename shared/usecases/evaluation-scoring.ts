import { randomUUID } from 'node:crypto';
import { systemContext } from '#shared/context.ts';
import {
  type EvaluationResultRecord,
  type EvaluationSummary,
  emptyGrades,
  emptyWorkOrders,
  type RunRecord,
} from '#shared/db/entities/evaluation.ts';
import {
  completeUnitOps,
  deleteResults,
  exitProposalIdFor,
  inputItemsOf,
  putResults,
  recordUnitFailure,
  resultKeysOf,
  runAndUnitTask,
  unitInputItems,
  upsertExitProposal,
  withdrawExitProposal,
  yearInputItems,
} from '#shared/db/evaluation.ts';
import { attendancesInYear } from '#shared/db/training.ts';
import { setAnnualGrade, workersForScoring } from '#shared/db/workers.ts';
import { type Item, mapInfrastructureError, type Store } from '#shared/db/store.ts';
import { contractTermsOf, recordedTermFor } from '#shared/domain/contracts.ts';
import {
  COMPONENTS,
  type EvaluationGrade,
  type EvaluationPolicy,
  evaluationUnitOf,
  exitProposalFor,
  type GradedWorker,
  gradeOrgUnit,
  scoreWorker,
  type WorkerScore,
} from '#shared/domain/evaluation.ts';
import { annualInputs, type PeriodInputs, toScoringInputs } from '#shared/domain/evaluation-inputs.ts';
import { hoursToMinutes } from '#shared/domain/training.ts';
import { AppError, conflict } from '#shared/errors.ts';
import { mapLimit } from '#shared/jobs/concurrency.ts';
import { evaluableIn, periodInputsFromItems, periodInputsOf } from '#shared/usecases/evaluation-inputs.ts';
import { finalizeRunIfDone, type UnitMessage } from '#shared/usecases/evaluation-runs.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { storedMessageOf } from '#shared/messages/stored.ts';
import { logger } from '#shared/observability.ts';

/** Fault injection points for tests (resume after a failure part-way). Never set in production. */
export interface ScoringHooks {
  /** Called after the unit's results are written and before the unit is marked done. */
  afterResultsWritten?: (unit: UnitMessage) => void | Promise<void>;
}

export type UnitOutcome = 'scored' | 'already-done' | 'unknown-run' | 'run-not-running';

/**
 * Scores one org unit for one run (the queue consumer's work). Safe to run more than once for the
 * same unit, even concurrently: results are overwrites keyed by (period, worker), exit proposals
 * are keyed by (worker, year), and the unit's completion (task done + run counters + unit summary)
 * is one transaction conditional on the task still pending, so a redelivered message never counts
 * twice. A failure anywhere before that transaction leaves the unit pending for a retry or resume.
 */
export async function scoreRunUnit(
  store: Store,
  message: UnitMessage,
  now: Date,
  hooks: ScoringHooks = {},
): Promise<UnitOutcome> {
  const { runId, org } = message;
  // One request for both (eventually consistent is enough: the completion transaction re-checks).
  const { run, task } = await runAndUnitTask(store, runId, org);
  if (!run || !task) {
    logger.warn('evaluation unit of unknown run', { runId, org });
    return 'unknown-run';
  }
  if (task.status === 'done') {
    // A redelivery, or a retry after the process died between completing the unit and the run.
    await finalizeRunIfDone(store, runId, now);
    return 'already-done';
  }
  if (run.status !== 'running') return 'run-not-running';
  try {
    await scoreUnit(store, run, org, now, hooks);
  } catch (error) {
    // The raw error goes to the log; the task keeps a catalogue code, read in the caller's language.
    logger.error('evaluation unit failed', { runId, org, error: String(error) });
    const failure = storedMessageOf(mapInfrastructureError(error), 'EVALUATION_UNIT_FAILED');
    await recordUnitFailure(store, runId, org, failure).catch(() => undefined);
    throw error;
  }
  await finalizeRunIfDone(store, runId, now);
  return 'scored';
}

interface Scored {
  worker: WorkerRecord;
  inputs: PeriodInputs;
  sources: EvaluationResultRecord['sources'];
  trainingHours: number | undefined;
  score: WorkerScore;
}

async function scoreUnit(store: Store, run: RunRecord, org: string, now: Date, hooks: ScoringHooks) {
  const policy = run.policy.document;
  const at = now.toISOString();
  // The unit's reads that don't depend on each other go out together.
  const [workers, inputItemsOfUnit, previousResults] = await Promise.all([
    unitWorkers(store, org, run.period, policy),
    run.kind === 'monthly' ? unitInputItems(store, run.period, org) : Promise.resolve([]),
    resultKeysOf(store, run.period, org),
  ]);
  const inputs =
    run.kind === 'monthly'
      ? await monthlyInputs(store, workers, run.period, inputItemsOfUnit)
      : await annualInputsOf(store, workers, run.period);
  const scored: Scored[] = workers.map((worker) => {
    const found = inputs.get(worker.id)!;
    return {
      worker,
      ...found,
      score: scoreWorker(toScoringInputs(found.inputs, found.trainingHours), policy, run.kind),
    };
  });
  const graded = gradeOrgUnit(
    scored.map((s) => ({
      workerId: s.worker.id,
      totalHundredths: s.score.totalHundredths,
      workOrdersHundredths: s.score.components.workOrders,
      satisfactionFailed: s.score.floorFailed,
    })),
    policy,
  );
  const gradeOf = new Map(graded.map((g) => [g.workerId, g]));
  const results = scored.map((s) =>
    toResultRecord(run, org, s, gradeOf.get(s.worker.id)!, graded.length, at),
  );
  const current = new Set(workers.map((w) => w.id));
  const stale = previousResults.filter((key) => !current.has(key.sk));
  await putResults(store, results);
  await deleteResults(store, stale);
  await hooks.afterResultsWritten?.({ runId: run.id, org });

  const annualChanges: Record<string, EvaluationGrade> = {};
  const proposals: string[] = [];
  if (run.kind === 'annual') {
    // Proposals before grades: a retry after a crash in between still sees the previous grades.
    await mapLimit(scored, 8, async (s) => {
      const g = gradeOf.get(s.worker.id)!;
      const outcome = await reconcileExitProposal(store, run, s.worker, g, at);
      if (outcome) proposals.push(outcome);
    });
    await mapLimit(scored, 8, async (s) => {
      const grade = gradeOf.get(s.worker.id)!.grade;
      if (s.worker.annualGrades[run.period] === grade) return;
      await setAnnualGrade(store, s.worker.id, run.period, grade, at);
      annualChanges[s.worker.id] = grade;
    });
  }

  const summary: EvaluationSummary = {
    org,
    period: run.period,
    workersEvaluated: results.length,
    grades: emptyGrades(),
    workOrders: emptyWorkOrders(),
    totalHundredthsSum: 0,
  };
  for (const r of results) {
    summary.grades[r.grade] += 1;
    summary.totalHundredthsSum += r.totalHundredths;
  }
  for (const s of scored) {
    const orders = s.inputs.workOrders;
    if (!orders) continue;
    summary.workOrders.assigned += orders.assigned;
    summary.workOrders.completed += orders.completed;
    summary.workOrders.satisfied += orders.satisfied;
  }

  const ops = completeUnitOps(run, summary, at, {
    onAlreadyDone: () => conflict('UNIT_ALREADY_SCORED', `Unit ${org} of run ${run.id} is already done`),
    onRunStopped: () => conflict('RUN_NOT_RUNNING', `Run ${run.id} is no longer running`),
  });
  const ctx = {
    ...systemContext('evaluation-worker', now, org),
    requestId: `evaluation-${run.id}-${org}-${randomUUID().slice(0, 8)}`,
  };
  try {
    // Annual units change worker records (grades, exit proposals): audited per unit. A monthly
    // unit only writes derived results; its run is audited when it starts and completes.
    await store.transact(
      ctx,
      ops,
      run.kind === 'annual'
        ? [
            {
              entity: `evaluation-run:${run.id}`,
              org,
              action: 'evaluation.unit-scored',
              after: {
                period: run.period,
                workersScored: results.length,
                grades: summary.grades,
                annualGradesSet: annualChanges,
                exitProposals: proposals,
              },
            },
          ]
        : [],
    );
  } catch (error) {
    // A concurrent delivery of the same unit finished first: its results equal ours, nothing to do.
    if (error instanceof AppError && ['UNIT_ALREADY_SCORED', 'RUN_NOT_RUNNING'].includes(error.code)) return;
    throw error;
  }
}

/**
 * The workers ranked together as `unit`: those placed in it and, when grids are ranked with their
 * community, those placed in its grids. Leavers are included when the period saw them working.
 */
async function unitWorkers(
  store: Store,
  unit: string,
  period: string,
  policy: Pick<EvaluationPolicy, 'rankGridsWithCommunity'>,
): Promise<WorkerRecord[]> {
  // `<unit>/#…` are the unit's own workers; `<unit>/<grid>/#…` those of its grids.
  const withGrids = policy.rankGridsWithCommunity && unit.split('/').length === 4;
  const query = (status: 'active' | 'exited') => workersForScoring(store, unit, status, withGrids);
  const [active, exited] = await Promise.all([query('active'), query('exited')]);
  return [...active, ...exited]
    .filter((w) => evaluationUnitOf(w.org, policy) === unit && evaluableIn(w, period) === null)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

type FoundInputs = Pick<Scored, 'inputs' | 'sources' | 'trainingHours'>;

/**
 * Monthly: one Query of the unit's input items for the month (ByCollection, one item per worker).
 * Workers without a complete item there — transferred after the upload, the index not yet caught
 * up, or simply missing data — are read by key, so nothing uploaded is ever missed.
 */
async function monthlyInputs(store: Store, workers: WorkerRecord[], period: string, items: Item[]) {
  const byWorker = new Map(items.map((item) => [item.workerId as string, item]));
  const complete = (item: Item | undefined) =>
    item !== undefined && COMPONENTS.every((c) => c in periodInputsOf(item));
  const incomplete = workers.filter((w) => !complete(byWorker.get(w.id)));
  if (incomplete.length > 0) {
    for (const item of await inputItemsOf(
      store,
      incomplete.map((w) => ({ workerId: w.id, period })),
    ))
      byWorker.set(item.workerId as string, item);
  }
  const out = new Map<string, FoundInputs>();
  for (const w of workers)
    out.set(w.id, { inputs: periodInputsOf(byWorker.get(w.id)), sources: null, trainingHours: undefined });
  return out;
}

/**
 * Annual: per worker one Query for the year's inputs (annual rows and the months, aggregated where
 * no annual row exists) and one for the year's training attendances (hours from the records).
 */
async function annualInputsOf(store: Store, workers: WorkerRecord[], year: string) {
  const out = new Map<string, FoundInputs>();
  await mapLimit(workers, 8, async (w) => {
    const [inputItems, training] = await Promise.all([
      yearInputItems(store, w.id, year),
      attendancesInYear(store, w.id, year),
    ]);
    const { inputs, sources } = annualInputs(year, periodInputsFromItems(inputItems));
    // Attendance items (development's entities/training.ts) carry exact minutes beside the hours.
    const minutes = training.reduce(
      (sum, item) =>
        sum +
        (typeof item.minutes === 'number'
          ? item.minutes
          : typeof item.hours === 'number'
            ? hoursToMinutes(item.hours)
            : 0),
      0,
    );
    out.set(w.id, {
      inputs,
      sources: { ...sources, trainingHours: 'training-records' } as EvaluationResultRecord['sources'],
      // No attendance at all is reported as missing (0 hours, listed in `missing`).
      trainingHours: training.length === 0 ? undefined : minutes / 60,
    });
  });
  return out;
}

function toResultRecord(
  run: RunRecord,
  org: string,
  s: Scored,
  g: GradedWorker,
  unitSize: number,
  at: string,
): EvaluationResultRecord {
  return {
    workerId: s.worker.id,
    workerName: s.worker.name,
    org,
    period: run.period,
    kind: run.kind,
    runId: run.id,
    policyVersion: run.policy.version,
    components: s.score.components,
    totalHundredths: s.score.totalHundredths,
    rank: g.rank,
    unitSize,
    grade: g.grade,
    label: g.label,
    cappedFromExcellent: g.cappedFromExcellent,
    satisfactionFailed: g.satisfactionFailed,
    satisfactionPercent: s.score.satisfactionPercent,
    missing: s.score.missing,
    training:
      run.kind === 'annual'
        ? {
            hours: Math.round((s.trainingHours ?? 0) * 100) / 100,
            requirementMet: s.score.trainingRequirementMet ?? false,
            penaltyHundredths: s.score.trainingPenaltyHundredths,
          }
        : null,
    inputs: { ...s.inputs },
    sources: s.sources,
    computedAt: at,
  };
}

/**
 * Exit situation 1 for an annual result: creates (or refreshes, while still pending) the proposal
 * of (worker, year); a re-run that no longer justifies a pending proposal withdraws it. Proposals
 * an HR officer has confirmed or dismissed are never touched. Only active workers get proposals.
 */
async function reconcileExitProposal(
  store: Store,
  run: RunRecord,
  worker: WorkerRecord,
  graded: GradedWorker,
  at: string,
): Promise<string | null> {
  const year = Number(run.period);
  const history = Object.entries({ ...worker.annualGrades, [run.period]: graded.grade }).map(
    ([y, grade]) => ({
      year: Number(y),
      grade,
    }),
  );
  // The contract term the year falls in, from the recorded terms (续签), not rolling calendar years.
  const term = recordedTermFor(contractTermsOf(worker), year);
  const proposal = worker.status === 'active' ? exitProposalFor(history, term.from, term.to, year) : null;
  const id = exitProposalIdFor(worker.id, year);
  if (proposal) {
    const written = await upsertExitProposal(
      store,
      {
        id,
        workerId: worker.id,
        workerName: worker.name,
        org: worker.org,
        year,
        situation: proposal.situation,
        reason: proposal.reason,
        years: proposal.years,
        note: proposal.note,
        grade: graded.grade,
        runId: run.id,
        policyVersion: run.policy.version,
        decision: null,
        updatedAt: at,
      },
      at,
    );
    return written ? id : null;
  }
  const previous = worker.annualGrades[run.period];
  if (previous === 'failed' || previous === 'basic') {
    await withdrawExitProposal(store, id, worker.org, at);
  }
  return null;
}
