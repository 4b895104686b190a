import { randomUUID } from 'node:crypto';
import { systemContext } from '#shared/context.ts';
import {
  type EvaluationResultRecord,
  type EvaluationSummary,
  emptyGrades,
  emptyWorkOrders,
  evaluationKeys,
  type RunRecord,
  resultItem,
  summaryItem,
  toRun,
} from '#shared/db/entities/evaluation.ts';
import { attendanceKeys } from '#shared/db/entities/training.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import type { Item, Key, Store, WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
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
  const both = await store.batchGet([evaluationKeys.run(runId), evaluationKeys.unitTask(runId, org)]);
  const runItemRaw = both.find((item) => item.sk === 'RUN');
  const task = both.find((item) => item.sk !== 'RUN');
  if (!runItemRaw || !task) {
    logger.warn('evaluation unit of unknown run', { runId, org });
    return 'unknown-run';
  }
  const run = toRun(runItemRaw);
  if (task.status === 'done') {
    // A redelivery, or a retry after the process died between completing the unit and the run.
    await finalizeRunIfDone(store, runId, now);
    return 'already-done';
  }
  if (run.status !== 'running') return 'run-not-running';
  try {
    await scoreUnit(store, run, org, now, hooks);
  } catch (error) {
    await store
      .updateItem({
        Key: evaluationKeys.unitTask(runId, org),
        UpdateExpression: 'SET lastError = :error ADD failedAttempts :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':error': String(error).slice(0, 500), ':one': 1 },
      })
      .catch(() => undefined);
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
  const [workers, unitInputItems, previousResults] = await Promise.all([
    unitWorkers(store, org, run.period, policy),
    run.kind === 'monthly' ? unitInputs(store, run.period, org) : Promise.resolve([]),
    existingResultKeys(store, run.period, org),
  ]);
  const inputs =
    run.kind === 'monthly'
      ? await monthlyInputs(store, workers, run.period, unitInputItems)
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
  await store.batchPut(results.map(resultItem), { concurrency: 2 });
  if (stale.length > 0) await store.batchDelete(stale);
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

  const unitSummaryKey = evaluationKeys.unitSummary(run.period, org);
  const ops: WriteOp[] = [
    {
      Update: {
        Key: evaluationKeys.unitTask(run.id, org),
        UpdateExpression: 'SET #status = :done, workersScored = :n, finishedAt = :now, lastError = :null',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':pending': 'pending',
          ':n': results.length,
          ':now': at,
          ':null': null,
        },
      },
      onConditionFailed: () =>
        conflict('UNIT_ALREADY_SCORED', `Unit ${org} of run ${run.id} is already done`),
    },
    {
      Update: {
        Key: evaluationKeys.run(run.id),
        UpdateExpression: 'SET updatedAt = :now ADD unitsDone :one, workersScored :n',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': at, ':one': 1, ':n': results.length, ':running': 'running' },
      },
      onConditionFailed: () => conflict('RUN_NOT_RUNNING', `Run ${run.id} is no longer running`),
    },
    results.length > 0
      ? { Put: { Item: summaryItem(unitSummaryKey, summary, run.id, at) } }
      : { Delete: { Key: unitSummaryKey } },
  ];
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
 * Workers evaluated in a unit for a period: its own workers (not those of child units), active or
 * gone since the period began, hired by its end.
 */
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
  const query = (status: 'active' | 'exited') =>
    store.queryAll({
      IndexName: tableDefinition.indexes.byCollection.name,
      // BETWEEN rather than begins_with: the same rows, but DynamoDB Local scans the whole city
      // partition for begins_with (time grows with the city), while a range stays constant.
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': workerKeys.byStatus(unit, status),
        ':from': withGrids ? `${unit}/` : `${unit}/#`,
        ':to': withGrids ? `${unit}/\uffff` : `${unit}/#\uffff`,
      },
      // Only what scoring needs (the worker items carry much more).
      ProjectionExpression:
        'id, #name, org, #status, hiredOn, contractEndsOn, contractTerms, #exit, annualGrades',
      ExpressionAttributeNames: { '#name': 'name', '#status': 'status', '#exit': 'exit' },
    });
  const [active, exited] = await Promise.all([query('active'), query('exited')]);
  return [...active, ...exited]
    .map(toWorker)
    .filter((w) => evaluationUnitOf(w.org, policy) === unit && evaluableIn(w, period) === null)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

type FoundInputs = Pick<Scored, 'inputs' | 'sources' | 'trainingHours'>;

/**
 * Monthly: one Query of the unit's input items for the month (ByCollection, one item per worker).
 * Workers without a complete item there — transferred after the upload, the index not yet caught
 * up, or simply missing data — are read by key, so nothing uploaded is ever missed.
 */
function unitInputs(store: Store, period: string, org: string): Promise<Item[]> {
  return store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.inputsOfUnit(period, org) },
  });
}

async function monthlyInputs(store: Store, workers: WorkerRecord[], period: string, items: Item[]) {
  const byWorker = new Map(items.map((item) => [item.workerId as string, item]));
  const complete = (item: Item | undefined) =>
    item !== undefined && COMPONENTS.every((c) => c in periodInputsOf(item));
  const incomplete = workers.filter((w) => !complete(byWorker.get(w.id)));
  if (incomplete.length > 0) {
    for (const item of await store.batchGet(incomplete.map((w) => evaluationKeys.input(w.id, period))))
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
      store.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
        ExpressionAttributeValues: { ':pk': evaluationKeys.inputsPk(w.id), ':year': year },
      }),
      store.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': workerKeys.key(w.id).pk, ...trainingRange(year) },
        ProjectionExpression: 'hours, minutes',
      }),
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

function trainingRange(year: string) {
  const { from, to } = attendanceKeys.range(`${year}-01-01`, `${year}-12-31`);
  return { ':from': from, ':to': to };
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

/** A re-run replaces the unit's results: the keys of workers no longer in the unit (to delete). */
/** Keys of the results the unit already has for the period (a re-run deletes those of leavers). */
async function existingResultKeys(store: Store, period: string, org: string): Promise<Key[]> {
  const existing = await store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.resultsPk(period, org) },
    ProjectionExpression: 'pk, sk',
  });
  return existing.map((item) => ({ pk: item.pk as string, sk: item.sk as string }));
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
  const id = evaluationKeys.exitProposalId(worker.id, year);
  const key = evaluationKeys.exitProposal(id);
  if (proposal) {
    const fields: Record<string, unknown> = {
      type: 'exit-proposal',
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
      status: 'pending',
      decision: null,
      gsi1pk: evaluationKeys.exitProposalsOf(worker.org, 'pending'),
      gsi1sk: evaluationKeys.exitProposalSort(worker.org, id),
      updatedAt: at,
    };
    const names = Object.keys(fields);
    const written = await store.updateItem({
      Key: key,
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}, createdAt = if_not_exists(createdAt, :now), version = if_not_exists(version, :zero) + :one`,
      ConditionExpression: `attribute_not_exists(pk) OR #f${names.indexOf('status')} IN (:pending, :withdrawn)`,
      ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((n, i) => [`:f${i}`, fields[n]])),
        ':now': at,
        ':zero': 0,
        ':one': 1,
        ':pending': 'pending',
        ':withdrawn': 'withdrawn',
      },
    });
    return written ? id : null;
  }
  const previous = worker.annualGrades[run.period];
  if (previous === 'failed' || previous === 'basic') {
    await store.updateItem({
      Key: key,
      UpdateExpression:
        'SET #status = :withdrawn, gsi1pk = :collection, updatedAt = :now, version = version + :one',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':withdrawn': 'withdrawn',
        ':pending': 'pending',
        ':collection': evaluationKeys.exitProposalsOf(worker.org, 'withdrawn'),
        ':now': at,
        ':one': 1,
      },
    });
  }
  return null;
}

/** The worker item carries its annual grades (grade step, honours and bonus read them from there). */
async function setAnnualGrade(
  store: Store,
  workerId: string,
  year: string,
  grade: EvaluationGrade,
  at: string,
) {
  const key = workerKeys.key(workerId);
  try {
    await store.updateItem({
      Key: key,
      UpdateExpression: 'SET annualGrades.#year = :grade, updatedAt = :now, version = version + :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#year': year },
      ExpressionAttributeValues: { ':grade': grade, ':now': at, ':one': 1 },
    });
  } catch (error) {
    // Items written without the map: create it (only if still missing), then it is set.
    if ((error as { name?: string }).name !== 'ValidationException') throw error;
    const created = await store.updateItem({
      Key: key,
      UpdateExpression: 'SET annualGrades = :grades, updatedAt = :now, version = version + :one',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(annualGrades)',
      ExpressionAttributeValues: { ':grades': { [year]: grade }, ':now': at, ':one': 1 },
    });
    if (!created) throw error; // the map exists: the first error was something else
  }
}
