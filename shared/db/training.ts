import {
  type AttendanceRecord,
  attendanceKeys,
  type TrainingEventRecord,
  toAttendance,
  toTrainingEvent,
  trainingEventKeys,
} from '#shared/db/entities/training.ts';
import { type Store, subtreeQuery } from '#shared/db/store.ts';
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
};
