import { authorize, can, requireRole } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import {
  type CoachingSessionRecord,
  coachingKeys,
  coachingSessionItem,
  type MentorRecord,
  type MentorshipRecord,
  mentorItem,
  mentorKeys,
  mentorshipItem,
  mentorshipKeys,
  toCoachingSession,
  toMentor,
} from '#shared/db/entities/mentoring.ts';
import { batchStatsIncrements, statsIncrements } from '#shared/db/entities/stats.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { highestCertificate } from '#shared/domain/certificates.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { isWithinPairing, pairingPeriod, type SessionMode, sessionModes } from '#shared/domain/mentoring.ts';
import { conflict, forbidden, notFound, unprocessable } from '#shared/errors.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { retryOnStale, stale } from '#shared/usecases/stale-read.ts';
import { trainingYear } from '#shared/usecases/training.ts';
import {
  loadWorker,
  readableWorkerResource,
  workerResource,
  workerLookup,
} from '#shared/usecases/workers.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { newId } from '#shared/db/ids.ts';
import { mentorships } from '#shared/db/mentoring.ts';
import { coachingModeCounter, type StatsCounters, tally } from '#shared/domain/stats-counters.ts';

const today = (ctx: RequestContext) => shanghaiDate(ctx.now);

export async function loadMentorship(store: Store, id: string): Promise<MentorshipRecord> {
  const mentorship = await mentorships.get(store, id);
  if (!mentorship) throw notFound('mentorship', id);
  return mentorship;
}

const pairingsOfMentor = mentorships.ofMentor;
const pairingsOfMentee = mentorships.ofMentee;

function newMentorRecord(worker: WorkerRecord, ctx: RequestContext, activeMentees: number): MentorRecord {
  const now = ctx.now.toISOString();
  return {
    workerId: worker.id,
    name: worker.name,
    org: worker.org,
    activeMentees,
    totalMentees: activeMentees,
    designatedOn: today(ctx),
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** A worker's mentorIds rewritten under its version (the authorisation facts must stay exact). */
function mentorIdsOp(worker: WorkerRecord, mentorIds: string[], ctx: RequestContext, requireActive: boolean) {
  return {
    Update: {
      Key: workerKeys.key(worker.id),
      UpdateExpression: 'SET mentorIds = :ids, version = version + :one, updatedAt = :now',
      ConditionExpression: requireActive ? 'version = :v AND #status = :active' : 'version = :v',
      ...(requireActive ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: {
        ':ids': mentorIds,
        ':one': 1,
        ':now': ctx.now.toISOString(),
        ':v': worker.version,
        ...(requireActive ? { ':active': 'active' } : {}),
      },
    },
    onConditionFailed: stale,
  } satisfies WriteOp;
}

function closePairingOp(
  m: MentorshipRecord,
  status: 'ended' | 'completed',
  endedOn: string,
  reason: string | null,
  ctx: RequestContext,
) {
  return {
    Update: {
      Key: mentorshipKeys.key(m.id),
      UpdateExpression:
        'SET #status = :status, endedOn = :endedOn, endReason = :reason, updatedAt = :now, version = version + :one',
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':endedOn': endedOn,
        ':reason': reason,
        ':now': ctx.now.toISOString(),
        ':one': 1,
        ':active': 'active',
      },
    },
    onConditionFailed: stale,
  } satisfies WriteOp;
}

/** POST /v1/mentors: HR designate an active worker of their subtree as a mentor (once). */
export async function designateMentor(store: Store, ctx: RequestContext, workerId: string) {
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'mentorship:manage', { org: worker.org });
  if (worker.status !== 'active') {
    throw unprocessable('MENTOR_NOT_ACTIVE', `Worker ${worker.id} is not an active worker`, { workerId });
  }
  const mentor = newMentorRecord(worker, ctx, 0);
  await store.transact(
    ctx,
    [
      {
        Put: { Item: mentorItem(mentor), ConditionExpression: 'attribute_not_exists(pk)' },
        onConditionFailed: () =>
          conflict('ALREADY_MENTOR', `Worker ${worker.id} is already a designated mentor`, { workerId }),
      },
      ...statsIncrements(worker.org, today(ctx).slice(0, 4), { mentors: 1 }),
    ],
    [{ entity: `worker:${worker.id}`, org: worker.org, action: 'mentor.designated', after: mentor }],
  );
  return mentorView(
    mentor,
    (await policyAt(store, worker.org, 'mentoring', today(ctx))).document.maxMenteesPerMentor,
  );
}

function mentorView(mentor: MentorRecord, cap: number) {
  const { version, ...rest } = mentor;
  return { ...rest, cap, freePlaces: Math.max(0, cap - mentor.activeMentees), version };
}

/** GET /v1/mentors?org=: the designated mentors of a subtree (HR). */
export async function listMentors(
  store: Store,
  ctx: RequestContext,
  org: string,
  cursor?: string,
  limit = 50,
) {
  authorize(ctx.actor, 'mentees:read', { org });
  const page = await store.queryPage(subtreeQuery(mentorKeys.byCity(org), org, { Limit: limit }), cursor);
  const cap = (await policyAt(store, org, 'mentoring', today(ctx))).document.maxMenteesPerMentor;
  return { items: page.items.map((i) => mentorView(toMentor(i), cap)), cursor: page.cursor };
}

export interface CreateMentorshipInput {
  mentorId: string;
  menteeId: string;
  startDate?: string | undefined;
  months?: number | undefined;
}

/**
 * POST /v1/mentorships: pair a mentor with a mentee (designating the mentor on their first
 * pairing). The per-mentor cap is an atomic condition on the mentor item's `activeMentees`, so
 * concurrent pairings never overshoot it. A pairing whose period has run out is completed in the
 * same transaction (it no longer takes a place). The mentee's `mentorIds` (what authorisation
 * reads) changes under the worker's version in the same transaction.
 *
 * The period is the mentoring policy's `pairingMonths` (or `months`) from `startDate`, which
 * defaults to today (give the hire date to pair "from hire"); it may not start before the hire.
 */
export async function createMentorship(store: Store, ctx: RequestContext, input: CreateMentorshipInput) {
  if (input.mentorId === input.menteeId) {
    throw unprocessable('SELF_MENTORING', 'A worker cannot mentor themselves', { workerId: input.mentorId });
  }
  return retryOnStale(async () => {
    const items = await store.batchGet([workerKeys.key(input.mentorId), workerKeys.key(input.menteeId)]);
    const mentorWorker = items.map(toWorker).find((w) => w.id === input.mentorId);
    const mentee = items.map(toWorker).find((w) => w.id === input.menteeId);
    if (!mentee) throw notFound('worker', input.menteeId);
    authorize(ctx.actor, 'mentorship:manage', { org: mentee.org });
    if (!mentorWorker) throw notFound('worker', input.mentorId);
    authorize(ctx.actor, 'mentorship:manage', { org: mentorWorker.org });
    if (mentorWorker.status !== 'active') {
      throw unprocessable('MENTOR_NOT_ACTIVE', `Mentor ${mentorWorker.id} is not an active worker`);
    }
    if (mentee.status !== 'active') {
      throw unprocessable('MENTEE_NOT_ACTIVE', `Mentee ${mentee.id} is not an active worker`);
    }
    const now = today(ctx);
    const startDate = input.startDate ?? now;
    if (startDate < mentee.hiredOn) {
      throw unprocessable(
        'START_BEFORE_HIRE',
        `The pairing can't start before the hire on ${mentee.hiredOn}`,
        {
          startDate,
          hiredOn: mentee.hiredOn,
        },
      );
    }
    const policy = await policyAt(store, mentee.org, 'mentoring', now);
    const months = input.months ?? policy.document.pairingMonths;
    const period = pairingPeriod(startDate, { ...policy.document, pairingMonths: months });
    if (period.endDate < now) {
      throw unprocessable(
        'PAIRING_ALREADY_OVER',
        `A pairing from ${startDate} for ${months} months ended on ${period.endDate}`,
        period,
      );
    }
    const cap = policy.document.maxMenteesPerMentor;

    const mentorItemNow = await store.get(mentorKeys.key(mentorWorker.id));
    const mentor = mentorItemNow ? toMentor(mentorItemNow) : undefined;
    const active = (await pairingsOfMentor(store, mentorWorker.id)).filter((m) => m.status === 'active');
    const expired = active.filter((m) => m.endDate < now);
    const same = active.find((m) => m.menteeId === mentee.id && m.endDate >= now);
    if (same) {
      throw conflict('ALREADY_PAIRED', `${mentee.id} is already paired with mentor ${mentorWorker.id}`, {
        mentorshipId: same.id,
      });
    }
    const atCapacity = () =>
      conflict(
        'MENTOR_AT_CAPACITY',
        `Mentor ${mentorWorker.id} already has the maximum of ${cap} current mentees`,
        { mentorId: mentorWorker.id, cap, policyVersion: policy.version },
      );
    if (mentor && mentor.activeMentees - expired.length >= cap) throw atCapacity();

    const record: MentorshipRecord = {
      id: newId('ms'),
      mentorId: mentorWorker.id,
      menteeId: mentee.id,
      mentorOrg: mentorWorker.org,
      menteeOrg: mentee.org,
      startDate: period.startDate,
      endDate: period.endDate,
      months,
      status: 'active',
      endedOn: null,
      endReason: null,
      sessions: 0,
      sessionMinutes: 0,
      policyVersion: policy.version,
      createdAt: ctx.now.toISOString(),
      updatedAt: ctx.now.toISOString(),
      version: 1,
    };

    // mentorIds after the change, per worker touched (a worker may appear in a transaction once).
    const expiredMentees = expired.length
      ? (await store.batchGet(expired.map((m) => workerKeys.key(m.menteeId)))).map(toWorker)
      : [];
    const newIds = new Map<string, { worker: WorkerRecord; ids: string[]; isNew: boolean }>();
    for (const w of expiredMentees) {
      newIds.set(w.id, { worker: w, ids: w.mentorIds.filter((id) => id !== mentorWorker.id), isNew: false });
    }
    const menteeEntry = newIds.get(mentee.id) ?? { worker: mentee, ids: [...mentee.mentorIds], isNew: true };
    if (!menteeEntry.ids.includes(mentorWorker.id)) menteeEntry.ids.push(mentorWorker.id);
    newIds.set(mentee.id, { ...menteeEntry, worker: mentee, isNew: true });

    const ops: WriteOp[] = [
      { Put: { Item: mentorshipItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
      // The mentor must still be active when the pairing commits; bumping their version makes an
      // exit that read their pairings before this one re-read (its update is version-guarded).
      {
        Update: {
          Key: workerKeys.key(mentorWorker.id),
          UpdateExpression: 'SET version = version + :one, updatedAt = :now',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':now': ctx.now.toISOString(), ':active': 'active' },
        },
        onConditionFailed: stale,
      },
      ...expired.map((m) => closePairingOp(m, 'completed', m.endDate, 'period over', ctx)),
      ...[...newIds.values()].map(({ worker, ids, isNew }) => mentorIdsOp(worker, ids, ctx, isNew)),
      // The two counters may land on the same units and year: one op per item.
      ...yearCounterOps([
        { org: mentee.org, year: record.startDate.slice(0, 4), counters: { mentees: 1 } },
        ...(!mentor ? [{ org: mentorWorker.org, year: now.slice(0, 4), counters: { mentors: 1 } }] : []),
      ]),
    ];
    if (!mentor) {
      ops.push({
        Put: {
          Item: mentorItem(newMentorRecord(mentorWorker, ctx, 1)),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        onConditionFailed: stale,
      });
    } else {
      ops.push({
        Update: {
          Key: mentorKeys.key(mentorWorker.id),
          UpdateExpression:
            'SET activeMentees = activeMentees + :delta, totalMentees = totalMentees + :one, updatedAt = :now, version = version + :one',
          // Places taken by the pairings completed here are freed in the same step.
          ConditionExpression: 'activeMentees < :limit',
          ExpressionAttributeValues: {
            ':delta': 1 - expired.length,
            ':one': 1,
            ':now': ctx.now.toISOString(),
            ':limit': cap + expired.length,
          },
        },
        onConditionFailed: atCapacity,
      });
    }
    await store.transact(ctx, ops, [
      { entity: `mentorship:${record.id}`, org: mentee.org, action: 'mentorship.created', after: record },
      ...(!mentor
        ? [{ entity: `worker:${mentorWorker.id}`, org: mentorWorker.org, action: 'mentor.designated' }]
        : []),
    ]);
    return mentorshipView(record, now);
  });
}

/** Year counters for several units, merged per (unit, year) item. */
function yearCounterOps(entries: { org: string; year: string; counters: StatsCounters }[]): WriteOp[] {
  const years = [...new Set(entries.map((e) => e.year))];
  return years.flatMap((year) =>
    batchStatsIncrements(
      entries.filter((e) => e.year === year),
      year,
    ),
  );
}

function mentorshipView(m: MentorshipRecord, on: string) {
  const { version, ...rest } = m;
  return { ...rest, current: isCurrent(m, on), version };
}

function isCurrent(m: MentorshipRecord, on: string): boolean {
  return m.status === 'active' && isWithinPairing(on, m);
}

/** GET /v1/mentorships/{id}: HR of the mentee's subtree, the mentor, the mentee. */
export async function getMentorship(store: Store, ctx: RequestContext, id: string) {
  const m = await loadMentorship(store, id);
  const allowed =
    can(ctx.actor, 'mentorship:manage', { org: m.menteeOrg }) ||
    (ctx.actor.workerId !== undefined &&
      (ctx.actor.workerId === m.mentorId || ctx.actor.workerId === m.menteeId));
  // Refused exactly as a missing pairing: nobody outside it learns that it exists.
  if (!allowed) throw notFound('mentorship', id);
  return mentorshipView(m, today(ctx));
}

/** POST /v1/mentorships/{id}/end: HR end a pairing early; the mentor's place is freed. */
export async function endMentorship(
  store: Store,
  ctx: RequestContext,
  id: string,
  input: { reason?: string | undefined },
) {
  return retryOnStale(async () => {
    const m = await loadMentorship(store, id);
    authorize(ctx.actor, 'mentorship:manage', { org: m.menteeOrg }, { what: 'mentorship', id });
    if (m.status !== 'active') {
      throw conflict('MENTORSHIP_NOT_ACTIVE', `The pairing is already ${m.status}`, { status: m.status });
    }
    const mentee = await loadWorker(store, m.menteeId);
    const endedOn = today(ctx);
    await store.transact(
      ctx,
      [
        closePairingOp(m, 'ended', endedOn, input.reason ?? null, ctx),
        mentorIdsOp(
          mentee,
          mentee.mentorIds.filter((x) => x !== m.mentorId),
          ctx,
          false,
        ),
        {
          Update: {
            Key: mentorKeys.key(m.mentorId),
            UpdateExpression:
              'SET activeMentees = activeMentees - :one, updatedAt = :now, version = version + :one',
            ConditionExpression: 'activeMentees >= :one',
            ExpressionAttributeValues: { ':one': 1, ':now': ctx.now.toISOString() },
          },
          onConditionFailed: stale,
        },
      ],
      [
        {
          entity: `mentorship:${m.id}`,
          org: m.menteeOrg,
          action: 'mentorship.ended',
          before: { status: m.status },
          after: { status: 'ended', endedOn, reason: input.reason ?? null },
        },
      ],
    );
    return mentorshipView(await loadMentorship(store, id), endedOn);
  });
}

/**
 * GET /v1/mentors/{id}/mentees: the mentor's pairings (current ones by default) with each mentee's
 * coaching sessions under the pairing, training this year and highest certificate.
 * HR of the mentor's subtree, or the mentor themself.
 */
export async function listMentees(
  store: Store,
  ctx: RequestContext,
  mentorId: string,
  include: 'active' | 'all' = 'active',
) {
  const mentorWorker = await loadWorker(store, mentorId);
  authorize(
    ctx.actor,
    'mentees:read',
    { org: mentorWorker.org, workerId: mentorWorker.id },
    workerLookup(mentorWorker.id),
  );
  const mentorItemNow = await store.get(mentorKeys.key(mentorId));
  if (!mentorItemNow) throw notFound('mentor', mentorId);
  const mentor = toMentor(mentorItemNow);
  const now = today(ctx);
  const policy = await policyAt(store, mentorWorker.org, 'mentoring', now);
  const pairings = (await pairingsOfMentor(store, mentorId))
    .filter((m) => include === 'all' || m.status === 'active')
    // HR see the pairings of mentees inside their subtree only (a mentor may coach across units).
    .filter(
      (m) => ctx.actor.workerId === mentorId || can(ctx.actor, 'mentorship:manage', { org: m.menteeOrg }),
    )
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const mentees = new Map(
    pairings.length
      ? (await store.batchGet([...new Set(pairings.map((m) => m.menteeId))].map((w) => workerKeys.key(w))))
          .map(toWorker)
          .map((w) => [w.id, w] as const)
      : [],
  );
  const year = Number(now.slice(0, 4));
  const items = await Promise.all(
    pairings.map(async (m) => {
      const mentee = mentees.get(m.menteeId);
      const sessions = (
        await store.queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: 'mentorshipId = :m',
          ExpressionAttributeValues: {
            ':pk': `WORKER#${m.menteeId}`,
            ':prefix': coachingKeys.prefix,
            ':m': m.id,
          },
          ScanIndexForward: false,
        })
      ).map(toCoachingSession);
      // A former mentee's training and certificates are no longer the mentor's to see (a pairing
      // that is over or whose period ran out does not make them a mentor; HR see their subtree).
      const resource = mentee
        ? isCurrent(m, now)
          ? workerResource(mentee)
          : { ...workerResource(mentee), mentorIds: mentee.mentorIds.filter((id) => id !== m.mentorId) }
        : undefined;
      const training =
        mentee && resource && can(ctx.actor, 'training:read', resource)
          ? await trainingYear(store, mentee, year, now)
          : undefined;
      const highest =
        mentee && resource && can(ctx.actor, 'worker:read', resource)
          ? highestCertificate(mentee.certificates, now)
          : undefined;
      return {
        mentorship: mentorshipView(m, now),
        mentee: mentee
          ? {
              id: mentee.id,
              name: mentee.name,
              org: mentee.org,
              status: mentee.status,
              hiredOn: mentee.hiredOn,
            }
          : { id: m.menteeId, name: null, org: m.menteeOrg, status: 'unknown', hiredOn: null },
        sessions: {
          count: sessions.length,
          minutes: sessions.reduce((s, x) => s + x.minutes, 0),
          byMode: Object.fromEntries(
            sessionModes.map((mode) => [mode, sessions.filter((s) => s.mode === mode).length]),
          ),
          latest: sessions.slice(0, 3).map(sessionView),
        },
        training: training
          ? {
              year: training.year,
              totalHours: training.totalHours,
              attendances: training.attendances,
              compliantWeeks: training.compliantWeeks,
              annualRequiredHours: training.annualRequiredHours,
              progressPercent: training.progressPercent,
              requirementMet: training.requirementMet,
            }
          : null,
        certificate: highest
          ? { level: highest.level, number: highest.number, registeredOn: highest.registeredOn }
          : null,
      };
    }),
  );
  return {
    mentor: mentorView(mentor, policy.document.maxMenteesPerMentor),
    policyVersion: policy.version,
    items,
  };
}

export interface LogSessionInput {
  date: string;
  minutes: number;
  mode: SessionMode;
  notes: string;
}

/**
 * POST /v1/workers/{id}/coaching-sessions: a mentor logs a session with one of their own current
 * mentees (anyone else: 403). The session must fall inside the pairing period (422) and not in the
 * future (422).
 */
export async function logCoachingSession(
  store: Store,
  ctx: RequestContext,
  menteeId: string,
  input: LogSessionInput,
) {
  const mentee = await loadWorker(store, menteeId);
  authorize(ctx.actor, 'coaching:write', workerResource(mentee), workerLookup(mentee.id));
  const mentorId = ctx.actor.workerId!;
  const pairings = (await pairingsOfMentor(store, mentorId)).filter(
    (m) => m.menteeId === mentee.id && m.status === 'active',
  );
  if (pairings.length === 0) {
    throw forbidden(`This worker is not a current mentee of yours`);
  }
  const now = today(ctx);
  if (input.date > now) {
    throw unprocessable('DATE_IN_FUTURE', `A session can't be logged before it happens (today is ${now})`, {
      date: input.date,
      today: now,
    });
  }
  const pairing = pairings.find((m) => isWithinPairing(input.date, m));
  if (!pairing) {
    const p = pairings[0]!;
    throw unprocessable(
      'OUTSIDE_PAIRING_PERIOD',
      `${input.date} is outside the pairing period ${p.startDate} – ${p.endDate}`,
      { date: input.date, startDate: p.startDate, endDate: p.endDate, mentorshipId: p.id },
    );
  }
  const session: CoachingSessionRecord = {
    id: newId('cs'),
    menteeId: mentee.id,
    mentorId,
    mentorshipId: pairing.id,
    date: input.date,
    minutes: input.minutes,
    mode: input.mode,
    notes: input.notes,
    menteeOrg: mentee.org,
    recordedAt: ctx.now.toISOString(),
  };
  await store.transact(
    ctx,
    [
      { Put: { Item: coachingSessionItem(session), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Update: {
          Key: mentorshipKeys.key(pairing.id),
          UpdateExpression: 'ADD sessions :one, sessionMinutes :minutes SET updatedAt = :now',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':minutes': input.minutes,
            ':now': ctx.now.toISOString(),
            ':active': 'active',
          },
        },
        onConditionFailed: () => forbidden('The pairing was ended meanwhile', { mentorshipId: pairing.id }),
      },
      ...statsIncrements(
        mentee.org,
        input.date.slice(0, 4),
        tally(
          ['coaching_sessions', 1],
          [coachingModeCounter(input.mode), 1],
          ['coaching_minutes', input.minutes],
        ),
      ),
    ],
    [
      {
        entity: `mentorship:${pairing.id}`,
        org: mentee.org,
        action: 'coaching-session.logged',
        after: session,
      },
    ],
  );
  return sessionView(session);
}

function sessionView(s: CoachingSessionRecord) {
  return {
    id: s.id,
    menteeId: s.menteeId,
    mentorId: s.mentorId,
    mentorshipId: s.mentorshipId,
    date: s.date,
    minutes: s.minutes,
    mode: s.mode,
    notes: s.notes,
    recordedAt: s.recordedAt,
  };
}

async function sessionsOf(store: Store, menteeId: string, year?: number) {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': `WORKER#${menteeId}`,
      ':prefix': `${coachingKeys.prefix}${year ?? ''}`,
    },
    ScanIndexForward: false,
  });
  return items.map(toCoachingSession).map(sessionView);
}

function summarise(items: ReturnType<typeof sessionView>[]) {
  return {
    count: items.length,
    minutes: items.reduce((s, x) => s + x.minutes, 0),
    byMode: Object.fromEntries(
      sessionModes.map((mode) => [mode, items.filter((s) => s.mode === mode).length]),
    ),
  };
}

/** GET /v1/workers/{id}/coaching-sessions: HR of the subtree, the mentee, their current mentor. */
export async function listCoachingSessions(
  store: Store,
  ctx: RequestContext,
  menteeId: string,
  year?: number,
) {
  const mentee = await loadWorker(store, menteeId);
  authorize(
    ctx.actor,
    'coaching:read',
    await readableWorkerResource(store, ctx, mentee),
    workerLookup(mentee.id),
  );
  const items = await sessionsOf(store, mentee.id, year);
  return { workerId: mentee.id, year: year ?? null, ...summarise(items), items };
}

/**
 * GET /v1/me/coaching-sessions: the sessions I received as a mentee, and (mentors) the ones I gave.
 */
export async function myCoachingSessions(store: Store, ctx: RequestContext, year?: number) {
  requireRole(ctx.actor, 'worker', 'mentor');
  const me = ctx.actor.workerId;
  if (!me) throw forbidden('Your token carries no worker id');
  const received = await listCoachingSessions(store, ctx, me, year);
  let given: ReturnType<typeof sessionView>[] = [];
  if (ctx.actor.role === 'mentor') {
    given = (
      await store.queryAll({
        IndexName: tableDefinition.indexes.byRelation.name,
        KeyConditionExpression: year ? 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)' : 'gsi2pk = :pk',
        ExpressionAttributeValues: {
          ':pk': coachingKeys.byMentor(me),
          ...(year ? { ':prefix': `${year}-` } : {}),
        },
        ScanIndexForward: false,
      })
    )
      .map(toCoachingSession)
      .map(sessionView);
  }
  const mentorships = (await pairingsOfMentee(store, me)).map((m) => mentorshipView(m, today(ctx)));
  return {
    ...received,
    mentorships,
    given: { ...summarise(given), items: given },
  };
}

/**
 * For the exit use-case (hiring): write ops that end every active pairing the exiting worker is
 * part of, to be committed in the exit's own transaction. As a mentee: their pairings end and the
 * mentors' places are freed (the exiting worker's own item is left to the caller, which may clear
 * `mentorIds` in its update). As a mentor: their pairings end, the mentees lose them from
 * `mentorIds`, and the mentor item drops to no active mentees.
 */
export async function mentoringExitOps(
  store: Store,
  worker: WorkerRecord,
  ctx: RequestContext,
): Promise<WriteOp[]> {
  const effectiveOn = today(ctx);
  const asMentee = (await pairingsOfMentee(store, worker.id)).filter((m) => m.status === 'active');
  const asMentor = (await pairingsOfMentor(store, worker.id)).filter((m) => m.status === 'active');
  const ops: WriteOp[] = [];
  const mentorDecrements = new Map<string, number>();
  for (const m of asMentee) {
    ops.push(closePairingOp(m, 'ended', effectiveOn, 'mentee exited', ctx));
    mentorDecrements.set(m.mentorId, (mentorDecrements.get(m.mentorId) ?? 0) + 1);
  }
  if (asMentor.length > 0) {
    const mentees = (
      await store.batchGet([...new Set(asMentor.map((m) => m.menteeId))].map((id) => workerKeys.key(id)))
    ).map(toWorker);
    for (const m of asMentor) ops.push(closePairingOp(m, 'ended', effectiveOn, 'mentor exited', ctx));
    for (const mentee of mentees) {
      ops.push(
        mentorIdsOp(
          mentee,
          mentee.mentorIds.filter((id) => id !== worker.id),
          ctx,
          false,
        ),
      );
    }
    mentorDecrements.set(worker.id, (mentorDecrements.get(worker.id) ?? 0) + asMentor.length);
  }
  const concurrent = () =>
    conflict('CONCURRENT_UPDATE', 'A mentoring record changed meanwhile; reload and retry', {
      workerId: worker.id,
    });
  for (const [mentorId, n] of mentorDecrements) {
    ops.push({
      Update: {
        Key: mentorKeys.key(mentorId),
        UpdateExpression:
          'SET activeMentees = activeMentees - :n, updatedAt = :now, version = version + :one',
        ConditionExpression: 'activeMentees >= :n',
        ExpressionAttributeValues: { ':n': n, ':one': 1, ':now': ctx.now.toISOString() },
      },
    });
  }
  // Inside the exit's transaction a failed condition is a plain 409, not a re-read.
  return ops.map((op) => ({ ...op, onConditionFailed: concurrent }));
}
