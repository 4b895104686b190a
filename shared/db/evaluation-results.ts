import {
  type EvaluationResultRecord,
  type EvaluationSummary,
  evaluationKeys,
  resultItem,
  summaryItem,
  toResult,
  toSummary,
} from '#shared/db/entities/evaluation.ts';
import type { Key, Page, Store } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { PeriodKind } from '#shared/domain/evaluation.ts';

/**
 * Evaluation summaries (a unit's own and a subtree's) and results (a unit's, and a worker's
 * timeline). Part of `shared/db/evaluation.ts`.
 */

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
