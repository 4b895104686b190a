import { authorize, requireRole } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { CoachingSessionRecord } from '#shared/db/entities/mentoring.ts';
import { statsIncrements } from '#shared/db/entities/stats.ts';
import { newId } from '#shared/db/ids.ts';
import { coachingSessions, mentorships } from '#shared/db/mentoring.ts';
import type { Store } from '#shared/db/store.ts';
import { isWithinPairing, type SessionMode } from '#shared/domain/mentoring.ts';
import { coachingModeCounter, tally } from '#shared/domain/stats-counters.ts';
import { forbidden, unprocessable } from '#shared/errors.ts';
import {
  loadWorker,
  readableWorkerResource,
  workerLookup,
  workerResource,
} from '#shared/usecases/workers.ts';
import { mentorshipView, type SessionView, sessionView, summarise, today } from './views.ts';

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
  const pairings = (await mentorships.ofMentor(store, mentorId)).filter(
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
      coachingSessions.create(session),
      mentorships.countSession(pairing.id, input.minutes, ctx.now.toISOString(), () =>
        forbidden('The pairing was ended meanwhile', { mentorshipId: pairing.id }),
      ),
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
  const items = (await coachingSessions.ofMentee(store, mentee.id, { year })).map(sessionView);
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
  const given: SessionView[] =
    ctx.actor.role === 'mentor'
      ? (await coachingSessions.byMentor(store, me, { year })).map(sessionView)
      : [];
  const pairings = (await mentorships.ofMentee(store, me)).map((m) => mentorshipView(m, today(ctx)));
  return {
    ...received,
    mentorships: pairings,
    given: { ...summarise(given), items: given },
  };
}
