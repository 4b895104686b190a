import {
  type AttendanceRecord,
  attendanceKeys,
  trainingPeriodsOf,
  type TrainingEventRecord,
  toAttendance,
  toTrainingEvent,
  trainingEventKeys,
} from '#shared/db/entities/training.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { type Item, type Store, subtreeQuery } from '#shared/db/store.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';

/**
 * The training aggregate's reads and writes (events and their attendance; keys and items in
 * `entities/training.ts`): named operations the use-cases compose instead of writing expressions.
 */
export const trainingEvents = {
  /** Every event of a subtree in a year, by organising unit and date (ByCollection, the subtree's key range). */
  async allOfSubtreeYear(store: Store, org: string, year: string): Promise<TrainingEventRecord[]> {
    return (await store.queryAll(subtreeQuery(trainingEventKeys.byYear(org, year), org))).map(
      toTrainingEvent,
    );
  },
};

export const attendances = {
  /** Every attendance item of an event (ByCollection `ATTENDANCE#<event>`). */
  async ofEvent(store: Store, eventId: string): Promise<AttendanceRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': attendanceKeys.byEvent(eventId) },
    });
    return items.map(toAttendance);
  },

  /**
   * A subtree's attendances that a year's hours and weekly study need: one Query per training
   * period (`trainingPeriodsOf`: the year and the six days around each New Year), each over the
   * subtree's key range of ByRelation. Attendances count under the unit the worker served in when
   * they were recorded.
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
};

/** The active workers of a subtree whose hours a unit's list shows, in org-path order (ByCollection). */
export async function activeWorkersOf(store: Store, org: string): Promise<WorkerRecord[]> {
  const items = await store.queryAll(subtreeQuery(workerKeys.byStatus(org, 'active'), org));
  return items.map(toWorker);
}

/** A worker's training attendances of a year (their hours and exact minutes only), for scoring. */
export function attendancesInYear(store: Store, workerId: string, year: string): Promise<Item[]> {
  const { from, to } = attendanceKeys.range(`${year}-01-01`, `${year}-12-31`);
  return store.queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': workerKeys.key(workerId).pk, ':from': from, ':to': to },
    ProjectionExpression: 'hours, minutes',
  });
}
