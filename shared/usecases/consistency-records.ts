import { evaluationKeys } from '#shared/db/entities/evaluation.ts';
import { recruitmentKeys } from '#shared/db/entities/recruitment.ts';
import type { Item, Store } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import {
  type ConsistencyReport,
  type DriftKind,
  RECORDS_LISTED,
} from '#shared/usecases/consistency-report.ts';

// The consistency checker's recounts of counters kept on a record about its own children (one
// partition each): a recruitment's candidates and hires, an evaluation run's progress.

/** Drift of `field` on `item` if it differs from the recount. */
function compareField(
  report: ConsistencyReport,
  kind: DriftKind,
  item: Item,
  field: string,
  recount: number,
  records: string[],
) {
  const recorded = (item[field] as number | undefined) ?? 0;
  if (recorded !== recount)
    report.drift.push({
      kind,
      key: { pk: item.pk as string, sk: item.sk as string },
      field,
      recorded,
      recounted: recount,
      org: item.org as string,
      records: records.slice(0, RECORDS_LISTED),
    });
}

/**
 * Recruitments (one Query for the city's list, one per recruitment's partition): `candidateCount`
 * = its candidates (the next registration number follows it), `eligibleCount` = those eligible,
 * `hiredCount` = those hired.
 */
export async function checkRecruitments(store: Store, city: string, report: ConsistencyReport) {
  const recruitments = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': recruitmentKeys.byCity(city) },
  });
  for (const listed of recruitments) {
    report.checked.recruitments++;
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': recruitmentKeys.key(listed.id as string).pk },
    });
    const recruitment = items.find((i) => i.sk === recruitmentKeys.key(listed.id as string).sk);
    if (!recruitment) continue;
    const candidates = items.filter((i) => (i.sk as string).startsWith(recruitmentKeys.candidatePrefix));
    const ids = (list: Item[]) => list.map((c) => `candidate:${c.id as string}`);
    const eligible = candidates.filter(
      (c) => (c.eligibility as { eligible?: boolean } | undefined)?.eligible,
    );
    const hired = candidates.filter((c) => typeof c.hiredWorkerId === 'string');
    compareField(report, 'recruitment', recruitment, 'candidateCount', candidates.length, ids(candidates));
    compareField(report, 'recruitment', recruitment, 'eligibleCount', eligible.length, ids(eligible));
    compareField(
      report,
      'recruitment',
      recruitment,
      'hiredCount',
      hired.length,
      hired.map((c) => `worker:${c.hiredWorkerId as string}`),
    );
  }
}

/**
 * Evaluation runs not completed (one Query for the city's runs, one per such run's partition):
 * `unitsDone` = its unit tasks done (the run completes when it reaches `unitsTotal`),
 * `workersScored` = the workers those tasks scored. A completed run's tasks expire (TTL), so its
 * figures are final and not recounted.
 */
export async function checkEvaluationRuns(store: Store, city: string, report: ConsistencyReport) {
  const runs = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    FilterExpression: '#status <> :completed',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pk': evaluationKeys.runsOf(city), ':completed': 'completed' },
  });
  for (const listed of runs) {
    report.checked.evaluationRuns++;
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': evaluationKeys.runPk(listed.id as string) },
    });
    const run = items.find((i) => i.sk === evaluationKeys.run(listed.id as string).sk);
    if (!run) continue;
    const done = items.filter((i) => (i.sk as string).startsWith('UNIT#') && i.status === 'done');
    const tasks = done.map((t) => `org-unit:${(t.sk as string).slice('UNIT#'.length)}`);
    compareField(report, 'evaluation-run', run, 'unitsDone', done.length, tasks);
    compareField(
      report,
      'evaluation-run',
      run,
      'workersScored',
      done.reduce((sum, t) => sum + ((t.workersScored as number | undefined) ?? 0), 0),
      tasks,
    );
  }
}
