import type { RequestContext } from '#shared/context.ts';
import { type OrgUnitRecord, orgUnitKeys } from '#shared/db/entities/org-unit.ts';
import { orgUnits } from '#shared/db/org-units.ts';
import { correctCounter } from '#shared/db/recounts.ts';
import { stats, type UnitStats } from '#shared/db/stats.ts';
import type { Key, Store } from '#shared/db/store.ts';
import { workers as workerRecords } from '#shared/db/workers.ts';
import { ancestorsOf } from '#shared/domain/org-paths.ts';
import { activeStockCounters, entriesOf, type StatsCounters } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { conflict } from '#shared/errors.ts';
import { honourFlows, mentoringFlows, trainingFlows } from '#shared/usecases/consistency-flows.ts';
import {
  type ConsistencyReport,
  type Drift,
  type Flow,
  RECORDS_LISTED,
} from '#shared/usecases/consistency-report.ts';
import { checkEvaluationRuns, checkRecruitments } from '#shared/usecases/consistency-records.ts';
import { workerFlows } from '#shared/usecases/consistency-workers.ts';

export type { ConsistencyReport, Drift, DriftKind } from '#shared/usecases/consistency-report.ts';

/** The yearly counters recounted here; any other counter on a YEAR item is left alone. */
const RECOUNTED_YEARLY =
  /^(hires_|exits_|training_events|training_person_times$|training_minutes$|micro_classrooms$|mentors$|mentees$|coaching_|certificates_|promotions_|grade_steps_|nominations_|honour_results_|awards_)/;

/**
 * The consistency checker (`npm run check`, weekly job `consistency-check`): recounts every counter
 * the system keeps next to its records, from the records, and reports each difference with the
 * records involved. `repairDrift` sets the counters to the recount, one audited, conditional write
 * per counter (a counter that moved since the check is left alone and reported).
 *
 * Recounted, per city, with Queries only (one per collection, org unit, event, mentor, cycle or
 * worker; no Scan):
 * - seats: `used` of every quota-holding org unit = active workers in its subtree;
 * - stock figures (`STATS#<org>` / `CURRENT`: active headcount, post/grade, certified) = the sum
 *   of `activeStockCounters` over the active workers of the unit's subtree;
 * - yearly flows (`STATS#<org>` / `YEAR#<y>`, on the unit and its ancestors), each from its records:
 *   hires and exits (workers by `hiredOn` and channel, by exit date and situation); training events
 *   by level and micro-classrooms (events by date and organising unit), person-times and minutes
 *   (their attendance items); mentors designated and mentees paired (mentor items, pairings by start
 *   date); coaching sessions, by mode, and minutes (sessions by date, on the mentee's unit);
 *   certificates registered, by level (certificates recorded through the API: those with a number
 *   guard naming the worker); promotions by committee and role (promotion items); grade steps,
 *   regular and early (grade-history entries of the step runs); honour nominations, results and
 *   awards (each cycle's nominations, withdrawn ones included: they were made). A counter stays on
 *   the unit it was added to: hires, certificates and grade steps of a worker who moved (调动) count
 *   on the unit served in at the time (`consistency-workers.ts`);
 * - a training event's `attendees` = its attendance items; a pairing's `sessions` and
 *   `sessionMinutes` = its coaching sessions;
 * - mentors: `activeMentees` (the cap) = their pairings with status `active`, `totalMentees` = all
 *   their pairings;
 * - recruitments: `candidateCount`, `eligibleCount`, `hiredCount` = their candidates, eligible and
 *   hired; evaluation runs not completed: `unitsDone`, `workersScored` = their tasks done
 *   (`consistency-records.ts`);
 * - honour quotas: a cycle's seats `used` per quota org = its nominations taking that org's seat
 *   (withdrawn ones free it).
 * Evaluation figures are not counters: each run overwrites its summaries from the results.
 */
export async function checkConsistency(
  store: Store,
  options: { cities?: readonly string[] } = {},
): Promise<ConsistencyReport> {
  const cities = options.cities?.length ? [...options.cities] : await orgUnits.cityIds(store);
  const report: ConsistencyReport = {
    cities,
    checked: {
      orgUnits: 0,
      workers: 0,
      statsItems: 0,
      mentors: 0,
      honourQuotas: 0,
      trainingEvents: 0,
      pairings: 0,
      recruitments: 0,
      evaluationRuns: 0,
    },
    drift: [],
  };
  for (const city of cities) await checkCity(store, city, report);
  return report;
}

async function checkCity(store: Store, city: string, report: ConsistencyReport) {
  const units = await orgUnitsOf(store, city);
  const workers = [
    ...(await workerRecords.allOfSubtree(store, city, 'active')),
    ...(await workerRecords.allOfSubtree(store, city, 'exited')),
  ];
  const active = workers.filter((w) => w.status === 'active');
  report.checked.orgUnits += units.length;
  report.checked.workers += workers.length;

  // Who counts where: every worker counts on their unit and each ancestor.
  const activeIn = new Map<string, WorkerRecord[]>();
  for (const w of active)
    for (const unit of ancestorsOf(w.org)) activeIn.set(unit, [...(activeIn.get(unit) ?? []), w]);

  for (const unit of units) {
    const members = activeIn.get(unit.id) ?? [];
    if (unit.holdsQuota === true && unit.used !== members.length)
      report.drift.push({
        kind: 'seats',
        entity: `org-unit:${unit.id}`,
        key: orgUnitKeys.key(unit.id),
        field: 'used',
        recorded: unit.used,
        recounted: members.length,
        org: unit.id,
        records: members.slice(0, RECORDS_LISTED).map((w) => `worker:${w.id}`),
        quota: unit.quota,
      });
  }

  // Each unit's STATS items (one Query per unit).
  const statsOf = new Map<string, UnitStats>();
  for (const unit of units) {
    const unitStats = await stats.ofUnit(store, unit.id);
    report.checked.statsItems += unitStats.items;
    statsOf.set(unit.id, unitStats);
  }

  // The yearly flows, from every kind of record that moves a YEAR counter.
  const flows: Flow[] = await workerFlows(store, workers);
  const cityYears = new Set([...flows.map((f) => f.year), ...(statsOf.get(city)?.years.keys() ?? [])]);
  flows.push(...(await trainingFlows(store, city, [...cityYears], report)));
  flows.push(...(await mentoringFlows(store, city, report)));
  flows.push(...(await honourFlows(store, city, report)));
  await checkRecruitments(store, city, report);
  await checkEvaluationRuns(store, city, report);

  const flowsIn = new Map<string, Map<string, Flow[]>>();
  for (const flow of flows)
    for (const unit of ancestorsOf(flow.org)) {
      const byYear = flowsIn.get(unit) ?? new Map<string, Flow[]>();
      byYear.set(flow.year, [...(byYear.get(flow.year) ?? []), flow]);
      flowsIn.set(unit, byYear);
    }

  for (const unit of units) {
    const id = unit.id;
    const recorded = statsOf.get(id)!;
    const members = activeIn.get(id) ?? [];
    const stock = sumCounters(
      members.map((w) => ({ record: `worker:${w.id}`, counters: activeStockCounters(w, 1) })),
    );
    compareCounters(report, stats.currentKey(id), id, recorded.current, stock, () => true);

    const byYear = flowsIn.get(id) ?? new Map<string, Flow[]>();
    const years = new Set([...byYear.keys(), ...recorded.years.keys()]);
    for (const year of years)
      compareCounters(
        report,
        stats.yearKey(id, year),
        id,
        recorded.years.get(year) ?? {},
        sumCounters(byYear.get(year) ?? []),
        (name) => RECOUNTED_YEARLY.test(name),
      );
  }
}

/** Every org unit of a city: the city, then its subtree breadth-first. */
async function orgUnitsOf(store: Store, city: string): Promise<OrgUnitRecord[]> {
  const root = await orgUnits.get(store, city);
  if (!root) return [];
  // Ids from the index, the units themselves (their counters) from the table.
  const below = (await orgUnits.walk(store, [root], { fields: 'ids' })).slice(1).map((unit) => unit.id);
  const units = await orgUnits.getMany(store, below);
  return [root, ...below.flatMap((id) => units.get(id) ?? [])];
}

function sumCounters(entries: readonly { record: string; counters: StatsCounters }[]) {
  const sums = new Map<string, { n: number; records: string[] }>();
  for (const { record, counters } of entries)
    for (const [name, n] of entriesOf(counters)) {
      if (n === 0) continue;
      const sum = sums.get(name) ?? { n: 0, records: [] };
      sum.n += n;
      if (sum.records.length < RECORDS_LISTED && !sum.records.includes(record)) sum.records.push(record);
      sums.set(name, sum);
    }
  return sums;
}

function compareCounters(
  report: ConsistencyReport,
  key: Key,
  org: string,
  recorded: StatsCounters,
  recount: Map<string, { n: number; records: string[] }>,
  covered: (name: string) => boolean,
) {
  const has = new Map<string, number>(entriesOf(recorded));
  const names = new Set([...has.keys(), ...recount.keys()].filter(covered));
  for (const name of names) {
    const was = has.get(name) ?? 0;
    const should = recount.get(name)?.n ?? 0;
    if (was !== should)
      report.drift.push({
        kind: 'stats',
        entity: `stats:${org}`,
        key,
        field: name,
        recorded: was,
        recounted: should,
        org,
        records: recount.get(name)?.records ?? [],
      });
  }
}

/**
 * Sets each drifting counter to its recount: one transaction per counter, conditional on the
 * counter still holding the value the check read (else it is reported as moved), with an audit
 * entry `consistency.repaired` on the counter's owner.
 */
export async function repairDrift(
  store: Store,
  ctx: RequestContext,
  drift: readonly Drift[],
): Promise<{ repaired: Drift[]; moved: Drift[] }> {
  const repaired: Drift[] = [];
  const moved: Drift[] = [];
  for (const d of drift) {
    const op = correctCounter(
      d.key,
      d.field,
      {
        recorded: d.recorded,
        recounted: d.recounted,
        ...(d.kind === 'seats' && typeof d.quota === 'number'
          ? { alsoSet: { available: d.quota - d.recounted } }
          : {}),
      },
      () => conflict('COUNTER_MOVED', 'The counter changed since the check'),
    );
    try {
      await store.transact(
        { ...ctx, idempotency: undefined },
        [op],
        [
          {
            entity: d.entity,
            org: d.org,
            action: 'consistency.repaired',
            before: { [d.field]: d.recorded },
            after: { [d.field]: d.recounted, records: d.records },
          },
        ],
      );
      repaired.push(d);
    } catch (error) {
      if ((error as { code?: string }).code === 'COUNTER_MOVED') moved.push(d);
      else throw error;
    }
  }
  return { repaired, moved };
}
