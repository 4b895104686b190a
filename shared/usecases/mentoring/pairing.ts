import { authorize, can } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { MentorshipRecord } from '#shared/db/entities/mentoring.ts';
import { batchStatsIncrements } from '#shared/db/entities/stats.ts';
import { newId } from '#shared/db/ids.ts';
import { mentors, mentorships } from '#shared/db/mentoring.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { pairingPeriod } from '#shared/domain/mentoring.ts';
import type { StatsCounters } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { conflict, notFound, unprocessable } from '#shared/errors.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { retryOnStale, stale } from '#shared/usecases/stale-read.ts';
import { loadWorker } from '#shared/usecases/workers.ts';
import { loadMentorship, mentorshipView, newMentorRecord, today } from './views.ts';

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
    const pair = await workers.getMany(store, [input.mentorId, input.menteeId]);
    const mentorWorker = pair.get(input.mentorId);
    const mentee = pair.get(input.menteeId);
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

    const mentor = await mentors.get(store, mentorWorker.id);
    const active = (await mentorships.ofMentor(store, mentorWorker.id)).filter((m) => m.status === 'active');
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
    const at = ctx.now.toISOString();

    // mentorIds after the change, per worker touched (a worker may appear in a transaction once).
    const expiredMentees = [
      ...(
        await workers.getMany(
          store,
          expired.map((m) => m.menteeId),
        )
      ).values(),
    ];
    const newIds = new Map<string, { worker: WorkerRecord; ids: string[]; isNew: boolean }>();
    for (const w of expiredMentees) {
      newIds.set(w.id, { worker: w, ids: w.mentorIds.filter((id) => id !== mentorWorker.id), isNew: false });
    }
    const menteeEntry = newIds.get(mentee.id) ?? { worker: mentee, ids: [...mentee.mentorIds], isNew: true };
    if (!menteeEntry.ids.includes(mentorWorker.id)) menteeEntry.ids.push(mentorWorker.id);
    newIds.set(mentee.id, { ...menteeEntry, worker: mentee, isNew: true });

    const ops: WriteOp[] = [
      mentorships.create(record),
      // The mentor must still be active when the pairing commits; bumping their version makes an
      // exit that read their pairings before this one re-read (its update is version-guarded).
      workers.touchWhileActive(mentorWorker.id, at, stale),
      ...expired.map((m) =>
        mentorships.close(
          m.id,
          { status: 'completed', endedOn: m.endDate, reason: 'period over', now: at },
          stale,
        ),
      ),
      ...[...newIds.values()].map(({ worker, ids, isNew }) =>
        workers.setMentorIds(worker, ids, { now: at, whileActive: isNew }, stale),
      ),
      // The two counters may land on the same units and year: one op per item.
      ...yearCounterOps([
        { org: mentee.org, year: record.startDate.slice(0, 4), counters: { mentees: 1 } },
        ...(!mentor ? [{ org: mentorWorker.org, year: now.slice(0, 4), counters: { mentors: 1 } }] : []),
      ]),
      // Places taken by the pairings completed here are freed in the same step.
      mentor
        ? mentors.takePlace(mentorWorker.id, { cap, freed: expired.length, now: at }, atCapacity)
        : mentors.designate(newMentorRecord(mentorWorker, ctx, 1), stale),
    ];
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
    const at = ctx.now.toISOString();
    await store.transact(
      ctx,
      [
        mentorships.close(m.id, { status: 'ended', endedOn, reason: input.reason ?? null, now: at }, stale),
        workers.setMentorIds(
          mentee,
          mentee.mentorIds.filter((x) => x !== m.mentorId),
          { now: at, whileActive: false },
          stale,
        ),
        mentors.freePlaces(m.mentorId, 1, at, stale),
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
