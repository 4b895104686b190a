import { rootOf } from '#shared/domain/org-paths.ts';
import type { TrainingLevel } from '#shared/domain/training.ts';
import { withoutKeys } from '#shared/db/items.ts';

/** A training event (培训): a class at one of four levels, organised by an org unit. */
export interface TrainingEventRecord {
  id: string;
  title: string;
  level: TrainingLevel;
  /** The day it was held (Shanghai calendar date). */
  date: string;
  hours: number;
  /** `hours` as integer minutes (sums never drift). */
  minutes: number;
  /** The organising org unit; its level matches `level` (a community holds micro-classrooms). */
  org: string;
  location: string | null;
  description: string | null;
  /** Person-times (人次) recorded so far. */
  attendees: number;
  policyVersion: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One worker's attendance at one event: the item that gives them hours. */
export interface AttendanceRecord {
  workerId: string;
  eventId: string;
  date: string;
  level: TrainingLevel;
  title: string;
  /** Hours credited (the event's hours unless the row gave fewer, e.g. left early). */
  hours: number;
  minutes: number;
  eventOrg: string;
  workerOrg: string;
  /** The request that recorded it (a multi-transaction batch compensates by this id). */
  batchId: string;
  recordedAt: string;
}

export const trainingEventKeys = {
  /** GetItem by id. */
  key: (id: string) => ({ pk: `TRAINING-EVENT#${id}`, sk: 'EVENT' }),
  /**
   * ByCollection partition: a city's events of one year, sorted by organising org path then date,
   * so "events of a subtree in a year" is one Query over the `<org>/` key range (`subtreeQuery`).
   */
  byYear: (org: string, year: string) => `TRAINING-EVENTS#${rootOf(org)}#${year}`,
  /** `<org>/#<date>#<id>`: the `/#` keeps `qth/x` from matching `qth/xi`. */
  sort: (org: string, date: string, id: string) => `${org}/#${date}#${id}`,
};

export const attendanceKeys = {
  /**
   * In the worker's partition, sorted by date: a worker's year (plus the ISO-week overhang) is ONE
   * Query `pk = WORKER#<id> AND sk BETWEEN TRAINING#<from> AND TRAINING#<to>~`. The event id in the
   * key makes "same worker twice at one event" a failed `attribute_not_exists` condition.
   */
  key: (workerId: string, date: string, eventId: string) => ({
    pk: `WORKER#${workerId}`,
    sk: `TRAINING#${date}#${eventId}`,
  }),
  /** Sort-key bounds of a date range (inclusive) in a worker's partition. */
  range: (from: string, to: string) => ({ from: `TRAINING#${from}`, to: `TRAINING#${to}~` }),
  /** ByCollection partition: an event's attendance list, by worker id. */
  byEvent: (eventId: string) => `ATTENDANCE#${eventId}`,
  /**
   * ByRelation partition: a city's attendances of one training period, so a unit's hours for a
   * year are a few Queries over the subtree's key range (`trainedSort`). ISO weeks overhang the
   * calendar year by up to three days each side, so the six days around New Year (29 December to
   * 3 January) have partitions of their own (`<y>/<y+1>`) and a year's hours with its weekly
   * study are three Queries (`trainingPeriodsOf`), none reading more than the days it needs.
   */
  byTrainingPeriod: (org: string, period: string) => `TRAINED#${rootOf(org)}#${period}`,
  /** `<worker org>/#<worker id>#<date>#<event>`: a subtree is the range `<org>/`…`<org>/\uffff`. */
  trainedSort: (a: Pick<AttendanceRecord, 'workerOrg' | 'workerId' | 'date' | 'eventId'>) =>
    `${a.workerOrg}/#${a.workerId}#${a.date}#${a.eventId}`,
};

/** The training period an attendance date falls in: `2026`, or `2025/2026` for 29 Dec 2025–3 Jan 2026. */
export function trainingPeriodOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (monthDay >= '12-29') return `${year}/${year + 1}`;
  if (monthDay <= '01-03') return `${year - 1}/${year}`;
  return String(year);
}

/** The periods holding every attendance a year's hours and weekly study read (ISO overhang included). */
export function trainingPeriodsOf(year: number): string[] {
  return [`${year - 1}/${year}`, String(year), `${year}/${year + 1}`];
}

export function trainingEventItem(event: TrainingEventRecord) {
  return {
    ...trainingEventKeys.key(event.id),
    type: 'training-event',
    gsi1pk: trainingEventKeys.byYear(event.org, event.date.slice(0, 4)),
    gsi1sk: trainingEventKeys.sort(event.org, event.date, event.id),
    ...event,
  };
}

export function attendanceItem(attendance: AttendanceRecord) {
  return {
    ...attendanceKeys.key(attendance.workerId, attendance.date, attendance.eventId),
    type: 'training-attendance',
    gsi1pk: attendanceKeys.byEvent(attendance.eventId),
    gsi1sk: attendance.workerId,
    gsi2pk: attendanceKeys.byTrainingPeriod(attendance.workerOrg, trainingPeriodOf(attendance.date)),
    gsi2sk: attendanceKeys.trainedSort(attendance),
    ...attendance,
  };
}

export function toTrainingEvent(item: Record<string, unknown>): TrainingEventRecord {
  return withoutKeys<TrainingEventRecord>(item, { location: null, description: null, attendees: 0 });
}

export function toAttendance(item: Record<string, unknown>): AttendanceRecord {
  return withoutKeys<AttendanceRecord>(item);
}
