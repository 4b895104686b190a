import {
  type GradeChangeRecord,
  gradeChangeItem,
  gradeKeys,
  toGradeChange,
} from '#shared/db/entities/grade.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';

/**
 * Pay and grades: a worker's grade history (三岗十八级), kept in the worker's partition beside the
 * worker item (which holds the grade in force today; its update is `workers.changeGrade`). The
 * reads and `WriteOp`s the pay use-cases compose.
 */
export const grades = {
  /** A worker's grade history, oldest first (one Query of the worker's partition). */
  async history(store: Store, workerId: string): Promise<GradeChangeRecord[]> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': gradeKeys.pk(workerId), ':prefix': gradeKeys.prefix },
    });
    return items.map(toGradeChange);
  },

  /** A new history entry (entries are never rewritten). */
  record(record: GradeChangeRecord): WriteOp {
    return { Put: { Item: gradeChangeItem(record), ConditionExpression: 'attribute_not_exists(pk)' } };
  },

  /** Undo of `record` (a durable batch's roll-back). */
  undoRecord(record: Pick<GradeChangeRecord, 'workerId' | 'effectiveOn' | 'seq'>): WriteOp {
    return { Delete: { Key: gradeKeys.key(record.workerId, record.effectiveOn, record.seq) } };
  },
};
