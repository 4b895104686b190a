import {
  type EvaluationResultRecord,
  type EvaluationSummary,
  type ExitProposalRecord,
  evaluationKeys,
  type RunRecord,
  resultItem,
  runItem,
  summaryItem,
  toExitProposal,
  toResult,
  toRun,
  toSummary,
  UNIT_TASK_TTL_SECONDS,
} from '#shared/db/entities/evaluation.ts';
import { type Item, type Key, type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { PeriodKind } from '#shared/domain/evaluation.ts';
import type { ExitProposalStatus } from '#shared/domain/exits.ts';
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

// ---------- summaries and results ----------

/**
 * Every summary of a city and period (one partition): the units' own summaries, and the units that
 * have a subtree summary.
 */
export async function summariesOf(
  store: Store,
  city: string,
  period: string,
): Promise<{ units: EvaluationSummary[]; subtreeOrgs: string[] }> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.summaryPk(city, period) },
  });
  return {
    units: items.filter((item) => (item.sk as string).startsWith('UNIT#')).map(toSummary),
    subtreeOrgs: items
      .filter((item) => (item.sk as string).startsWith('TREE#'))
      .map((item) => item.org as string),
  };
}

/** Writes subtree summaries (overwriting the previous ones: never added to). */
export async function putSubtreeSummaries(
  store: Store,
  period: string,
  summaries: readonly EvaluationSummary[],
  runId: string,
  at: string,
): Promise<void> {
  await store.batchPut(
    summaries.map((s) => summaryItem(evaluationKeys.treeSummary(period, s.org), s, runId, at)),
  );
}

/** Deletes the subtree summaries of `orgs` for a period. */
export async function deleteSubtreeSummaries(store: Store, period: string, orgs: readonly string[]) {
  await store.batchDelete(orgs.map((org) => evaluationKeys.treeSummary(period, org)));
}

/** Writes a unit's results (each also a timeline entry of its worker), overwriting earlier ones. */
export async function putResults(store: Store, results: readonly EvaluationResultRecord[]): Promise<void> {
  await store.batchPut(results.map(resultItem), { concurrency: 2 });
}

/** Deletes results by key (those `resultKeysOf` found that a re-run no longer has). */
export async function deleteResults(store: Store, keys: readonly Key[]): Promise<void> {
  if (keys.length > 0) await store.batchDelete([...keys]);
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

/**
 * One page of a worker's results, newest first (ByRelation `EVALS#<worker>`, sorted by period):
 * only those of `year` (a key range) and of `kind` (filtered) when given.
 */
export async function workerTimeline(
  store: Store,
  workerId: string,
  query: {
    kind?: PeriodKind | undefined;
    year?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<EvaluationResultRecord>> {
  const page = await store.queryPage(
    {
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: query.year ? 'gsi2pk = :pk AND begins_with(gsi2sk, :year)' : 'gsi2pk = :pk',
      ExpressionAttributeValues: {
        ':pk': evaluationKeys.timeline(workerId),
        ...(query.year ? { ':year': `${query.year}-` } : {}),
        ...(query.kind ? { ':kind': query.kind } : {}),
      },
      ...(query.kind
        ? { FilterExpression: '#kind = :kind', ExpressionAttributeNames: { '#kind': 'kind' } }
        : {}),
      ScanIndexForward: false,
      Limit: query.limit,
    },
    query.cursor,
  );
  return { items: page.items.map(toResult), cursor: page.cursor };
}

/** A unit's results of a period (one partition), in no particular order. */
export async function unitResults(
  store: Store,
  period: string,
  org: string,
): Promise<EvaluationResultRecord[]> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.resultsPk(period, org) },
  });
  return items.map(toResult);
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

/** A worker's input item of a period (one GetItem), if any. */
export function inputItem(store: Store, workerId: string, period: string): Promise<Item | undefined> {
  return store.get(evaluationKeys.input(workerId, period));
}

/** The input items that exist among (worker, period) pairs (BatchGetItem). */
export function inputItemsOf(
  store: Store,
  refs: readonly { workerId: string; period: string }[],
): Promise<Item[]> {
  return store.batchGet(refs.map((ref) => evaluationKeys.input(ref.workerId, ref.period)));
}

/** Who stamped an input item last: set with every upload, put back by its undo. */
const INPUT_STAMP = ['updatedAt', 'requestId'];

/**
 * Sets `values` on a worker's input item of a period (creating it), stamped, and placed in the
 * ByCollection group `unit` (the unit the scoring job ranks together); every other attribute (other
 * kinds, other departments) stays as it is.
 */
export function setInputAttributesOp(
  input: {
    workerId: string;
    period: string;
    org: string;
    unit: string;
    updatedAt: string;
    requestId: string;
  },
  values: Item,
): WriteOp {
  const { workerId, period, org, unit, updatedAt, requestId } = input;
  const pairs = Object.entries({
    type: 'evaluation-input',
    workerId,
    period,
    org,
    gsi1pk: evaluationKeys.inputsOfUnit(period, unit),
    gsi1sk: workerId,
    updatedAt,
    requestId,
    ...values,
  });
  return {
    Update: {
      Key: evaluationKeys.input(workerId, period),
      UpdateExpression: `SET ${pairs.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(pairs.map(([name], i) => [`#a${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(pairs.map(([, value], i) => [`:v${i}`, value])),
    },
  };
}

/**
 * The undo of `setInputAttributesOp`: puts the attributes `valueNames` (and, on an item that existed,
 * its stamp) back as they were in `before`, removing those it lacked (all of them for an item that
 * did not exist), and leaves every other attribute alone: safe to apply after later uploads.
 */
export function restoreInputAttributesOp(
  workerId: string,
  period: string,
  before: Item | undefined,
  valueNames: readonly string[],
): WriteOp {
  const names = [...valueNames, ...(before ? INPUT_STAMP : [])];
  const kept = names.filter((name) => before?.[name] !== undefined);
  const removed = names.filter((name) => before?.[name] === undefined);
  const clauses = [
    kept.length > 0 ? `SET ${kept.map((_, i) => `#k${i} = :k${i}`).join(', ')}` : '',
    removed.length > 0 ? `REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}` : '',
  ];
  return {
    Update: {
      Key: evaluationKeys.input(workerId, period),
      UpdateExpression: clauses.filter(Boolean).join(' '),
      ExpressionAttributeNames: Object.fromEntries([
        ...kept.map((name, i) => [`#k${i}`, name]),
        ...removed.map((name, i) => [`#r${i}`, name]),
      ]),
      ...(kept.length > 0
        ? { ExpressionAttributeValues: Object.fromEntries(kept.map((name, i) => [`:k${i}`, before![name]])) }
        : {}),
    },
  };
}

// ---------- exit proposals ----------

/** The id of the exit proposal of (worker, year): one per worker and year by construction. */
export const exitProposalIdFor = (workerId: string, year: number): string =>
  evaluationKeys.exitProposalId(workerId, year);

/**
 * Creates the proposal of (worker, year) or refreshes it while pending (or withdrawn), listed as
 * pending; one an HR officer confirmed or dismissed is never touched (then false).
 */
export function upsertExitProposal(
  store: Store,
  proposal: Omit<ExitProposalRecord, 'status' | 'createdAt' | 'version'>,
  at: string,
) {
  const fields: Item = {
    type: 'exit-proposal',
    ...proposal,
    status: 'pending',
    gsi1pk: evaluationKeys.exitProposalsOf(proposal.org, 'pending'),
    gsi1sk: evaluationKeys.exitProposalSort(proposal.org, proposal.id),
  };
  const names = Object.keys(fields);
  return store.updateItem({
    Key: evaluationKeys.exitProposal(proposal.id),
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

/** One exit proposal (GetItem), if it exists. */
export async function exitProposalById(store: Store, id: string): Promise<ExitProposalRecord | undefined> {
  const item = await store.get(evaluationKeys.exitProposal(id));
  return item && toExitProposal(item);
}

/** One page of a subtree's exit proposals of one status (ByCollection `EXITPROPS#<city>#<status>`). */
export async function exitProposalsOfSubtree(
  store: Store,
  org: string,
  status: ExitProposalStatus,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ExitProposalRecord>> {
  const page = await store.queryPage(
    subtreeQuery(evaluationKeys.exitProposalsOf(org, status), org, { Limit: limit }),
    cursor,
  );
  return { items: page.items.map(toExitProposal), cursor: page.cursor };
}

/**
 * An HR officer's decision on a proposal (`confirmed` or `dismissed`), only while it is still
 * pending at the version read: `onConditionFailed` otherwise.
 */
export function decideExitProposalOp(
  proposal: Pick<ExitProposalRecord, 'id' | 'org' | 'version'>,
  status: ExitProposalStatus,
  decision: NonNullable<ExitProposalRecord['decision']>,
  at: string,
  onConditionFailed: () => AppError,
): WriteOp {
  return {
    Update: {
      Key: evaluationKeys.exitProposal(proposal.id),
      UpdateExpression:
        'SET #status = :status, decision = :decision, gsi1pk = :collection, updatedAt = :now, version = version + :one',
      ConditionExpression: '#status = :pending AND version = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':decision': decision,
        ':collection': evaluationKeys.exitProposalsOf(proposal.org, status),
        ':now': at,
        ':one': 1,
        ':pending': 'pending',
        ':version': proposal.version,
      },
    },
    onConditionFailed,
  };
}
