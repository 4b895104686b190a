import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { statsIncrements } from '#shared/db/entities/stats.ts';
import type { TrainingEventRecord } from '#shared/db/entities/training.ts';
import { newId } from '#shared/db/ids.ts';
import type { Store } from '#shared/db/store.ts';
import { trainingEvents } from '#shared/db/training.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import type { OrgUnit } from '#shared/domain/org-units.ts';
import { type StatsCounters, tally, trainingEventsCounter } from '#shared/domain/stats-counters.ts';
import { hoursToMinutes, type TrainingLevel } from '#shared/domain/training.ts';
import { notFound, unprocessable } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { policyAt } from '#shared/usecases/policies.ts';

export interface CreateTrainingEventInput {
  title: string;
  level: TrainingLevel;
  date: string;
  hours: number;
  org: string;
  location?: string | null | undefined;
  description?: string | null | undefined;
}

/** Today in Beijing: events are held, and attendance recorded, by the Shanghai calendar. */
export const today = (ctx: RequestContext) => shanghaiDate(ctx.now);

export async function loadTrainingEvent(store: Store, id: string): Promise<TrainingEventRecord> {
  const event = await trainingEvents.get(store, id);
  if (!event) throw notFound('training event', id);
  return event;
}

/** The stats counters an event adds (`sign` 1) to its unit's year, or takes back (−1). */
export function eventCounters(event: Pick<TrainingEventRecord, 'level'>, sign: 1 | -1): StatsCounters {
  return tally(
    ['training_events', sign],
    [trainingEventsCounter(event.level), sign],
    ...(event.level === 'community' ? [['micro_classrooms', sign] as const] : []),
  );
}

/** A `level` event is organised by a unit of that level (422 LEVEL_MISMATCH otherwise). */
export function mustOrganiseAtItsLevel(unit: Pick<OrgUnit, 'id' | 'level'>, level: TrainingLevel) {
  if (unit.level !== level) {
    throw unprocessable(
      'LEVEL_MISMATCH',
      `A ${level}-level event is organised by a ${level}, and ${unit.id} is a ${unit.level}`,
      { level, orgLevel: unit.level },
    );
  }
}

/** The training policy in force at `org` on `date`, which must recognise `level` (422 LEVEL_NOT_IN_POLICY). */
export async function policyWithLevel(store: Store, org: string, date: string, level: TrainingLevel) {
  const policy = await policyAt(store, org, 'training', date);
  if (!policy.document.levels.includes(level)) {
    throw unprocessable('LEVEL_NOT_IN_POLICY', `The training policy has no ${level} level`, {
      level,
      levels: policy.document.levels,
      policyVersion: policy.version,
    });
  }
  return policy;
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
  mustOrganiseAtItsLevel(await loadOrgUnit(store, input.org), input.level);
  const policy = await policyWithLevel(store, input.org, input.date, input.level);
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
      trainingEvents.create(event),
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
  return trainingEvents.pageOfSubtreeYear(
    store,
    { org: query.org, year: String(query.year), level: query.level },
    query.cursor,
    query.limit ?? 50,
  );
}
