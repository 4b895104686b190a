import { authorize } from '#shared/auth/authorize.ts';
import { isWithinSubtree } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import { batchStatsIncrements, statsIncrements } from '#shared/db/entities/stats.ts';
import {
  type AttendanceRecord,
  attendanceItem,
  attendanceKeys,
  type TrainingEventRecord,
  toAttendance,
  toTrainingEvent,
  trainingEventItem,
  trainingEventKeys,
} from '#shared/db/entities/training.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import { type StepGroup, transactAllOrNothing } from '#shared/db/steps.ts';
import { MAX_TRANSACTION_ITEMS, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { addDays, shanghaiDate } from '#shared/domain/dates.ts';
import {
  correctedAttendanceMinutes,
  compliantWeekKeys,
  hoursToMinutes,
  type TrainingLevel,
  trainingLevels,
  trainingSummary,
} from '#shared/domain/training.ts';
import { badRequest, conflict, notFound, unprocessable } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { loadWorker, readableWorkerResource, workerLookup } from '#shared/usecases/workers.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { newId } from '#shared/db/ids.ts';
import { type StatsCounters, tally, trainingEventsCounter } from '#shared/domain/stats-counters.ts';

/** Durable batch kind of an attendance upload bigger than one transaction (shared/db/batches.ts). */
const ATTENDANCE_BATCH = 'training-attendance';

/** Most attendees one request may record (a city class of ~270 fits with room to spare). */
export const MAX_ATTENDANCE_ROWS = 1000;
/**
 * Attendance items per transaction: 100 minus the event update, the stats counters of the
 * organising unit and its ancestors (≤ 5), one audit entry and the idempotency marker.
 */
export const ATTENDANCE_CHUNK = MAX_TRANSACTION_ITEMS - 10;

export interface CreateTrainingEventInput {
  title: string;
  level: TrainingLevel;
  date: string;
  hours: number;
  org: string;
  location?: string | null | undefined;
  description?: string | null | undefined;
}

export interface AttendanceRow {
  workerId: string;
  hours?: number | undefined;
}

const today = (ctx: RequestContext) => shanghaiDate(ctx.now);

export async function loadTrainingEvent(store: Store, id: string): Promise<TrainingEventRecord> {
  const item = await store.get(trainingEventKeys.key(id));
  if (!item) throw notFound('training event', id);
  return toTrainingEvent(item);
}

/**
 * HR officers create events for their own unit or one inside their subtree. The event's level is
 * the organising unit's level (a street holds street-level training, a community its micro-
 * classrooms), and must be one the training policy recognises.
 */
export async function createTrainingEvent(
  store: Store,
  ctx: RequestContext,
  input: CreateTrainingEventInput,
) {
  authorize(ctx.actor, 'training:manage', { org: input.org });
  const unit = await loadOrgUnit(store, input.org);
  if (unit.level !== input.level) {
    throw unprocessable(
      'LEVEL_MISMATCH',
      `A ${input.level}-level event is organised by a ${input.level}, and ${unit.id} is a ${unit.level}`,
      { level: input.level, orgLevel: unit.level },
    );
  }
  const policy = await policyAt(store, input.org, 'training', input.date);
  if (!policy.document.levels.includes(input.level)) {
    throw unprocessable('LEVEL_NOT_IN_POLICY', `The training policy has no ${input.level} level`, {
      level: input.level,
      levels: policy.document.levels,
      policyVersion: policy.version,
    });
  }
  const now = ctx.now.toISOString();
  const event: TrainingEventRecord = {
    id: newId('te'),
    title: input.title,
    level: input.level,
    date: input.date,
    hours: input.hours,
    minutes: hoursToMinutes(input.hours),
    org: input.org,
    location: input.location ?? null,
    description: input.description ?? null,
    attendees: 0,
    policyVersion: policy.version,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await store.transact(
    ctx,
    [
      { Put: { Item: trainingEventItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...statsIncrements(event.org, event.date.slice(0, 4), eventCounters(event, 1)),
    ],
    [
      {
        entity: `training-event:${event.id}`,
        org: event.org,
        action: 'training-event.created',
        after: event,
      },
    ],
  );
  return event;
}

export async function getTrainingEvent(store: Store, ctx: RequestContext, id: string) {
  const event = await loadTrainingEvent(store, id);
  authorize(ctx.actor, 'training:manage', { org: event.org }, { what: 'training event', id: event.id });
  return event;
}

/** A year's events organised inside `org`'s subtree (one Query), optionally of one level. */
export async function listTrainingEvents(
  store: Store,
  ctx: RequestContext,
  query: { org: string; year: number; level?: TrainingLevel | undefined; cursor?: string; limit?: number },
) {
  authorize(ctx.actor, 'training:manage', { org: query.org });
  // The unit's own events sort as `<org>/#…`, its descendants' as `<org>/<child>…`: one prefix.
  const page = await store.queryPage(
    subtreeQuery(trainingEventKeys.byYear(query.org, String(query.year)), query.org, {
      Limit: query.limit ?? 50,
      ...(query.level
        ? {
            FilterExpression: '#level = :level',
            ExpressionAttributeNames: { '#level': 'level' },
            ExpressionAttributeValues: { ':level': query.level },
          }
        : {}),
    }),
    query.cursor,
  );
  return { items: page.items.map(toTrainingEvent), cursor: page.cursor };
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
  const page = await store.queryPage(
    {
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': attendanceKeys.byEvent(event.id) },
      Limit: limit,
    },
    cursor,
  );
  return {
    eventId: event.id,
    attendees: event.attendees,
    // The event's own fields are on the event; the list carries each attendee's line.
    items: page.items.map(toAttendance).map(({ workerId, workerOrg, hours, recordedAt }) => ({
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

  const workers = new Map(
    (await store.batchGet(rows.map((r) => workerKeys.key(r.workerId)))).map((item) => {
      const worker = toWorker(item);
      return [worker.id, worker] as const;
    }),
  );
  const refused: { row: number; workerId: string; reason: string }[] = [];
  rows.forEach((r, i) => {
    const reason = attendanceRefusal(workers.get(r.workerId), ctx, event.date);
    if (reason) refused.push({ row: i + 1, workerId: r.workerId, reason });
  });
  if (refused.length > 0) {
    throw unprocessable(
      'UNKNOWN_WORKERS',
      `${refused.length} worker(s) can't be recorded for this event; nothing was saved`,
      refused,
    );
  }

  const existing = await store.batchGet(
    rows.map((r) => attendanceKeys.key(r.workerId, event.date, event.id)),
  );
  if (existing.length > 0) {
    const already = new Map(existing.map((item) => [item.workerId as string, item.recordedAt as string]));
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

/** Why a worker can't be recorded, or undefined. Unknown and out-of-subtree look alike on purpose. */
function attendanceRefusal(worker: WorkerRecord | undefined, ctx: RequestContext, date: string) {
  if (!worker || !isWithinSubtree(worker.org, ctx.actor.org)) return 'unknown';
  if (worker.hiredOn > date) return 'not-yet-hired';
  if (worker.status !== 'active' && !(worker.exit && worker.exit.effectiveOn > date)) return 'exited';
  return undefined;
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
      ? {
          Put: { Item: attendanceItem(a), ConditionExpression: 'attribute_not_exists(pk)' },
          onConditionFailed: () =>
            conflict(
              'ALREADY_RECORDED',
              `Worker ${a.workerId} was recorded for this event meanwhile; nothing was saved`,
              [{ workerId: a.workerId }],
            ),
        }
      : {
          Delete: {
            Key: attendanceKeys.key(a.workerId, a.date, a.eventId),
            ConditionExpression: 'batchId = :batch',
            ExpressionAttributeValues: { ':batch': a.batchId },
          },
        },
  );
  return [
    ...items,
    {
      Update: {
        Key: trainingEventKeys.key(event.id),
        UpdateExpression: 'ADD attendees :n SET updatedAt = :now',
        // The date is in the attendance keys: a correction moving the event meanwhile must not slip by.
        ConditionExpression: 'attribute_exists(pk) AND #date = :date',
        ExpressionAttributeNames: { '#date': 'date' },
        ExpressionAttributeValues: {
          ':n': sign * chunk.length,
          ':now': ctx.now.toISOString(),
          ':date': event.date,
        },
      },
      onConditionFailed: () =>
        conflict(
          'VERSION_MISMATCH',
          `Training event ${event.id} was removed or corrected meanwhile; reload and retry`,
        ),
    },
    ...statsIncrements(event.org, event.date.slice(0, 4), {
      training_person_times: sign * chunk.length,
      training_minutes: sign * minutes,
    }),
  ];
}

/** The worker's year: hours, attendances, weekly half-day study, progress (no authorisation). */
export async function trainingYear(
  store: Store,
  worker: Pick<WorkerRecord, 'id' | 'org'>,
  year: number,
  asOfToday: string,
) {
  const y = String(year);
  const currentYear = Number(asOfToday.slice(0, 4));
  const policy = await policyAt(
    store,
    worker.org,
    'training',
    asOfToday < `${y}-12-31` ? asOfToday : `${y}-12-31`,
  );
  // ISO weeks of `year` may start on 29 December of the year before and end on 3 January after.
  const range = attendanceKeys.range(addDays(`${y}-01-01`, -3), addDays(`${y}-12-31`, 3));
  const items = (
    await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': `WORKER#${worker.id}`, ':from': range.from, ':to': range.to },
    })
  ).map(toAttendance);
  const summary = trainingSummary(
    items.map((a) => ({ date: a.date, hours: a.hours })),
    y,
    policy.document,
    year >= currentYear ? asOfToday : undefined,
  );
  const inYear = items.filter((a) => a.date.startsWith(`${y}-`));
  const byLevel = Object.fromEntries(
    trainingLevels.map((level) => {
      const of = inYear.filter((a) => a.level === level);
      const minutes = of.reduce((s, a) => s + a.minutes, 0);
      return [level, { attendances: of.length, hours: Math.round((minutes * 100) / 60) / 100 }];
    }),
  ) as Record<TrainingLevel, { attendances: number; hours: number }>;
  const requiredMinutes = hoursToMinutes(policy.document.annualRequiredHours);
  return {
    ...summary,
    year,
    policyVersion: policy.version,
    annualRequiredHours: policy.document.annualRequiredHours,
    weeklyStudyMinHours: policy.document.weeklyStudyMinHours,
    remainingHours: Math.round((Math.max(0, requiredMinutes - summary.totalMinutes) * 100) / 60) / 100,
    compliantWeekKeys: compliantWeekKeys(
      items.map((a) => ({ date: a.date, hours: a.hours })),
      y,
      policy.document,
    ),
    byLevel,
    records: inYear.map((a) => ({
      eventId: a.eventId,
      date: a.date,
      title: a.title,
      level: a.level,
      hours: a.hours,
    })),
  };
}

/** GET /v1/workers/{id}/training and /v1/me/training: HR of the subtree, the worker, their mentor. */
export async function workerTraining(store: Store, ctx: RequestContext, workerId: string, year?: number) {
  const worker = await loadWorker(store, workerId);
  authorize(
    ctx.actor,
    'training:read',
    await readableWorkerResource(store, ctx, worker),
    workerLookup(worker.id),
  );
  const asOf = today(ctx);
  return {
    workerId: worker.id,
    name: worker.name,
    org: worker.org,
    ...(await trainingYear(store, worker, year ?? Number(asOf.slice(0, 4)), asOf)),
  };
}

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

function eventCounters(event: Pick<TrainingEventRecord, 'level'>, sign: 1 | -1): StatsCounters {
  return tally(
    ['training_events', sign],
    [trainingEventsCounter(event.level), sign],
    ...(event.level === 'community' ? [['micro_classrooms', sign] as const] : []),
  );
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
  if (org !== event.org || level !== event.level) {
    const unit = await loadOrgUnit(store, org);
    if (unit.level !== level) {
      throw unprocessable(
        'LEVEL_MISMATCH',
        `A ${level}-level event is organised by a ${level}, and ${unit.id} is a ${unit.level}`,
        { level, orgLevel: unit.level },
      );
    }
  }
  const policy = await policyAt(store, org, 'training', date);
  if (!policy.document.levels.includes(level)) {
    throw unprocessable('LEVEL_NOT_IN_POLICY', `The training policy has no ${level} level`, {
      level,
      levels: policy.document.levels,
      policyVersion: policy.version,
    });
  }
  const attendance = (
    await store.queryAll({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': attendanceKeys.byEvent(event.id) },
    })
  ).map(toAttendance);
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
    const workers = new Map(
      (await store.batchGet(attendance.map((a) => workerKeys.key(a.workerId)))).map((item) => {
        const worker = toWorker(item);
        return [worker.id, worker] as const;
      }),
    );
    const refused = attendance.flatMap((a) => {
      const reason = attendanceRefusal(workers.get(a.workerId), ctx, date);
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
  const attendanceOps: WriteOp[] = corrected.flatMap((a): WriteOp[] => [
    ...(dateMoved
      ? [
          {
            Delete: {
              Key: attendanceKeys.key(a.workerId, event.date, event.id),
              ConditionExpression: 'attribute_exists(pk)',
            },
            onConditionFailed: () =>
              conflict('VERSION_MISMATCH', `Attendance of ${a.workerId} changed meanwhile; reload and retry`),
          } satisfies WriteOp,
        ]
      : []),
    {
      Put: {
        Item: attendanceItem(a),
        ...(dateMoved ? {} : { ConditionExpression: 'attribute_exists(pk)' }),
      },
      onConditionFailed: () =>
        conflict('VERSION_MISMATCH', `Attendance of ${a.workerId} changed meanwhile; reload and retry`),
    },
  ]);
  await store.transact(
    ctx,
    [
      {
        // The attendee count rides on the version: a concurrent recording bumps neither, so guard both.
        Put: {
          Item: trainingEventItem(updated),
          ConditionExpression: 'version = :expected AND attendees = :attendees',
          ExpressionAttributeValues: { ':expected': event.version, ':attendees': attendance.length },
        },
        onConditionFailed: () =>
          conflict('VERSION_MISMATCH', `Training event ${id} changed meanwhile; reload and retry`),
      },
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

/** Removes one worker's attendance (recorded in error): their hours and the stats follow. */
export async function removeAttendance(store: Store, ctx: RequestContext, id: string, workerId: string) {
  const event = await loadTrainingEvent(store, id);
  authorize(ctx.actor, 'training:manage', { org: event.org }, { what: 'training event', id: event.id });
  const item = await store.get(attendanceKeys.key(workerId, event.date, event.id));
  if (!item) throw notFound('attendance', `${id}/${workerId}`);
  const record = toAttendance(item);
  await store.transact(
    ctx,
    [
      {
        Delete: {
          Key: attendanceKeys.key(workerId, event.date, event.id),
          ConditionExpression: 'recordedAt = :recordedAt',
          ExpressionAttributeValues: { ':recordedAt': record.recordedAt },
        },
        onConditionFailed: () =>
          conflict('VERSION_MISMATCH', `Attendance of ${workerId} changed meanwhile; reload and retry`),
      },
      {
        Update: {
          Key: trainingEventKeys.key(event.id),
          UpdateExpression: 'ADD attendees :minusOne SET updatedAt = :now',
          // The event's date is in the attendance key: a concurrent date correction must not slip by.
          ConditionExpression: '#date = :date AND attendees >= :one',
          ExpressionAttributeNames: { '#date': 'date' },
          ExpressionAttributeValues: {
            ':minusOne': -1,
            ':one': 1,
            ':now': ctx.now.toISOString(),
            ':date': event.date,
          },
        },
        onConditionFailed: () =>
          conflict('VERSION_MISMATCH', `Training event ${id} changed meanwhile; reload and retry`),
      },
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
