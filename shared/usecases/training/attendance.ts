import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import { statsIncrements } from '#shared/db/entities/stats.ts';
import type { AttendanceRecord, TrainingEventRecord } from '#shared/db/entities/training.ts';
import { type StepGroup, transactAllOrNothing } from '#shared/db/steps.ts';
import { MAX_TRANSACTION_ITEMS, type Store, type WriteOp } from '#shared/db/store.ts';
import { attendances, trainingEvents } from '#shared/db/training.ts';
import { workers as workerRecords } from '#shared/db/workers.ts';
import { attendanceRefusal, hoursToMinutes } from '#shared/domain/training.ts';
import { badRequest, conflict, notFound, unprocessable } from '#shared/errors.ts';
import { getTrainingEvent, loadTrainingEvent, today } from './events.ts';

/** Durable batch kind of an attendance upload bigger than one transaction (shared/db/batches.ts). */
const ATTENDANCE_BATCH = 'training-attendance';

/** Most attendees one request may record (a city class of ~270 fits with room to spare). */
export const MAX_ATTENDANCE_ROWS = 1000;
/**
 * Attendance items per transaction: 100 minus the event update, the stats counters of the
 * organising unit and its ancestors (≤ 5), one audit entry and the idempotency marker.
 */
export const ATTENDANCE_CHUNK = MAX_TRANSACTION_ITEMS - 10;

export interface AttendanceRow {
  workerId: string;
  hours?: number | undefined;
}

/** Who attended an event (HR of the organising unit's subtree). */
export async function listAttendance(
  store: Store,
  ctx: RequestContext,
  id: string,
  cursor?: string,
  limit = 200,
) {
  const event = await getTrainingEvent(store, ctx, id);
  const page = await attendances.pageOfEvent(store, event.id, cursor, limit);
  return {
    eventId: event.id,
    attendees: event.attendees,
    // The event's own fields are on the event; the list carries each attendee's line.
    items: page.items.map(({ workerId, workerOrg, hours, recordedAt }) => ({
      workerId,
      workerOrg,
      hours,
      recordedAt,
    })),
    cursor: page.cursor,
  };
}

/**
 * Records a batch of attendances, all or nothing.
 *
 * Everything is checked before anything is written: rows listed twice (400), hours beyond the
 * event's (400), workers unknown to the caller or not on duty on the event date (422, listed),
 * workers already recorded for this event (409, listed). Then the attendance items are written with
 * `attribute_not_exists` conditions, the event's person-times and the stats counters in the same
 * transaction. A batch larger than one transaction (`ATTENDANCE_CHUNK` attendees) is written in
 * chunks, each self-consistent (its items, counters and audit entry together), as a durable batch:
 * if a later chunk fails (a concurrent recording of the same worker, throttling) the chunks already
 * written are deleted again (conditioned on this batch's id) and their counters taken back, so the
 * caller sees nothing partial; should the process die between chunks, a retry with the same
 * Idempotency-Key, the recovery job or HR finish or undo it.
 */
export async function recordAttendance(
  store: Store,
  ctx: RequestContext,
  id: string,
  rows: AttendanceRow[],
  /** dryRun: every check above, nothing written; the answer is what would be recorded. */
  options: { dryRun?: boolean } = {},
) {
  const event = await loadTrainingEvent(store, id);
  authorize(ctx.actor, 'training:manage', { org: event.org }, { what: 'training event', id: event.id });
  // A retry of an upload that a crash interrupted: finish it (or learn why it was rolled back).
  const resumed = options.dryRun ? undefined : await resumeRequestBatch(store, ctx, ATTENDANCE_BATCH);
  if (resumed?.result !== undefined) {
    const result = resumed.result as Omit<AttendanceRecorded, 'attendees'>;
    return { ...result, attendees: (await loadTrainingEvent(store, result.eventId)).attendees };
  }
  if (event.date > today(ctx)) {
    throw unprocessable('EVENT_NOT_HELD_YET', `The event is on ${event.date}; record attendance after it`, {
      date: event.date,
      today: today(ctx),
    });
  }
  if (rows.length > MAX_ATTENDANCE_ROWS) {
    throw badRequest(
      `At most ${MAX_ATTENDANCE_ROWS} attendees per request`,
      { rows: rows.length },
      'VALIDATION_FAILED',
    );
  }

  const invalid: { row: number; workerId: string; path: string; message: string }[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 1;
    const seen = firstRow.get(r.workerId);
    if (seen !== undefined) {
      invalid.push({
        row,
        workerId: r.workerId,
        path: 'workerId',
        message: `listed twice (first on row ${seen})`,
      });
    } else firstRow.set(r.workerId, row);
    if (r.hours !== undefined && hoursToMinutes(r.hours) > event.minutes) {
      invalid.push({
        row,
        workerId: r.workerId,
        path: 'hours',
        message: `more than the event's ${event.hours} hours`,
      });
    }
  });
  if (invalid.length > 0) {
    throw badRequest(
      `${new Set(invalid.map((f) => f.row)).size} row(s) are invalid; nothing was saved`,
      invalid,
      'VALIDATION_FAILED',
    );
  }

  const workers = await workerRecords.getMany(
    store,
    rows.map((r) => r.workerId),
  );
  const refused: { row: number; workerId: string; reason: string }[] = [];
  rows.forEach((r, i) => {
    const reason = attendanceRefusal(workers.get(r.workerId), ctx.actor.org, event.date);
    if (reason) refused.push({ row: i + 1, workerId: r.workerId, reason });
  });
  if (refused.length > 0) {
    throw unprocessable(
      'UNKNOWN_WORKERS',
      `${refused.length} worker(s) can't be recorded for this event; nothing was saved`,
      refused,
    );
  }

  const existing = await attendances.ofWorkersAt(
    store,
    event,
    rows.map((r) => r.workerId),
  );
  if (existing.length > 0) {
    const already = new Map(existing.map((a) => [a.workerId, a.recordedAt]));
    throw conflict(
      'ALREADY_RECORDED',
      `${already.size} worker(s) are already recorded for this event; nothing was saved`,
      rows.flatMap((r, i) =>
        already.has(r.workerId)
          ? [{ row: i + 1, workerId: r.workerId, recordedAt: already.get(r.workerId) }]
          : [],
      ),
    );
  }

  const now = ctx.now.toISOString();
  const records: AttendanceRecord[] = rows.map((r) => {
    const hours = r.hours ?? event.hours;
    return {
      workerId: r.workerId,
      eventId: event.id,
      date: event.date,
      level: event.level,
      title: event.title,
      hours,
      minutes: hoursToMinutes(hours),
      eventOrg: event.org,
      workerOrg: workers.get(r.workerId)!.org,
      batchId: ctx.requestId,
      recordedAt: now,
    };
  });
  if (options.dryRun) {
    return {
      eventId: event.id,
      recorded: 0,
      attendees: event.attendees,
      items: records.map(({ workerId, hours }) => ({ workerId, hours })),
    };
  }
  const chunks: AttendanceRecord[][] = [];
  for (let i = 0; i < records.length; i += ATTENDANCE_CHUNK)
    chunks.push(records.slice(i, i + ATTENDANCE_CHUNK));

  // Each chunk is one step group (its items, the event's person-times, the counters, its audit
  // entry) with the ops that undo it; more than one chunk is a durable batch.
  const items = records.map(({ workerId, hours }) => ({ workerId, hours }));
  const groups: StepGroup[] = chunks.map((chunk, i) => ({
    ops: attendanceChunkOps(event, chunk, ctx, 1),
    audit: [
      {
        entity: `training-event:${event.id}`,
        org: event.org,
        action: 'training.attendance-recorded',
        after: {
          part: chunks.length > 1 ? `${i + 1}/${chunks.length}` : undefined,
          attendees: chunk.map((a) => ({ workerId: a.workerId, hours: a.hours })),
        },
      },
    ],
    undo: {
      ops: attendanceChunkOps(event, chunk, ctx, -1),
      audit: [
        {
          entity: `training-event:${event.id}`,
          org: event.org,
          action: 'training.attendance-rolled-back',
          after: { workerIds: chunk.map((a) => a.workerId) },
        },
      ],
    },
  }));
  const result: Omit<AttendanceRecorded, 'attendees'> = {
    eventId: event.id,
    recorded: records.length,
    items,
  };
  await transactAllOrNothing(
    store,
    ctx,
    groups,
    { ops: [], audit: [] },
    { kind: ATTENDANCE_BATCH, org: event.org, subject: `training-event:${event.id}`, result },
  );
  const after = await loadTrainingEvent(store, event.id);
  return { ...result, attendees: after.attendees };
}

/** What recording attendance answers (and a retry of it, from its batch). */
interface AttendanceRecorded {
  eventId: string;
  recorded: number;
  attendees: number;
  items: { workerId: string; hours: number }[];
}

/** The writes of one chunk (`sign` 1) or of its undoing (`sign` −1). */
function attendanceChunkOps(
  event: TrainingEventRecord,
  chunk: AttendanceRecord[],
  ctx: RequestContext,
  sign: 1 | -1,
): WriteOp[] {
  const minutes = chunk.reduce((sum, a) => sum + a.minutes, 0);
  const items: WriteOp[] = chunk.map((a) =>
    sign === 1
      ? attendances.record(a, () =>
          conflict(
            'ALREADY_RECORDED',
            `Worker ${a.workerId} was recorded for this event meanwhile; nothing was saved`,
            [{ workerId: a.workerId }],
          ),
        )
      : attendances.unrecord(a),
  );
  return [
    ...items,
    trainingEvents.addAttendees(event, sign * chunk.length, ctx.now.toISOString(), () =>
      conflict(
        'VERSION_MISMATCH',
        `Training event ${event.id} was removed or corrected meanwhile; reload and retry`,
      ),
    ),
    ...statsIncrements(event.org, event.date.slice(0, 4), {
      training_person_times: sign * chunk.length,
      training_minutes: sign * minutes,
    }),
  ];
}

/** Removes one worker's attendance (recorded in error): their hours and the stats follow. */
export async function removeAttendance(store: Store, ctx: RequestContext, id: string, workerId: string) {
  const event = await loadTrainingEvent(store, id);
  authorize(ctx.actor, 'training:manage', { org: event.org }, { what: 'training event', id: event.id });
  const record = await attendances.get(store, event, workerId);
  if (!record) throw notFound('attendance', `${id}/${workerId}`);
  await store.transact(
    ctx,
    [
      attendances.remove(record, () =>
        conflict('VERSION_MISMATCH', `Attendance of ${workerId} changed meanwhile; reload and retry`),
      ),
      trainingEvents.removeAttendee(event, ctx.now.toISOString(), () =>
        conflict('VERSION_MISMATCH', `Training event ${id} changed meanwhile; reload and retry`),
      ),
      ...statsIncrements(event.org, event.date.slice(0, 4), {
        training_person_times: -1,
        training_minutes: -record.minutes,
      }),
    ],
    [
      {
        entity: `training-event:${event.id}`,
        org: event.org,
        action: 'training.attendance-removed',
        before: { workerId, hours: record.hours, recordedAt: record.recordedAt },
      },
      {
        entity: `worker:${workerId}`,
        org: record.workerOrg,
        action: 'training.attendance-removed',
        before: { eventId: event.id, date: event.date, hours: record.hours },
      },
    ],
  );
  const after = await loadTrainingEvent(store, event.id);
  return { eventId: event.id, workerId, removedHours: record.hours, attendees: after.attendees };
}
