import {
  type AttendanceRecord,
  attendanceItem,
  attendanceKeys,
  trainingPeriodsOf,
  type TrainingEventRecord,
  toAttendance,
  toTrainingEvent,
  trainingEventItem,
  trainingEventKeys,
} from '#shared/db/entities/training.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { type Item, type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { addDays } from '#shared/domain/dates.ts';
import type { TrainingLevel } from '#shared/domain/training.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * The training aggregate's reads and writes (events and their attendance; keys and items in
 * `entities/training.ts`): named operations the use-cases (`usecases/training/`) compose instead
 * of writing expressions or keys.
 */
export const trainingEvents = {
  /** One GetItem. */
  async get(store: Store, id: string): Promise<TrainingEventRecord | undefined> {
    const item = await store.get(trainingEventKeys.key(id));
    return item && toTrainingEvent(item);
  },

  /** Every event of a subtree in a year, by organising unit and date (ByCollection, the subtree's key range). */
  async allOfSubtreeYear(store: Store, org: string, year: string): Promise<TrainingEventRecord[]> {
    return (await store.queryAll(subtreeQuery(trainingEventKeys.byYear(org, year), org))).map(
      toTrainingEvent,
    );
  },

  /**
   * A page of a subtree's events of a year, optionally of one level (a filter: levels are few and
   * mixed in a subtree). The unit's own events sort as `<org>/#…`, its descendants' as
   * `<org>/<child>…`: one key range.
   */
  async pageOfSubtreeYear(
    store: Store,
    query: { org: string; year: string; level?: TrainingLevel | undefined },
    cursor?: string,
    limit = 50,
  ): Promise<Page<TrainingEventRecord>> {
    const page = await store.queryPage(
      subtreeQuery(trainingEventKeys.byYear(query.org, query.year), query.org, {
        Limit: limit,
        ...(query.level
          ? {
              FilterExpression: '#level = :level',
              ExpressionAttributeNames: { '#level': 'level' },
              ExpressionAttributeValues: { ':level': query.level },
            }
          : {}),
      }),
      cursor,
    );
    return { items: page.items.map(toTrainingEvent), cursor: page.cursor };
  },

  /** A new event. */
  create(event: TrainingEventRecord): WriteOp {
    return { Put: { Item: trainingEventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } };
  },

  /**
   * The corrected event, if it is still at the version read with as many attendees as were read:
   * the attendee count rides on the version (a concurrent recording bumps neither), so both are guarded.
   */
  replace(
    updated: TrainingEventRecord,
    read: { version: number; attendees: number },
    onChanged: () => AppError,
  ): WriteOp {
    return {
      Put: {
        Item: trainingEventItem(updated),
        ConditionExpression: 'version = :expected AND attendees = :attendees',
        ExpressionAttributeValues: { ':expected': read.version, ':attendees': read.attendees },
      },
      onConditionFailed: onChanged,
    };
  },

  /**
   * `n` more (or, negative, fewer) person-times on an event that still exists on the date read:
   * the date is in the attendance keys, so a correction moving the event meanwhile must not slip by.
   */
  addAttendees(
    event: Pick<TrainingEventRecord, 'id' | 'date'>,
    n: number,
    now: string,
    onChanged: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: trainingEventKeys.key(event.id),
        UpdateExpression: 'ADD attendees :n SET updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND #date = :date',
        ExpressionAttributeNames: { '#date': 'date' },
        ExpressionAttributeValues: { ':n': n, ':now': now, ':date': event.date },
      },
      onConditionFailed: onChanged,
    };
  },

  /** One person-time fewer, on an event still on the date read (the attendance key holds it) with one to take. */
  removeAttendee(
    event: Pick<TrainingEventRecord, 'id' | 'date'>,
    now: string,
    onChanged: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: trainingEventKeys.key(event.id),
        UpdateExpression: 'ADD attendees :minusOne SET updatedAt = :now',
        ConditionExpression: '#date = :date AND attendees >= :one',
        ExpressionAttributeNames: { '#date': 'date' },
        ExpressionAttributeValues: { ':minusOne': -1, ':one': 1, ':now': now, ':date': event.date },
      },
      onConditionFailed: onChanged,
    };
  },
};

export const attendances = {
  /** One worker's attendance at an event (one GetItem: the key holds the worker, the event's date and id). */
  async get(
    store: Store,
    event: Pick<TrainingEventRecord, 'id' | 'date'>,
    workerId: string,
  ): Promise<AttendanceRecord | undefined> {
    const item = await store.get(attendanceKeys.key(workerId, event.date, event.id));
    return item && toAttendance(item);
  },

  /** Which of these workers are recorded for the event already (BatchGetItem of their attendance keys). */
  async ofWorkersAt(
    store: Store,
    event: Pick<TrainingEventRecord, 'id' | 'date'>,
    workerIds: readonly string[],
  ): Promise<AttendanceRecord[]> {
    const items = await store.batchGet(workerIds.map((id) => attendanceKeys.key(id, event.date, event.id)));
    return items.map(toAttendance);
  },

  /** Every attendance item of an event (ByCollection `ATTENDANCE#<event>`). */
  async ofEvent(store: Store, eventId: string): Promise<AttendanceRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': attendanceKeys.byEvent(eventId) },
    });
    return items.map(toAttendance);
  },

  /** A page of an event's attendance list, by worker id (ByCollection `ATTENDANCE#<event>`). */
  async pageOfEvent(
    store: Store,
    eventId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<AttendanceRecord>> {
    const page = await store.queryPage(
      {
        IndexName: tableDefinition.indexes.byCollection.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': attendanceKeys.byEvent(eventId) },
        Limit: limit,
      },
      cursor,
    );
    return { items: page.items.map(toAttendance), cursor: page.cursor };
  },

  /**
   * A worker's attendances a year's hours and weekly study need: one Query of the worker's
   * partition, the year plus three days each side (ISO weeks of a year may start on 29 December of
   * the year before and end on 3 January after).
   */
  async ofWorkerTrainingYear(store: Store, workerId: string, year: number): Promise<AttendanceRecord[]> {
    const range = attendanceKeys.range(trainingYearStart(year), addDays(`${year}-12-31`, 3));
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': workerKeys.key(workerId).pk, ':from': range.from, ':to': range.to },
    });
    return items.map(toAttendance);
  },

  /**
   * A subtree's attendances that a year's hours and weekly study need: one Query per training
   * period (`trainingPeriodsOf`: the year and the six days around each New Year), each over the
   * subtree's key range of ByRelation. Attendances are filed under the unit the worker served in
   * when they were recorded: a worker who moved in during the year has the earlier ones elsewhere
   * (see `unitTrainingHours`).
   */
  async ofSubtreeYear(store: Store, org: string, year: number): Promise<AttendanceRecord[]> {
    const periods = await Promise.all(
      trainingPeriodsOf(year).map((period) =>
        store.queryAll({
          IndexName: tableDefinition.indexes.byRelation.name,
          KeyConditionExpression: 'gsi2pk = :period AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':period': attendanceKeys.byTrainingPeriod(org, period),
            ':from': `${org}/`,
            ':to': `${org}/\uffff`,
          },
        }),
      ),
    );
    return periods.flat().map(toAttendance);
  },

  /** A new attendance, only if the worker is not recorded for the event yet. */
  record(attendance: AttendanceRecord, onAlreadyRecorded: () => AppError): WriteOp {
    return {
      Put: { Item: attendanceItem(attendance), ConditionExpression: 'attribute_not_exists(pk)' },
      onConditionFailed: onAlreadyRecorded,
    };
  },

  /**
   * Undo of `record` in a durable batch: deletes the attendance only if this batch wrote it
   * (`batchId`), so it is safe to run minutes later.
   */
  unrecord(attendance: Pick<AttendanceRecord, 'workerId' | 'date' | 'eventId' | 'batchId'>): WriteOp {
    return {
      Delete: {
        Key: attendanceKeys.key(attendance.workerId, attendance.date, attendance.eventId),
        ConditionExpression: 'batchId = :batch',
        ExpressionAttributeValues: { ':batch': attendance.batchId },
      },
    };
  },

  /** Removes an attendance recorded in error, if it is the one read (same `recordedAt`). */
  remove(
    attendance: Pick<AttendanceRecord, 'workerId' | 'date' | 'eventId' | 'recordedAt'>,
    onChanged: () => AppError,
  ): WriteOp {
    return {
      Delete: {
        Key: attendanceKeys.key(attendance.workerId, attendance.date, attendance.eventId),
        ConditionExpression: 'recordedAt = :recordedAt',
        ExpressionAttributeValues: { ':recordedAt': attendance.recordedAt },
      },
      onConditionFailed: onChanged,
    };
  },

  /**
   * An attendance rewritten after its event was corrected: in place if the date stayed (the item
   * must still exist), else the item under the old date (which must still exist) deleted and the
   * corrected one written under the new date (its key holds the date).
   */
  rewrite(corrected: AttendanceRecord, previousDate: string, onChanged: () => AppError): WriteOp[] {
    const dateMoved = corrected.date !== previousDate;
    return [
      ...(dateMoved
        ? [
            {
              Delete: {
                Key: attendanceKeys.key(corrected.workerId, previousDate, corrected.eventId),
                ConditionExpression: 'attribute_exists(pk)',
              },
              onConditionFailed: onChanged,
            } satisfies WriteOp,
          ]
        : []),
      {
        Put: {
          Item: attendanceItem(corrected),
          ...(dateMoved ? {} : { ConditionExpression: 'attribute_exists(pk)' }),
        },
        onConditionFailed: onChanged,
      },
    ];
  },
};

/** The first day whose attendances a year's hours read: ISO weeks overhang New Year by up to three days. */
export const trainingYearStart = (year: number): string => addDays(`${year}-01-01`, -3);

/** The active workers of a subtree whose hours a unit's list shows, in org-path order (ByCollection). */
export async function activeWorkersOf(store: Store, org: string): Promise<WorkerRecord[]> {
  const items = await store.queryAll(subtreeQuery(workerKeys.byStatus(org, 'active'), org));
  return items.map(toWorker);
}

/** A worker's place in `activeWorkersOf`'s order (its sort key there), which a list's cursor names. */
export const activeWorkerOrder = (worker: Pick<WorkerRecord, 'org' | 'id'>): string =>
  workerKeys.orgSort(worker.org, worker.id);

/** A worker's training attendances of a year (their hours and exact minutes only), for scoring. */
export function attendancesInYear(store: Store, workerId: string, year: string): Promise<Item[]> {
  const { from, to } = attendanceKeys.range(`${year}-01-01`, `${year}-12-31`);
  return store.queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': workerKeys.key(workerId).pk, ':from': from, ':to': to },
    ProjectionExpression: 'hours, minutes',
  });
}
