import {
  type EvaluationSummary,
  evaluationKeys,
  type RunRecord,
  runItem,
  summaryItem,
  UNIT_TASK_TTL_SECONDS,
} from '#shared/db/entities/evaluation.ts';
import { orgUnitKeys } from '#shared/db/entities/org-unit.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import type { Item, Key, Page, Store, WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { EvaluationGrade } from '#shared/domain/evaluation.ts';
import type { AppError } from '#shared/errors.ts';
import type { StoredMessage } from '#shared/messages/stored.ts';

/**
 * The evaluation aggregate's data operations (runs and their unit tasks, results, summaries, input
 * items, exit proposals): the reads and `WriteOp`s the evaluation use-cases compose. Keys and item
 * shapes are in `entities/evaluation.ts`; the expressions live here and nowhere above.
 */

// ---------- runs and unit tasks ----------

/** A run's tasks, one per unit (written before the run, so a run never lacks its tasks). */
export async function putUnitTasks(store: Store, runId: string, units: string[], now: Date): Promise<void> {
  const expiresAt = Math.floor(now.getTime() / 1000) + UNIT_TASK_TTL_SECONDS;
  await store.batchPut(
    units.map((unit) => ({
      ...evaluationKeys.unitTask(runId, unit),
      type: 'evaluation-unit-task',
      runId,
      org: unit,
      status: 'pending',
      failedAttempts: 0,
      lastError: null,
      expiresAt,
    })),
  );
}

/**
 * A new run and, when it has units to score, the city-and-period lock (one run at a time):
 * `onLockTaken` is the error when another run holds it.
 */
export function startRunOps(run: RunRecord, onLockTaken: () => AppError): WriteOp[] {
  const ops: WriteOp[] = [{ Put: { Item: runItem(run), ConditionExpression: 'attribute_not_exists(pk)' } }];
  if (run.unitsTotal > 0) {
    ops.push({
      Put: {
        Item: {
          ...evaluationKeys.runLock(run.city, run.period),
          type: 'evaluation-run-lock',
          runId: run.id,
          period: run.period,
          city: run.city,
          startedAt: run.startedAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: onLockTaken,
    });
  }
  return ops;
}

/** The id of the run holding the lock of a city and period, if any. */
export async function lockedRunId(store: Store, city: string, period: string): Promise<string | undefined> {
  const lock = await store.get(evaluationKeys.runLock(city, period));
  return lock ? (lock.runId as string) : undefined;
}

/** A run's unit tasks (one partition), optionally only those of one status. */
export function unitTasks(store: Store, runId: string, status?: 'pending' | 'done'): Promise<Item[]> {
  return store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)',
    ExpressionAttributeValues: {
      ':pk': evaluationKeys.runPk(runId),
      ':unit': 'UNIT#',
      ...(status ? { ':status': status } : {}),
    },
    ...(status
      ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
      : {}),
  });
}

/** One page of a city's runs, newest first. */
export function runsOfCity(
  store: Store,
  city: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<Item>> {
  return store.queryPage(
    {
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': evaluationKeys.runsOf(city) },
      ScanIndexForward: false,
      Limit: limit,
    },
    cursor,
  );
}

/** Every run of a city not completed (ByCollection `EVALRUNS#<city>`, status filtered): the consistency checker recounts them. */
export function unfinishedRunsOfCity(store: Store, city: string): Promise<Item[]> {
  return store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    FilterExpression: '#status <> :completed',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': evaluationKeys.runsOf(city), ':completed': 'completed' },
  });
}

/** A run item and its unit tasks as one read (one Query of the run's partition). */
export async function runWithTasks(
  store: Store,
  runId: string,
): Promise<{ run: Item | undefined; tasks: Item[] }> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.runPk(runId) },
  });
  return {
    run: items.find((item) => item.sk === evaluationKeys.run(runId).sk),
    tasks: items.filter((item) => (item.sk as string).startsWith('UNIT#')),
  };
}

/**
 * A unit's scoring failed: counted and kept on its task as a catalogue code + params (no text;
 * outside any transaction, best effort).
 */
export function recordUnitFailure(
  store: Store,
  runId: string,
  org: string,
  failure: StoredMessage,
): Promise<boolean> {
  return store.updateItem({
    Key: evaluationKeys.unitTask(runId, org),
    UpdateExpression: 'SET lastError = :error ADD failedAttempts :one',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':error': failure, ':one': 1 },
  });
}

/**
 * A unit's completion: its task done (only if still pending: `onAlreadyDone`), the run's counters
 * (only while it runs: `onRunStopped`), and its summary written (or removed when it has no workers).
 */
export function completeUnitOps(
  run: RunRecord,
  summary: EvaluationSummary,
  at: string,
  errors: { onAlreadyDone: () => AppError; onRunStopped: () => AppError },
): WriteOp[] {
  const { org, workersEvaluated } = summary;
  const unitSummaryKey = evaluationKeys.unitSummary(run.period, org);
  return [
    {
      Update: {
        Key: evaluationKeys.unitTask(run.id, org),
        UpdateExpression: 'SET #status = :done, workersScored = :n, finishedAt = :now, lastError = :null',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':pending': 'pending',
          ':n': workersEvaluated,
          ':now': at,
          ':null': null,
        },
      },
      onConditionFailed: errors.onAlreadyDone,
    },
    {
      Update: {
        Key: evaluationKeys.run(run.id),
        UpdateExpression: 'SET updatedAt = :now ADD unitsDone :one, workersScored :n',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':now': at, ':one': 1, ':n': workersEvaluated, ':running': 'running' },
      },
      onConditionFailed: errors.onRunStopped,
    },
    workersEvaluated > 0
      ? { Put: { Item: summaryItem(unitSummaryKey, summary, run.id, at) } }
      : { Delete: { Key: unitSummaryKey } },
  ];
}

/**
 * A run's completion: status completed (only while running with every unit done, so of two
 * finishers one wins) and the city-and-period lock released (if still this run's).
 */
export function completeRunOps(run: RunRecord, at: string): WriteOp[] {
  return [
    {
      Update: {
        Key: evaluationKeys.run(run.id),
        UpdateExpression: 'SET #status = :completed, completedAt = :now, updatedAt = :now',
        ConditionExpression: '#status = :running AND unitsDone = unitsTotal',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':completed': 'completed', ':running': 'running', ':now': at },
      },
    },
    {
      Delete: {
        Key: evaluationKeys.runLock(run.city, run.period),
        ConditionExpression: 'attribute_not_exists(pk) OR runId = :runId',
        ExpressionAttributeValues: { ':runId': run.id },
      },
    },
  ];
}

// ---------- summaries and results ----------

/** Every summary item (UNIT# and TREE#) of a city and period: one partition. */
export function summaryItemsOf(store: Store, city: string, period: string): Promise<Item[]> {
  return store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.summaryPk(city, period) },
  });
}

/** The units of the `org` subtree (and those sorting after its id) with a unit summary for the period. */
export async function unitsWithSummary(
  store: Store,
  city: string,
  period: string,
  org: string,
): Promise<string[]> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': evaluationKeys.summaryPk(city, period), ':prefix': `UNIT#${org}` },
    ProjectionExpression: 'org',
  });
  return items.map((item) => item.org as string);
}

/** Keys of the results a unit has for a period (a re-run deletes those of leavers). */
export async function resultKeysOf(store: Store, period: string, org: string): Promise<Key[]> {
  const existing = await store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.resultsPk(period, org) },
    ProjectionExpression: 'pk, sk',
  });
  return existing.map((item) => ({ pk: item.pk as string, sk: item.sk as string }));
}

// ---------- inputs ----------

/** A unit's input items of a month (ByCollection, one item per worker). */
export function unitInputItems(store: Store, period: string, org: string): Promise<Item[]> {
  return store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.inputsOfUnit(period, org) },
  });
}

/** A worker's input items of a year (the annual item and the months): one Query. */
export function yearInputItems(store: Store, workerId: string, year: string): Promise<Item[]> {
  return store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
    ExpressionAttributeValues: { ':pk': evaluationKeys.inputsPk(workerId), ':year': year },
  });
}

// ---------- exit proposals ----------

/**
 * Creates the proposal of (worker, year) or refreshes it while pending (or withdrawn); one an HR
 * officer confirmed or dismissed is never touched (then false). `fields` are the proposal's
 * attributes, `status` among them.
 */
export function upsertExitProposal(store: Store, id: string, fields: Record<string, unknown>, at: string) {
  const names = Object.keys(fields);
  return store.updateItem({
    Key: evaluationKeys.exitProposal(id),
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
}

/** Withdraws a pending proposal (a re-run no longer justifies it); false if it isn't pending. */
export function withdrawExitProposal(store: Store, id: string, org: string, at: string) {
  return store.updateItem({
    Key: evaluationKeys.exitProposal(id),
    UpdateExpression:
      'SET #status = :withdrawn, gsi1pk = :collection, updatedAt = :now, version = version + :one',
    ConditionExpression: '#status = :pending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':withdrawn': 'withdrawn',
      ':pending': 'pending',
      ':collection': evaluationKeys.exitProposalsOf(org, 'withdrawn'),
      ':now': at,
      ':one': 1,
    },
  });
}

// ---------- what scoring reads and writes of other aggregates ----------

/** The scoring fields of worker items: the rest (certificates, pay, …) is not read. */
const SCORING_PROJECTION = {
  ProjectionExpression:
    'id, #name, org, #status, hiredOn, contractEndsOn, contractTerms, #exit, annualGrades',
  ExpressionAttributeNames: { '#name': 'name', '#status': 'status', '#exit': 'exit' },
};

/**
 * Worker items of one status placed in `unit` (sort keys `<unit>/#…`) or, `withGrids`, in the unit
 * and its grids (`<unit>/<grid>/#…`), with the fields scoring reads.
 */
export function workersForScoring(
  store: Store,
  unit: string,
  status: 'active' | 'exited',
  withGrids: boolean,
): Promise<Item[]> {
  return store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    // BETWEEN rather than begins_with: the same rows, but DynamoDB Local scans the whole city
    // partition for begins_with (time grows with the city), while a range stays constant.
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': workerKeys.byStatus(unit, status),
      ':from': withGrids ? `${unit}/` : `${unit}/#`,
      ':to': withGrids ? `${unit}/\uffff` : `${unit}/#\uffff`,
    },
    ...SCORING_PROJECTION,
  });
}

/** A unit's direct children (ByCollection `ORG-CHILDREN#<id>`): ids and levels only. */
export async function childUnitsOf(
  store: Store,
  unit: string,
): Promise<{ id: string; level: string | undefined }[]> {
  const items = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': orgUnitKeys.childrenOf(unit) },
    ProjectionExpression: 'id, #level',
    ExpressionAttributeNames: { '#level': 'level' },
  });
  return items.map((item) => ({ id: item.id as string, level: item.level as string | undefined }));
}

/**
 * Sets a worker's annual grade on its item (grade step, honours and bonus read it there). Items
 * written without the `annualGrades` map get it created (only if still missing).
 */
export async function setAnnualGrade(
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
