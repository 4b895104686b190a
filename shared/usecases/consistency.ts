import { ancestorsOf } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import { honourKeys } from '#shared/db/entities/honour.ts';
import { mentorKeys, mentorshipKeys } from '#shared/db/entities/mentoring.ts';
import { orgUnitKeys } from '#shared/db/entities/org-unit.ts';
import { countersOf, statsKeys } from '#shared/db/entities/stats.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { type Item, type Key, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { conflict } from '#shared/errors.ts';
import { allCities } from '#shared/usecases/grade-steps.ts';
import { activeStockCounters } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * The consistency checker (`npm run check`, weekly job `consistency-check`): recounts every counter
 * the system keeps next to its records, from the records, and reports each difference with the
 * records involved. `repairDrift` sets the counters to the recount, one audited, conditional write
 * per counter (a counter that moved since the check is left alone and reported).
 *
 * Recounted, per city, with Queries only (one per collection or per org unit; no Scan):
 * - seats: `used` of every quota-holding org unit = active workers in its subtree;
 * - stock figures (`STATS#<org>` / `CURRENT`: active headcount, post/grade, certified) = the sum
 *   of `activeStockCounters` over the active workers of the unit's subtree;
 * - hires and exits per year (`hires_total`, `hires_<channel>`, `exits_total`,
 *   `exits_situation_<n>` on `STATS#<org>` / `YEAR#<y>`) = workers by hire year and channel
 *   (`hiredOn`), exited workers by exit year and situation;
 * - mentor caps: a mentor's `activeMentees` = their pairings with status `active`;
 * - honour quotas: a cycle's seats `used` per quota org = its nominations taking that org's seat.
 * Other flow counters (training, coaching, evaluation, promotion figures) are not recounted here.
 */
export type DriftKind = 'seats' | 'stats' | 'mentor-cap' | 'honour-quota';

export interface Drift {
  kind: DriftKind;
  /** The item holding the counter, and the counter. */
  key: Key;
  field: string;
  recorded: number;
  recounted: number;
  /** The org unit it belongs to (audit of the repair). */
  org: string;
  /** The records the recount is made of (ids, at most 50). */
  records: string[];
  /** Seats only: the unit's quota (`available` = quota − used). */
  quota?: number | null;
}

export interface ConsistencyReport {
  cities: string[];
  checked: { orgUnits: number; workers: number; statsItems: number; mentors: number; honourQuotas: number };
  drift: Drift[];
}

const RECORDS_LISTED = 50;
const HIRE_OR_EXIT = /^(hires_|exits_)/;

export async function checkConsistency(
  store: Store,
  options: { cities?: readonly string[] } = {},
): Promise<ConsistencyReport> {
  const cities = options.cities?.length ? [...options.cities] : await allCities(store);
  const report: ConsistencyReport = {
    cities,
    checked: { orgUnits: 0, workers: 0, statsItems: 0, mentors: 0, honourQuotas: 0 },
    drift: [],
  };
  for (const city of cities) await checkCity(store, city, report);
  return report;
}

async function checkCity(store: Store, city: string, report: ConsistencyReport) {
  const units = await orgUnitsOf(store, city);
  const workers = [
    ...(await store.queryAll(subtreeQuery(workerKeys.byStatus(city, 'active'), city))),
    ...(await store.queryAll(subtreeQuery(workerKeys.byStatus(city, 'exited'), city))),
  ].map(toWorker);
  const active = workers.filter((w) => w.status === 'active');
  report.checked.orgUnits += units.length;
  report.checked.workers += workers.length;

  // Who counts where: every worker counts on their unit and each ancestor.
  const activeIn = new Map<string, WorkerRecord[]>();
  for (const w of active)
    for (const unit of ancestorsOf(w.org)) activeIn.set(unit, [...(activeIn.get(unit) ?? []), w]);

  for (const unit of units) {
    const members = activeIn.get(unit.id as string) ?? [];
    if (unit.holdsQuota === true && unit.used !== members.length)
      report.drift.push({
        kind: 'seats',
        key: orgUnitKeys.key(unit.id as string),
        field: 'used',
        recorded: unit.used as number,
        recounted: members.length,
        org: unit.id as string,
        records: members.slice(0, RECORDS_LISTED).map((w) => `worker:${w.id}`),
        quota: (unit.quota as number | null) ?? null,
      });
  }

  // Stock figures and yearly hires/exits, per unit (one Query per unit for its STATS items).
  for (const unit of units) {
    const id = unit.id as string;
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': statsKeys.current(id).pk },
    });
    report.checked.statsItems += items.length;
    const bySk = new Map(items.map((i) => [i.sk as string, i]));
    const members = activeIn.get(id) ?? [];
    const stock = sumCounters(members.map((w) => ({ id: w.id, counters: activeStockCounters(w, 1) })));
    compareCounters(report, statsKeys.current(id), id, countersOf(bySk.get('CURRENT')), stock, () => true);

    const inSubtree = workers.filter((w) => ancestorsOf(w.org).includes(id));
    const flows = new Map<string, { id: string; counters: Record<string, number> }[]>();
    const add = (year: string, workerId: string, counters: Record<string, number>) =>
      flows.set(year, [...(flows.get(year) ?? []), { id: workerId, counters }]);
    for (const w of inSubtree) {
      add(w.hiredOn.slice(0, 4), w.id, { hires_total: 1, [`hires_${w.channel.replace(/-/g, '_')}`]: 1 });
      if (w.status === 'exited' && w.exit)
        add(w.exit.effectiveOn.slice(0, 4), w.id, {
          exits_total: 1,
          [`exits_situation_${w.exit.situation}`]: 1,
        });
    }
    const years = new Set([
      ...flows.keys(),
      ...[...bySk.keys()].filter((sk) => sk.startsWith('YEAR#')).map((sk) => sk.slice(5)),
    ]);
    for (const year of years) {
      const recount = sumCounters(flows.get(year) ?? []);
      compareCounters(
        report,
        statsKeys.key(id, year),
        id,
        countersOf(bySk.get(`YEAR#${year}`)),
        recount,
        (name) => HIRE_OR_EXIT.test(name),
      );
    }
  }

  await checkMentors(store, city, report);
  await checkHonourQuotas(store, city, report);
}

async function checkMentors(store: Store, city: string, report: ConsistencyReport) {
  const mentors = await store.queryAll(subtreeQuery(mentorKeys.byCity(city), city));
  for (const mentor of mentors) {
    report.checked.mentors++;
    const pairings = await store.queryAll({
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': mentorshipKeys.byMentor(mentor.workerId as string) },
    });
    const current = pairings.filter((p) => p.status === 'active');
    if ((mentor.activeMentees as number) !== current.length)
      report.drift.push({
        kind: 'mentor-cap',
        key: mentorKeys.key(mentor.workerId as string),
        field: 'activeMentees',
        recorded: mentor.activeMentees as number,
        recounted: current.length,
        org: mentor.org as string,
        records: current.slice(0, RECORDS_LISTED).map((p) => `mentorship:${p.id}`),
      });
  }
}

async function checkHonourQuotas(store: Store, city: string, report: ConsistencyReport) {
  const cycles = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': honourKeys.cyclesOf(city) },
  });
  for (const cycle of cycles) {
    // The cycle's partition holds its quotas and nominations: one Query.
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': honourKeys.pk(cycle.id as string) },
    });
    const nominations = items.filter((i) => (i.sk as string).startsWith('NOMINATION#') && !i.withdrawnAt);
    for (const quota of items.filter((i) => (i.sk as string).startsWith('QUOTA#'))) {
      report.checked.honourQuotas++;
      const taking = nominations.filter((n) => n.quotaOrg === quota.org);
      if ((quota.used as number) !== taking.length)
        report.drift.push({
          kind: 'honour-quota',
          key: { pk: quota.pk as string, sk: quota.sk as string },
          field: 'used',
          recorded: quota.used as number,
          recounted: taking.length,
          org: quota.org as string,
          records: taking.slice(0, RECORDS_LISTED).map((n) => `nomination:${n.id}`),
        });
    }
  }
}

/** Every org unit of a city: the city, then children level by level (one Query per unit). */
async function orgUnitsOf(store: Store, city: string): Promise<Item[]> {
  const root = await store.get(orgUnitKeys.key(city));
  if (!root) return [];
  const units: Item[] = [root];
  for (let i = 0; i < units.length; i++) {
    const children = await store.queryAll({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': orgUnitKeys.childrenOf(units[i]!.id as string) },
    });
    // Children come from the index; the counters are read from the table (consistent).
    units.push(...(await store.batchGet(children.map((c) => orgUnitKeys.key(c.id as string)))));
  }
  return units;
}

function sumCounters(entries: { id: string; counters: Record<string, number> }[]) {
  const sums = new Map<string, { n: number; records: string[] }>();
  for (const { id, counters } of entries)
    for (const [name, n] of Object.entries(counters)) {
      const sum = sums.get(name) ?? { n: 0, records: [] };
      sum.n += n;
      if (sum.records.length < RECORDS_LISTED) sum.records.push(`worker:${id}`);
      sums.set(name, sum);
    }
  return sums;
}

function compareCounters(
  report: ConsistencyReport,
  key: Key,
  org: string,
  recorded: Record<string, number>,
  recount: Map<string, { n: number; records: string[] }>,
  covered: (name: string) => boolean,
) {
  const names = new Set([...Object.keys(recorded), ...recount.keys()].filter(covered));
  for (const name of names) {
    const has = recorded[name] ?? 0;
    const should = recount.get(name)?.n ?? 0;
    if (has !== should)
      report.drift.push({
        kind: 'stats',
        key,
        field: name,
        recorded: has,
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
    const values: Record<string, unknown> = { ':recounted': d.recounted, ':recorded': d.recorded };
    let update = 'SET #field = :recounted';
    if (d.kind === 'seats' && typeof d.quota === 'number') {
      update += ', available = :available';
      values[':available'] = d.quota - d.recounted;
    }
    const op: WriteOp = {
      Update: {
        Key: d.key,
        UpdateExpression: update,
        ConditionExpression:
          d.recorded === 0 ? 'attribute_not_exists(#field) OR #field = :recorded' : '#field = :recorded',
        ExpressionAttributeNames: { '#field': d.field },
        ExpressionAttributeValues: values,
      },
      onConditionFailed: () => conflict('COUNTER_MOVED', 'The counter changed since the check'),
    };
    try {
      await store.transact(
        { ...ctx, idempotency: undefined },
        [op],
        [
          {
            entity: auditEntity(d),
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

function auditEntity(d: Drift): string {
  switch (d.kind) {
    case 'seats':
      return `org-unit:${d.org}`;
    case 'stats':
      return `stats:${d.org}`;
    case 'mentor-cap':
      return `mentor:${d.key.pk.slice('MENTOR#'.length)}`;
    case 'honour-quota':
      return `honour-cycle:${d.key.pk.slice('HONOUR-CYCLE#'.length)}`;
  }
}
