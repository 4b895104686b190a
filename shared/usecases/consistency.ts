import { ancestorsOf } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import { certificateNumberKeys } from '#shared/db/entities/certificate.ts';
import { gradeKeys } from '#shared/db/entities/grade.ts';
import { honourKeys } from '#shared/db/entities/honour.ts';
import {
  coachingKeys,
  mentorKeys,
  mentorshipKeys,
  toCoachingSession,
  toMentor,
  toMentorship,
} from '#shared/db/entities/mentoring.ts';
import { promotionKeys } from '#shared/db/entities/promotion.ts';
import {
  attendanceKeys,
  toAttendance,
  toTrainingEvent,
  trainingEventKeys,
} from '#shared/db/entities/training.ts';
import { orgUnitKeys } from '#shared/db/entities/org-unit.ts';
import { countersOf, statsKeys } from '#shared/db/entities/stats.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { type Item, type Key, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { conflict } from '#shared/errors.ts';
import { allCities } from '#shared/usecases/grade-steps.ts';
import { mapLimit } from '#shared/jobs/concurrency.ts';
import { activeStockCounters } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * The consistency checker (`npm run check`, weekly job `consistency-check`): recounts every counter
 * the system keeps next to its records, from the records, and reports each difference with the
 * records involved. `repairDrift` sets the counters to the recount, one audited, conditional write
 * per counter (a counter that moved since the check is left alone and reported).
 *
 * Recounted, per city, with Queries only (one per collection, org unit, event, mentor, cycle or
 * promoted/stepped worker; no Scan):
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
 *   awards (each cycle's nominations, withdrawn ones included: they were made);
 * - a training event's `attendees` = its attendance items; a pairing's `sessions` and
 *   `sessionMinutes` = its coaching sessions;
 * - mentor caps: a mentor's `activeMentees` = their pairings with status `active`;
 * - honour quotas: a cycle's seats `used` per quota org = its nominations taking that org's seat
 *   (withdrawn ones free it).
 * Evaluation figures are not counters: each run overwrites its summaries from the results.
 */
export type DriftKind =
  | 'seats'
  | 'stats'
  | 'mentor-cap'
  | 'honour-quota'
  | 'training-attendees'
  | 'coaching-sessions';

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
  checked: {
    orgUnits: number;
    workers: number;
    statsItems: number;
    mentors: number;
    honourQuotas: number;
    trainingEvents: number;
    pairings: number;
  };
  drift: Drift[];
}

const RECORDS_LISTED = 50;
/** The yearly counters recounted here; any other counter on a YEAR item is left alone. */
const RECOUNTED_YEARLY =
  /^(hires_|exits_|training_events|training_person_times$|training_minutes$|micro_classrooms$|mentors$|mentees$|coaching_|certificates_|promotions_|grade_steps_|nominations_|honour_results_|awards_)/;
/** Per-worker partitions read in parallel (promotions and grade steps). */
const WORKER_READS = 8;

/** One record's contribution to the yearly counters of its unit (and so of each ancestor). */
interface Flow {
  org: string;
  year: string;
  record: string;
  counters: Record<string, number>;
}

export async function checkConsistency(
  store: Store,
  options: { cities?: readonly string[] } = {},
): Promise<ConsistencyReport> {
  const cities = options.cities?.length ? [...options.cities] : await allCities(store);
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
    },
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

  // Each unit's STATS items (one Query per unit).
  const statsOf = new Map<string, Map<string, Item>>();
  for (const unit of units) {
    const id = unit.id as string;
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': statsKeys.current(id).pk },
    });
    report.checked.statsItems += items.length;
    statsOf.set(id, new Map(items.map((i) => [i.sk as string, i])));
  }

  // The yearly flows, from every kind of record that moves a YEAR counter.
  const flows: Flow[] = [];
  for (const w of workers) {
    flows.push({
      org: w.org,
      year: w.hiredOn.slice(0, 4),
      record: `worker:${w.id}`,
      counters: { hires_total: 1, [`hires_${w.channel.replace(/-/g, '_')}`]: 1 },
    });
    if (w.status === 'exited' && w.exit)
      flows.push({
        org: w.org,
        year: w.exit.effectiveOn.slice(0, 4),
        record: `worker:${w.id}`,
        counters: { exits_total: 1, [`exits_situation_${w.exit.situation}`]: 1 },
      });
  }
  const cityYears = new Set([
    ...flows.map((f) => f.year),
    ...[...(statsOf.get(city)?.keys() ?? [])].filter((sk) => sk.startsWith('YEAR#')).map((sk) => sk.slice(5)),
  ]);
  flows.push(...(await trainingFlows(store, city, [...cityYears], report)));
  flows.push(...(await mentoringFlows(store, city, report)));
  flows.push(...(await certificateFlows(store, workers)));
  flows.push(...(await careerFlows(store, workers)));
  flows.push(...(await honourFlows(store, city, report)));

  const flowsIn = new Map<string, Map<string, Flow[]>>();
  for (const flow of flows)
    for (const unit of ancestorsOf(flow.org)) {
      const byYear = flowsIn.get(unit) ?? new Map<string, Flow[]>();
      byYear.set(flow.year, [...(byYear.get(flow.year) ?? []), flow]);
      flowsIn.set(unit, byYear);
    }

  for (const unit of units) {
    const id = unit.id as string;
    const bySk = statsOf.get(id)!;
    const members = activeIn.get(id) ?? [];
    const stock = sumCounters(
      members.map((w) => ({ record: `worker:${w.id}`, counters: activeStockCounters(w, 1) })),
    );
    compareCounters(report, statsKeys.current(id), id, countersOf(bySk.get('CURRENT')), stock, () => true);

    const byYear = flowsIn.get(id) ?? new Map<string, Flow[]>();
    const years = new Set([
      ...byYear.keys(),
      ...[...bySk.keys()].filter((sk) => sk.startsWith('YEAR#')).map((sk) => sk.slice(5)),
    ]);
    for (const year of years)
      compareCounters(
        report,
        statsKeys.key(id, year),
        id,
        countersOf(bySk.get(`YEAR#${year}`)),
        sumCounters(byYear.get(year) ?? []),
        (name) => RECOUNTED_YEARLY.test(name),
      );
  }
}

/**
 * Training: the city's events of each year (one Query per year) and each event's attendance (one
 * Query per event). Also checks each event's `attendees`.
 */
async function trainingFlows(
  store: Store,
  city: string,
  years: string[],
  report: ConsistencyReport,
): Promise<Flow[]> {
  const flows: Flow[] = [];
  for (const year of years) {
    const events = (await store.queryAll(subtreeQuery(trainingEventKeys.byYear(city, year), city))).map(
      toTrainingEvent,
    );
    for (const event of events) {
      report.checked.trainingEvents++;
      const attendance = (
        await store.queryAll({
          IndexName: tableDefinition.indexes.byCollection.name,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': attendanceKeys.byEvent(event.id) },
        })
      ).map(toAttendance);
      const record = `training-event:${event.id}`;
      flows.push({
        org: event.org,
        year: event.date.slice(0, 4),
        record,
        counters: {
          training_events: 1,
          [`training_events_${event.level}`]: 1,
          ...(event.level === 'community' ? { micro_classrooms: 1 } : {}),
          training_person_times: attendance.length,
          training_minutes: attendance.reduce((sum, a) => sum + a.minutes, 0),
        },
      });
      if (event.attendees !== attendance.length)
        report.drift.push({
          kind: 'training-attendees',
          key: trainingEventKeys.key(event.id),
          field: 'attendees',
          recorded: event.attendees,
          recounted: attendance.length,
          org: event.org,
          records: attendance.slice(0, RECORDS_LISTED).map((a) => `worker:${a.workerId}`),
        });
    }
  }
  return flows;
}

/**
 * Mentoring: per mentor (one Query for the mentor items), their pairings and the sessions they
 * gave (one Query each). Checks the mentor's cap counter and each pairing's session counters.
 */
async function mentoringFlows(store: Store, city: string, report: ConsistencyReport): Promise<Flow[]> {
  const flows: Flow[] = [];
  const mentors = (await store.queryAll(subtreeQuery(mentorKeys.byCity(city), city))).map(toMentor);
  for (const mentor of mentors) {
    report.checked.mentors++;
    flows.push({
      org: mentor.org,
      year: mentor.designatedOn.slice(0, 4),
      record: `mentor:${mentor.workerId}`,
      counters: { mentors: 1 },
    });
    const pairings = (
      await store.queryAll({
        IndexName: tableDefinition.indexes.byRelation.name,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': mentorshipKeys.byMentor(mentor.workerId) },
      })
    ).map(toMentorship);
    const current = pairings.filter((p) => p.status === 'active');
    if (mentor.activeMentees !== current.length)
      report.drift.push({
        kind: 'mentor-cap',
        key: mentorKeys.key(mentor.workerId),
        field: 'activeMentees',
        recorded: mentor.activeMentees,
        recounted: current.length,
        org: mentor.org,
        records: current.slice(0, RECORDS_LISTED).map((p) => `mentorship:${p.id}`),
      });
    const sessions = (
      await store.queryAll({
        IndexName: tableDefinition.indexes.byRelation.name,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': coachingKeys.byMentor(mentor.workerId) },
      })
    ).map(toCoachingSession);
    for (const session of sessions)
      flows.push({
        org: session.menteeOrg,
        year: session.date.slice(0, 4),
        record: `coaching-session:${session.id}`,
        counters: {
          coaching_sessions: 1,
          [`coaching_sessions_${session.mode.replace(/-/g, '_')}`]: 1,
          coaching_minutes: session.minutes,
        },
      });
    for (const pairing of pairings) {
      report.checked.pairings++;
      flows.push({
        org: pairing.menteeOrg,
        year: pairing.startDate.slice(0, 4),
        record: `mentorship:${pairing.id}`,
        counters: { mentees: 1 },
      });
      const given = sessions.filter((s) => s.mentorshipId === pairing.id);
      const recount = {
        sessions: given.length,
        sessionMinutes: given.reduce((sum, s) => sum + s.minutes, 0),
      };
      for (const field of ['sessions', 'sessionMinutes'] as const)
        if ((pairing[field] ?? 0) !== recount[field])
          report.drift.push({
            kind: 'coaching-sessions',
            key: mentorshipKeys.key(pairing.id),
            field,
            recorded: pairing[field] ?? 0,
            recounted: recount[field],
            org: pairing.menteeOrg,
            records: given.slice(0, RECORDS_LISTED).map((s) => `coaching-session:${s.id}`),
          });
    }
  }
  return flows;
}

/**
 * Certificates registered through the API (a hire or transfer brings certificates in without
 * counting them): those whose number guard names the worker (BatchGets of the numbers).
 */
async function certificateFlows(store: Store, workers: WorkerRecord[]): Promise<Flow[]> {
  const held = workers.flatMap((w) => (w.certificates ?? []).map((c) => ({ worker: w, certificate: c })));
  if (held.length === 0) return [];
  const guards = new Map(
    (await store.batchGet(held.map((h) => certificateNumberKeys.key(h.certificate.number)))).map((g) => [
      g.pk as string,
      g,
    ]),
  );
  return held.flatMap(({ worker, certificate }) => {
    const guard = guards.get(certificateNumberKeys.key(certificate.number).pk);
    if (guard?.workerId !== worker.id) return [];
    return [
      {
        org: worker.org,
        year: certificate.registeredOn.slice(0, 4),
        record: `worker:${worker.id}`,
        counters: { certificates_registered: 1, [`certificates_${certificate.level}`]: 1 },
      },
    ];
  });
}

/**
 * Promotions and grade steps, from the worker's own partition (one Query from `GRADE#` to
 * `PROMOTION#`), read only for workers whose record shows a committee seat or a step run: no one
 * else can have either.
 */
async function careerFlows(store: Store, workers: WorkerRecord[]): Promise<Flow[]> {
  const candidates = workers.filter(
    (w) => (w.committeeRoles?.length ?? 0) > 0 || w.step?.lastStepYear !== undefined,
  );
  const perWorker = await mapLimit(candidates, WORKER_READS, async (w) => {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      FilterExpression: '#type IN (:grade, :promotion)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':pk': workerKeys.key(w.id).pk,
        ':from': gradeKeys.prefix,
        ':to': `${promotionKeys.prefix}\uffff`,
        ':grade': 'grade-change',
        ':promotion': 'promotion',
      },
    });
    const flows: Flow[] = [];
    for (const item of items) {
      if (item.type === 'promotion')
        flows.push({
          org: item.org as string,
          year: (item.effectiveOn as string).slice(0, 4),
          record: `promotion:${item.id as string}`,
          counters: {
            [`promotions_${item.committee as string}_${item.role as string}`]: 1,
            promotions_total: 1,
          },
        });
      else if (item.reason === 'step' && typeof item.ref === 'string' && item.ref.startsWith('step:'))
        flows.push({
          org: w.org,
          year: item.ref.slice('step:'.length),
          record: `worker:${w.id}`,
          counters: { [item.note === 'early-step' ? 'grade_steps_early' : 'grade_steps_regular']: 1 },
        });
    }
    return flows;
  });
  return perWorker.flat();
}

/**
 * Honours: each cycle's partition (one Query) holds its quotas and nominations: the seats per quota
 * org are checked here, and the nominations, results and awards become yearly flows.
 */
async function honourFlows(store: Store, city: string, report: ConsistencyReport): Promise<Flow[]> {
  const flows: Flow[] = [];
  const cycles = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': honourKeys.cyclesOf(city) },
  });
  for (const cycle of cycles) {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': honourKeys.pk(cycle.id as string) },
    });
    const nominations = items.filter((i) => (i.sk as string).startsWith('NOMINATION#'));
    // A withdrawn nomination (the nominee exited) frees its seat.
    const holding = nominations.filter((n) => !n.withdrawn);
    for (const quota of items.filter((i) => (i.sk as string).startsWith('QUOTA#'))) {
      report.checked.honourQuotas++;
      const taking = holding.filter((n) => n.quotaOrg === quota.org);
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
    const type = (cycle.honourType as string).replace(/-/g, '_');
    for (const n of nominations) {
      const result = n.result as { awarded: boolean } | null | undefined;
      flows.push({
        org: n.org as string,
        year: String(cycle.year),
        record: `nomination:${n.id as string}`,
        counters: {
          [`nominations_${type}`]: 1,
          nominations_total: 1,
          ...(result ? { [`honour_results_${type}`]: 1 } : {}),
          ...(result?.awarded ? { [`awards_${type}`]: 1, awards_total: 1 } : {}),
        },
      });
    }
  }
  return flows;
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

function sumCounters(entries: readonly { record: string; counters: Record<string, number> }[]) {
  const sums = new Map<string, { n: number; records: string[] }>();
  for (const { record, counters } of entries)
    for (const [name, n] of Object.entries(counters)) {
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
    case 'training-attendees':
      return `training-event:${d.key.pk.slice('TRAINING-EVENT#'.length)}`;
    case 'coaching-sessions':
      return `mentorship:${d.key.pk.slice('MENTORSHIP#'.length)}`;
  }
}
