import { recruitmentKeys } from '#shared/db/entities/recruitment.ts';
import { runWithTasks, unfinishedRunsOfCity } from '#shared/db/evaluation.ts';
import { recruitmentsOfCity, recruitmentWithCandidates } from '#shared/db/recruitments.ts';
import type { Key, Store } from '#shared/db/store.ts';
import {
  type ConsistencyReport,
  type DriftKind,
  RECORDS_LISTED,
} from '#shared/usecases/consistency-report.ts';

// The consistency checker's recounts of counters kept on a record about its own children (one
// partition each): a recruitment's candidates and hires, an evaluation run's progress.

/** The record holding the counters: its key, its org unit and the counters as read. */
interface Holder {
  key: Key;
  entity: string;
  org: string;
  counters: Record<string, unknown>;
}

/** Drift of `field` on the holder if it differs from the recount. */
function compareField(
  report: ConsistencyReport,
  kind: DriftKind,
  holder: Holder,
  field: string,
  recount: number,
  records: string[],
) {
  const recorded = (holder.counters[field] as number | undefined) ?? 0;
  if (recorded !== recount)
    report.drift.push({
      kind,
      key: holder.key,
      entity: holder.entity,
      field,
      recorded,
      recounted: recount,
      org: holder.org,
      records: records.slice(0, RECORDS_LISTED),
    });
}

/**
 * Recruitments (one Query for the city's list, one per recruitment's partition): `candidateCount`
 * = its candidates (the next registration number follows it), `eligibleCount` = those eligible,
 * `hiredCount` = those hired.
 */
export async function checkRecruitments(store: Store, city: string, report: ConsistencyReport) {
  for (const listed of await recruitmentsOfCity(store, city)) {
    report.checked.recruitments++;
    const { recruitment, candidates } = await recruitmentWithCandidates(store, listed.id);
    if (!recruitment) continue;
    const holder: Holder = {
      key: recruitmentKeys.key(recruitment.id),
      entity: `recruitment:${recruitment.id}`,
      org: recruitment.org,
      counters: { ...recruitment },
    };
    const ids = (list: typeof candidates) => list.map((c) => `candidate:${c.id}`);
    const eligible = candidates.filter((c) => c.eligibility?.eligible);
    const hired = candidates.filter((c) => typeof c.hiredWorkerId === 'string');
    compareField(report, 'recruitment', holder, 'candidateCount', candidates.length, ids(candidates));
    compareField(report, 'recruitment', holder, 'eligibleCount', eligible.length, ids(eligible));
    compareField(
      report,
      'recruitment',
      holder,
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
  for (const listed of await unfinishedRunsOfCity(store, city)) {
    report.checked.evaluationRuns++;
    const { run, tasks } = await runWithTasks(store, listed.id as string);
    if (!run) continue;
    const holder: Holder = {
      key: { pk: run.pk as string, sk: run.sk as string },
      entity: `evaluation-run:${listed.id as string}`,
      org: run.org as string,
      counters: run,
    };
    const done = tasks.filter((t) => t.status === 'done');
    const units = done.map((t) => `org-unit:${t.org as string}`);
    compareField(report, 'evaluation-run', holder, 'unitsDone', done.length, units);
    compareField(
      report,
      'evaluation-run',
      holder,
      'workersScored',
      done.reduce((sum, t) => sum + ((t.workersScored as number | undefined) ?? 0), 0),
      units,
    );
  }
}
