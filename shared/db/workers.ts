import { certificationKeys, workerItem, workerKeys, toWorker } from '#shared/db/entities/worker.ts';
import { gradeKeys } from '#shared/db/entities/grade.ts';
import { promotionKeys } from '#shared/db/entities/promotion.ts';
import {
  toWorkerHistoryEntry,
  type WorkerHistoryEntry,
  workerHistoryKeys,
} from '#shared/db/entities/worker-history.ts';
import { type Item, type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { maskNationalId } from '#shared/domain/national-id.ts';
import type { GradeChangeReason, Post, StepState } from '#shared/domain/pay.ts';
import type { EvaluationGrade } from '#shared/domain/evaluation.ts';
import type { ProbationFields } from '#shared/domain/probation.ts';
import type { WorkerCertificate, WorkerRecord, WorkerStatus } from '#shared/domain/workers.ts';
import { type AppError, conflict, unprocessable } from '#shared/errors.ts';

/** "The worker is still active", the one way it is written: with `#status` and `:active` bound below. */
const STILL_ACTIVE = '#status = :active';
const stillActiveNames = { '#status': 'status' };
const stillActiveValues = { ':active': 'active' };

/** `:held`/`:heldSort`: the worker's ByCertification keys for an UpdateExpression. */
const heldValues = (worker: Pick<WorkerRecord, 'id' | 'org' | 'certificates'>) => {
  const keys = certificationKeys(worker);
  return { ':held': keys.gsi4pk, ':heldSort': keys.gsi4sk };
};

/** 422 WORKER_NOT_ACTIVE: the error every use-case gives for a worker who is no longer active. */
export const workerNotActive = (worker: Pick<WorkerRecord, 'id' | 'status'>) =>
  unprocessable('WORKER_NOT_ACTIVE', `Worker ${worker.id} is no longer an active worker`, {
    workerId: worker.id,
    status: worker.status,
  });

/**
 * The worker aggregate's reads and writes (the record carries grade, post, certificates,
 * mentorIds and annualGrades, so hot reads are one GetItem). Use-cases compose these named
 * operations and write no expressions of their own.
 */
export const workers = {
  /** One GetItem. */
  async get(store: Store, id: string): Promise<WorkerRecord | undefined> {
    const item = await store.get(workerKeys.key(id));
    return item && toWorker(item);
  },

  /** The workers among `ids` that exist, by id (BatchGetItem). */
  async getMany(store: Store, ids: readonly string[]): Promise<Map<string, WorkerRecord>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const items = await store.batchGet(unique.map((id) => workerKeys.key(id)));
    return new Map(items.map((item) => [item.id as string, toWorker(item)]));
  },

  /** The active worker holding a national id, if any (one GetItem on the national-id guard). */
  async activeIdFor(store: Store, nationalId: string): Promise<string | undefined> {
    const item = await store.get(workerKeys.activeNationalId(nationalId));
    return item?.workerId as string | undefined;
  },

  /** National id → the active worker holding it, for those that have one (BatchGetItem). */
  async activeIdsFor(store: Store, nationalIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(nationalIds)];
    if (unique.length === 0) return new Map();
    const guards = await store.batchGet(unique.map((id) => workerKeys.activeNationalId(id)));
    return new Map(guards.map((g) => [String(g.pk).slice('NATID#'.length), String(g.workerId)]));
  },

  /**
   * The records of one person (身份证号) in a subtree with a status, a page at a time: ByRelation
   * `PERSON#<id>`, whose sort key `WORKER#<org>/#<id>` makes the subtree the key condition itself
   * (nothing outside it is read); the status (it changes on exit) is a filter.
   */
  async pageOfPerson(
    store: Store,
    query: { nationalId: string; org: string; status: WorkerStatus },
    cursor?: string,
    limit = 50,
  ): Promise<Page<WorkerRecord>> {
    const page = await store.queryPage(
      {
        IndexName: tableDefinition.indexes.byRelation.name,
        KeyConditionExpression: 'gsi2pk = :person AND gsi2sk BETWEEN :from AND :to',
        FilterExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':person': workerKeys.person(query.nationalId),
          ':from': workerKeys.personWorkersIn(query.org),
          ':to': `${workerKeys.personWorkersIn(query.org)}\uffff`,
          ':status': query.status,
        },
        Limit: limit,
      },
      cursor,
    );
    return { items: page.items.map(toWorker), cursor: page.cursor };
  },

  /**
   * Workers of a subtree with a status whose name starts with `prefix`, a page at a time: ByLookup
   * `WORKERNAME#<city>` sorted by `<name>#<org>/#<id>`. A prefix and a subtree are two ranges one
   * sort key can't both express; the name prefix is the selective one, so it is the key condition
   * and the subtree a filter over that bounded range (a page may hold fewer than `limit` items and
   * still carry a cursor).
   */
  async pageByNamePrefix(
    store: Store,
    query: { prefix: string; org: string; status: WorkerStatus },
    cursor?: string,
    limit = 50,
  ): Promise<Page<WorkerRecord>> {
    const page = await store.queryPage(
      {
        IndexName: tableDefinition.indexes.byLookup.name,
        KeyConditionExpression: 'gsi3pk = :city AND begins_with(gsi3sk, :prefix)',
        FilterExpression: '(#org = :org OR begins_with(#org, :below)) AND #status = :status',
        ExpressionAttributeNames: { '#org': 'org', '#status': 'status' },
        ExpressionAttributeValues: {
          ':city': workerKeys.byName(query.org),
          ':prefix': query.prefix,
          ':org': query.org,
          ':below': `${query.org}/`,
          ':status': query.status,
        },
        Limit: limit,
      },
      cursor,
    );
    return { items: page.items.map(toWorker), cursor: page.cursor };
  },

  /**
   * Active workers of a subtree whose probation is not decided yet (`probationStatus` absent on
   * records from before decisions were kept) and ends on or before `until`: the subtree's active
   * workers in one paged Query, filtered on the probation fields.
   */
  async probationsEndingBy(store: Store, org: string, until: string): Promise<WorkerRecord[]> {
    const items = await store.queryAll(
      subtreeQuery(workerKeys.byStatus(org, 'active'), org, {
        FilterExpression:
          'probationEndsOn <= :until AND (attribute_not_exists(probationStatus) OR probationStatus = :serving)',
        ExpressionAttributeValues: { ':until': until, ':serving': 'serving' },
      }),
    );
    return items.map(toWorker);
  },

  /** Every worker of a subtree with a status (ByCollection, the subtree's key range; the consistency checker reads a city). */
  async allOfSubtree(store: Store, org: string, status: WorkerStatus): Promise<WorkerRecord[]> {
    return (await store.queryAll(subtreeQuery(workerKeys.byStatus(org, status), org))).map(toWorker);
  },

  /**
   * A worker's moves (history entries `moved`) and, with `career`, their grade changes and
   * promotions, as stored: one Query of the worker's partition, from `GRADE#` to `PROMOTION#` with
   * career (grade changes, history, promotions sort there), else over the history alone.
   */
  async movesAndCareer(store: Store, workerId: string, { career }: { career: boolean }): Promise<Item[]> {
    const pk = workerKeys.key(workerId).pk;
    const moved = { ':history': 'worker-history', ':moved': 'moved' };
    return career
      ? store.queryAll({
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          FilterExpression: '#type IN (:grade, :promotion) OR (#type = :history AND #event = :moved)',
          ExpressionAttributeNames: { '#type': 'type', '#event': 'event' },
          ExpressionAttributeValues: {
            ':pk': pk,
            ':from': gradeKeys.prefix,
            ':to': `${promotionKeys.prefix}\uffff`,
            ':grade': 'grade-change',
            ':promotion': 'promotion',
            ...moved,
          },
        })
      : store.queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: '#type = :history AND #event = :moved',
          ExpressionAttributeNames: { '#type': 'type', '#event': 'event' },
          ExpressionAttributeValues: { ':pk': pk, ':prefix': workerHistoryKeys.prefix, ...moved },
        });
  },

  /** The worker item and its one-active-worker-per-national-id guard, both only if new. */
  create(worker: WorkerRecord): WriteOp[] {
    return [
      {
        Put: { Item: workerItem(worker), ConditionExpression: 'attribute_not_exists(pk)' },
        onConditionFailed: () =>
          conflict('WORKER_EXISTS', `Worker ${worker.id} already exists`, { workerId: worker.id }),
      },
      {
        Put: {
          Item: {
            ...workerKeys.activeNationalId(worker.nationalId),
            type: 'national-id',
            workerId: worker.id,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        onConditionFailed: () =>
          conflict('ALREADY_ACTIVE_WORKER', 'A person with this national id is already an active worker', {
            nationalId: maskNationalId(worker.nationalId),
          }),
      },
    ];
  },

  // The worker lifecycle (exits, moves, transfers, onboarding, worker records): its reads and writes.

  /**
   * Workers of one status in an org subtree, ordered by org path, a page at a time: ByCollection
   * `WORKERS#<city>#<status>` over the subtree's key range.
   */
  async pageOfSubtree(
    store: Store,
    query: { org: string; status: WorkerStatus },
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<WorkerRecord>> {
    const page = await store.queryPage(
      subtreeQuery(workerKeys.byStatus(query.org, query.status), query.org, { Limit: limit }),
      cursor,
    );
    return { items: page.items.map(toWorker), ...(page.cursor ? { cursor: page.cursor } : {}) };
  },

  /** A worker's lifecycle events, oldest first (one Query of the worker's partition, `HISTORY#`). */
  async history(store: Store, workerId: string): Promise<WorkerHistoryEntry[]> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': workerKeys.key(workerId).pk, ':prefix': workerHistoryKeys.prefix },
    });
    return items.map(toWorkerHistoryEntry);
  },

  /**
   * Undo of `create` (a durable batch's roll-back, possibly minutes later): deletes the worker item
   * and their national-id guard, the guard only while it is absent or still theirs.
   */
  undoCreate(worker: Pick<WorkerRecord, 'id' | 'nationalId'>): WriteOp[] {
    return [{ Delete: { Key: workerKeys.key(worker.id) } }, workers.releaseNationalId(worker)];
  },

  /** Frees the person's national id for a new hire: deletes the guard while it is absent or theirs. */
  releaseNationalId(
    worker: Pick<WorkerRecord, 'id' | 'nationalId'>,
    onConditionFailed?: () => AppError,
  ): WriteOp {
    return {
      Delete: {
        Key: workerKeys.activeNationalId(worker.nationalId),
        ConditionExpression: 'attribute_not_exists(pk) OR workerId = :workerId',
        ExpressionAttributeValues: { ':workerId': worker.id },
      },
      ...(onConditionFailed ? { onConditionFailed } : {}),
    };
  },

  /**
   * Replaces the worker item (e.g. under a new org: every list and look-up key follows) while the
   * worker is still active and at the version read.
   */
  replaceActive(updated: WorkerRecord, readVersion: number, onConditionFailed: () => AppError): WriteOp {
    return {
      Put: {
        Item: workerItem(updated),
        ConditionExpression: `${STILL_ACTIVE} AND version = :v`,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: { ...stillActiveValues, ':v': readVersion },
      },
      onConditionFailed,
    };
  },

  /**
   * The worker exits: status `exited` (moving them to the exited list, and out of ByCertification,
   * which lists active holders), the exit recorded, their mentor pairings emptied and `alsoSet`
   * attributes set, while still active and at the version read.
   */
  markExited(
    worker: Pick<WorkerRecord, 'id' | 'org' | 'version'>,
    exit: NonNullable<WorkerRecord['exit']>,
    alsoSet: Record<string, unknown>,
    now: string,
    onConditionFailed: () => AppError,
  ): WriteOp {
    const extra = Object.entries(alsoSet);
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression: `SET #status = :exited, #exit = :exit, gsi1pk = :gsi1pk, mentorIds = :noMentors, updatedAt = :now, version = version + :one${extra.map((_, i) => `, #also${i} = :also${i}`).join('')} REMOVE gsi4pk, gsi4sk`,
        ConditionExpression: `${STILL_ACTIVE} AND version = :v`,
        ExpressionAttributeNames: {
          ...stillActiveNames,
          '#exit': 'exit',
          ...Object.fromEntries(extra.map(([name], i) => [`#also${i}`, name])),
        },
        ExpressionAttributeValues: {
          ...Object.fromEntries(extra.map(([, value], i) => [`:also${i}`, value])),
          ...stillActiveValues,
          ':exited': 'exited',
          ':exit': exit,
          ':noMentors': [],
          ':gsi1pk': workerKeys.byStatus(worker.org, 'exited'),
          ':now': now,
          ':one': 1,
          ':v': worker.version,
        },
      },
      onConditionFailed,
    };
  },

  // (end of the worker lifecycle's block)

  /** A check, in the caller's transaction, that the worker is still active (else WORKER_NOT_ACTIVE). */
  mustBeActive(worker: Pick<WorkerRecord, 'id' | 'status'>, onConditionFailed?: () => AppError): WriteOp {
    return {
      ConditionCheck: {
        Key: workerKeys.key(worker.id),
        ConditionExpression: STILL_ACTIVE,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: stillActiveValues,
      },
      onConditionFailed: onConditionFailed ?? (() => workerNotActive({ id: worker.id, status: 'exited' })),
    };
  },

  /**
   * A worker's `mentorIds` (what authorisation reads) rewritten if the worker is unchanged since read
   * (`version`) and, with `whileActive`, still active.
   */
  setMentorIds(
    worker: Pick<WorkerRecord, 'id' | 'version'>,
    mentorIds: string[],
    change: { now: string; whileActive: boolean },
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression: 'SET mentorIds = :ids, version = version + :one, updatedAt = :now',
        ConditionExpression: change.whileActive ? `version = :v AND ${STILL_ACTIVE}` : 'version = :v',
        ...(change.whileActive ? { ExpressionAttributeNames: stillActiveNames } : {}),
        ExpressionAttributeValues: {
          ':ids': mentorIds,
          ':one': 1,
          ':now': change.now,
          ':v': worker.version,
          ...(change.whileActive ? stillActiveValues : {}),
        },
      },
      onConditionFailed,
    };
  },

  /**
   * A new version of a worker still active, nothing else changed: a change that depends on the
   * worker staying active commits only if they are, and a version-guarded change that read the
   * worker before (an exit) has to read again.
   */
  touchWhileActive(workerId: string, now: string, onConditionFailed: () => AppError): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(workerId),
        UpdateExpression: 'SET version = version + :one, updatedAt = :now',
        ConditionExpression: STILL_ACTIVE,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: { ...stillActiveValues, ':one': 1, ':now': now },
      },
      onConditionFailed,
    };
  },

  /** A probation decision's fields (转正 or an extension) on a worker still active and unchanged since read. */
  setProbation(
    worker: Pick<WorkerRecord, 'id' | 'version'>,
    fields: Required<ProbationFields>,
    now: string,
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression:
          'SET probationEndsOn = :endsOn, probationStatus = :status, probationExtendedMonths = :extended, probationDecidedOn = :decidedOn, updatedAt = :now, version = version + :one',
        ConditionExpression: `${STILL_ACTIVE} AND version = :v`,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: {
          ...stillActiveValues,
          ':endsOn': fields.probationEndsOn,
          ':status': fields.probationStatus,
          ':extended': fields.probationExtendedMonths,
          ':decidedOn': fields.probationDecidedOn,
          ':now': now,
          ':one': 1,
          ':v': worker.version,
        },
      },
      onConditionFailed,
    };
  },

  /**
   * Appends certificates to a worker still active and unchanged since read (`version`), and moves
   * the worker to their new highest level in ByCertification.
   */
  appendCertificates(
    worker: Pick<WorkerRecord, 'id' | 'org' | 'version' | 'certificates'>,
    certificates: WorkerCertificate[],
    now: string,
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression:
          'SET certificates = list_append(if_not_exists(certificates, :empty), :certs), version = version + :one, updatedAt = :now, gsi4pk = :held, gsi4sk = :heldSort',
        ConditionExpression: `version = :v AND ${STILL_ACTIVE}`,
        ExpressionAttributeNames: stillActiveNames,
        ExpressionAttributeValues: {
          ...stillActiveValues,
          ...heldValues({ ...worker, certificates: [...worker.certificates, ...certificates] }),
          ':empty': [],
          ':certs': certificates,
          ':one': 1,
          ':now': now,
          ':v': worker.version,
        },
      },
      onConditionFailed,
    };
  },

  /**
   * Undo of `appendCertificates`: puts back the list the worker had and their ByCertification level
   * (safe to run minutes later). An exit in those minutes would be listed again until the worker's
   * next write: DynamoDB can't set an attribute only when another holds a value, and a failing undo
   * would be worse.
   */
  restoreCertificates(worker: Pick<WorkerRecord, 'id' | 'org' | 'certificates'>): WriteOp {
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression:
          'SET certificates = :before, version = version + :one, gsi4pk = :held, gsi4sk = :heldSort',
        ExpressionAttributeValues: { ':before': worker.certificates, ':one': 1, ...heldValues(worker) },
      },
    };
  },

  /** A page of a city's active workers (one ByCollection Query of the city's partition). */
  async activeInCityPage(
    store: Store,
    city: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<WorkerRecord>> {
    const page = await store.queryPage(
      {
        IndexName: tableDefinition.indexes.byCollection.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': workerKeys.byStatus(city, 'active') },
        Limit: limit,
      },
      cursor,
    );
    return { items: page.items.map(toWorker), cursor: page.cursor };
  },

  /** Whether a city has any worker of `status` (a one-item ByCollection Query). */
  async anyInCity(store: Store, city: string, status: WorkerStatus): Promise<boolean> {
    const page = await store.queryPage({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': workerKeys.byStatus(city, status) },
      Limit: 1,
    });
    return page.items.length > 0;
  },

  /**
   * A change of the worker's step state and, when `grade` is given, of post and grade (with the day
   * it took effect and why), guarded by the worker's `version`. `extraSet` are further attributes
   * set in the same update (e.g. committeeRoles); `stepNotCountedIn` also requires that the yearly
   * step of that year was not counted yet (the grade-step run's once-per-year guard).
   */
  changeGrade(
    worker: Pick<WorkerRecord, 'id' | 'version'>,
    change: {
      grade: { post: Post; grade: number; since: string; reason: GradeChangeReason } | null;
      step: StepState;
      extraSet?: Record<string, unknown> | undefined;
      stepNotCountedIn?: number | undefined;
      now: string;
    },
    onConditionFailed: () => AppError,
  ): WriteOp {
    const values: Record<string, unknown> = {
      ':version': worker.version,
      ':one': 1,
      ':now': change.now,
      ':step': change.step,
    };
    const names: Record<string, string> = {};
    const sets = ['updatedAt = :now', 'version = version + :one', 'step = :step'];
    if (change.grade) {
      values[':post'] = change.grade.post;
      values[':grade'] = change.grade.grade;
      values[':since'] = change.grade.since;
      values[':reason'] = change.grade.reason;
      sets.push('post = :post', 'grade = :grade', 'gradeSince = :since', 'gradeReason = :reason');
    }
    Object.entries(change.extraSet ?? {}).forEach(([field, value], i) => {
      names[`#x${i}`] = field;
      values[`:x${i}`] = value;
      sets.push(`#x${i} = :x${i}`);
    });
    let condition = 'version = :version';
    if (change.stepNotCountedIn !== undefined) {
      condition += ' AND (attribute_not_exists(step.lastStepYear) OR step.lastStepYear < :stepYear)';
      values[':stepYear'] = change.stepNotCountedIn;
    }
    return {
      Update: {
        Key: workerKeys.key(worker.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
      onConditionFailed,
    };
  },
};

// Evaluation's reads and writes of workers

/** The scoring fields of worker items: the rest (certificates, pay, …) is not read. */
const SCORING_PROJECTION = {
  ProjectionExpression:
    'id, #name, org, #status, hiredOn, contractEndsOn, contractTerms, #exit, annualGrades',
  ExpressionAttributeNames: { '#name': 'name', '#status': 'status', '#exit': 'exit' },
};

/**
 * Workers of one status placed in `unit` (sort keys `<unit>/#…`) or, `withGrids`, in the unit and its
 * grids (`<unit>/<grid>/#…`), with only the fields scoring reads.
 */
export async function workersForScoring(
  store: Store,
  unit: string,
  status: 'active' | 'exited',
  withGrids: boolean,
): Promise<WorkerRecord[]> {
  const items = await store.queryAll({
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
  return items.map(toWorker);
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
): Promise<void> {
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
