import {
  type EvaluationSummary,
  evaluationKeys,
  type RunRecord,
  runItem,
  summaryItem,
  toRun,
  UNIT_TASK_TTL_SECONDS,
} from '#shared/db/entities/evaluation.ts';
import type { Item, Page, Store, WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { AppError } from '#shared/errors.ts';
import type { StoredMessage } from '#shared/messages/stored.ts';

/**
 * Evaluation runs and their unit tasks: a run's start (and its city-and-period lock), its reads,
 * a unit's failure and completion, the run's completion. Part of `shared/db/evaluation.ts`.
 */

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

/** One run (GetItem), if it exists. */
export async function runById(store: Store, runId: string): Promise<RunRecord | undefined> {
  const item = await store.get(evaluationKeys.run(runId));
  return item && toRun(item);
}

/**
 * A run and one of its unit tasks in one request (BatchGetItem, eventually consistent: a caller
 * that writes re-checks both in its transaction).
 */
export async function runAndUnitTask(
  store: Store,
  runId: string,
  org: string,
): Promise<{ run: RunRecord | undefined; task: Item | undefined }> {
  const runKey = evaluationKeys.run(runId);
  const both = await store.batchGet([runKey, evaluationKeys.unitTask(runId, org)]);
  const run = both.find((item) => item.sk === runKey.sk);
  return { run: run && toRun(run), task: both.find((item) => item.sk !== runKey.sk) };
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
export async function runsOfCity(
  store: Store,
  city: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<RunRecord>> {
  const page = await store.queryPage(
    {
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': evaluationKeys.runsOf(city) },
      ScanIndexForward: false,
      Limit: limit,
    },
    cursor,
  );
  return { items: page.items.map(toRun), cursor: page.cursor };
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
