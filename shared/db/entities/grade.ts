import type { GradeChangeReason } from '#shared/domain/pay.ts';
import type { Post } from '#shared/domain/pay.ts';

/**
 * One entry of a worker's grade history (三岗十八级): the post and grade in force from
 * `effectiveOn` until the next entry. Entries are written in the same transaction as the change
 * to the worker item, and never rewritten.
 */
export interface GradeChangeRecord {
  workerId: string;
  effectiveOn: string;
  post: Post;
  grade: number;
  /** The post and grade before the change (null for a hire). */
  from: { post: Post; grade: number } | null;
  reason: GradeChangeReason;
  note: string | null;
  /** What caused it: `promotion:<id>`, `step:<year>`, … */
  ref: string | null;
  /** The worker item's version after the change: orders changes effective on the same day. */
  seq: number;
  recordedAt: string;
  recordedBy: string;
}

export const gradeKeys = {
  /**
   * In the worker's own partition: `Query pk = WORKER#<id> AND begins_with(sk, 'GRADE#')` returns the
   * history in effective order (the grade in force on a date = the last entry effective on or before it).
   */
  key: (workerId: string, effectiveOn: string, seq: number) => ({
    pk: `WORKER#${workerId}`,
    sk: `GRADE#${effectiveOn}#${String(seq).padStart(8, '0')}`,
  }),
  pk: (workerId: string) => `WORKER#${workerId}`,
  prefix: 'GRADE#',
};

export function gradeChangeItem(record: GradeChangeRecord) {
  return {
    ...gradeKeys.key(record.workerId, record.effectiveOn, record.seq),
    type: 'grade-change',
    ...record,
  };
}

export function toGradeChange(item: Record<string, unknown>): GradeChangeRecord {
  return {
    workerId: item.workerId as string,
    effectiveOn: item.effectiveOn as string,
    post: item.post as Post,
    grade: item.grade as number,
    from: (item.from as GradeChangeRecord['from']) ?? null,
    reason: item.reason as GradeChangeReason,
    note: (item.note as string | null) ?? null,
    ref: (item.ref as string | null) ?? null,
    seq: item.seq as number,
    recordedAt: item.recordedAt as string,
    recordedBy: item.recordedBy as string,
  };
}
