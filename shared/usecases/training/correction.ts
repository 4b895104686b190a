import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { batchStatsIncrements } from '#shared/db/entities/stats.ts';
import type { AttendanceRecord, TrainingEventRecord } from '#shared/db/entities/training.ts';
import { MAX_TRANSACTION_ITEMS, type Store, type WriteOp } from '#shared/db/store.ts';
import { attendances, trainingEvents } from '#shared/db/training.ts';
import { workers as workerRecords } from '#shared/db/workers.ts';
import {
  attendanceRefusal,
  correctedAttendanceMinutes,
  hoursToMinutes,
  type TrainingLevel,
} from '#shared/domain/training.ts';
import { conflict, unprocessable } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import {
  eventCounters,
  loadTrainingEvent,
  mustOrganiseAtItsLevel,
  policyWithLevel,
  today,
} from './events.ts';

/** Attendance items one correction may rewrite in its single transaction (a moved date costs two ops each). */
export const EDITABLE_ATTENDANCE_OPS = MAX_TRANSACTION_ITEMS - 20;

export interface UpdateTrainingEventInput {
  title?: string | undefined;
  level?: TrainingLevel | undefined;
  org?: string | undefined;
  date?: string | undefined;
  hours?: number | undefined;
  expectedVersion: number;
}

/**
 * Corrects an event (title, level with its organising unit, date, hours). The attendance items
 * carry the event's date (in their key), title, level and hours, so each is rewritten; credited
 * hours follow the event's (`correctedAttendanceMinutes`); the stats counters move from the old
 * (unit, year, level, minutes) to the new, all in one version-guarded transaction with the audit
 * entry. Attendees must be on duty on a corrected date.
 */
export async function updateTrainingEvent(
  store: Store,
  ctx: RequestContext,
  id: string,
  input: UpdateTrainingEventInput,
) {
  const event = await loadTrainingEvent(store, id);
  authorize(ctx.actor, 'training:manage', { org: event.org }, { what: 'training event', id: event.id });
  if (event.version !== input.expectedVersion) {
    throw conflict(
      'VERSION_MISMATCH',
      `Training event ${id} is at version ${event.version}, not ${input.expectedVersion}`,
      { version: event.version },
    );
  }
  const org = input.org ?? event.org;
  const level = input.level ?? event.level;
  const date = input.date ?? event.date;
  const hours = input.hours ?? event.hours;
  if (org !== event.org) authorize(ctx.actor, 'training:manage', { org });
  if (org !== event.org || level !== event.level)
    mustOrganiseAtItsLevel(await loadOrgUnit(store, org), level);
  const policy = await policyWithLevel(store, org, date, level);
  const attendance = await attendances.ofEvent(store, event.id);
  const dateMoved = date !== event.date;
  if (attendance.length > 0 && date > today(ctx)) {
    throw unprocessable('EVENT_NOT_HELD_YET', `Attendance is recorded; the event can't move to ${date}`, {
      date,
      today: today(ctx),
    });
  }
  if (attendance.length * (dateMoved ? 2 : 1) > EDITABLE_ATTENDANCE_OPS) {
    throw unprocessable(
      'EVENT_TOO_LARGE_TO_EDIT',
      `An event with ${attendance.length} attendees can't be corrected in one step; remove attendance and record it again`,
      { attendees: attendance.length, max: Math.floor(EDITABLE_ATTENDANCE_OPS / (dateMoved ? 2 : 1)) },
    );
  }
  if (dateMoved && attendance.length > 0) {
    const workers = await workerRecords.getMany(
      store,
      attendance.map((a) => a.workerId),
    );
    const refused = attendance.flatMap((a) => {
      const reason = attendanceRefusal(workers.get(a.workerId), ctx.actor.org, date);
      return reason ? [{ workerId: a.workerId, reason }] : [];
    });
    if (refused.length > 0) {
      throw unprocessable(
        'ATTENDEES_NOT_ON_DUTY',
        `${refused.length} attendee(s) were not on duty on ${date}; remove them first`,
        refused,
      );
    }
  }

  const minutes = hoursToMinutes(hours);
  const now = ctx.now.toISOString();
  const updated: TrainingEventRecord = {
    ...event,
    title: input.title ?? event.title,
    level,
    org,
    date,
    hours,
    minutes,
    policyVersion: policy.version,
    updatedAt: now,
    version: event.version + 1,
  };
  const corrected = attendance.map((a): AttendanceRecord => {
    const credited = correctedAttendanceMinutes(a.minutes, event.minutes, minutes);
    return {
      ...a,
      date,
      level,
      title: updated.title,
      eventOrg: org,
      minutes: credited,
      hours: Math.round((credited * 100) / 60) / 100,
    };
  });
  const oldMinutes = attendance.reduce((s, a) => s + a.minutes, 0);
  const newMinutes = corrected.reduce((s, a) => s + a.minutes, 0);
  const before = {
    org: event.org,
    counters: {
      ...eventCounters(event, -1),
      training_person_times: -attendance.length,
      training_minutes: -oldMinutes,
    },
  };
  const after = {
    org,
    counters: {
      ...eventCounters(updated, 1),
      training_person_times: corrected.length,
      training_minutes: newMinutes,
    },
  };
  const oldYear = event.date.slice(0, 4);
  const newYear = date.slice(0, 4);
  const statsOps =
    oldYear === newYear
      ? batchStatsIncrements([before, after], newYear)
      : [...batchStatsIncrements([before], oldYear), ...batchStatsIncrements([after], newYear)];
  const attendanceOps: WriteOp[] = corrected.flatMap((a) =>
    attendances.rewrite(a, event.date, () =>
      conflict('VERSION_MISMATCH', `Attendance of ${a.workerId} changed meanwhile; reload and retry`),
    ),
  );
  await store.transact(
    ctx,
    [
      trainingEvents.replace(updated, { version: event.version, attendees: attendance.length }, () =>
        conflict('VERSION_MISMATCH', `Training event ${id} changed meanwhile; reload and retry`),
      ),
      ...attendanceOps,
      ...statsOps,
    ],
    [
      {
        entity: `training-event:${event.id}`,
        org: event.org,
        action: 'training-event.corrected',
        before: event,
        after: {
          ...updated,
          attendees: corrected.map((a) => ({ workerId: a.workerId, hours: a.hours })),
        },
      },
    ],
  );
  return updated;
}
