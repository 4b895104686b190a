import type { RequestContext } from '#shared/context.ts';
import type { CoachingSessionRecord, MentorRecord, MentorshipRecord } from '#shared/db/entities/mentoring.ts';
import { mentorships } from '#shared/db/mentoring.ts';
import type { Store } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { isWithinPairing, sessionModes } from '#shared/domain/mentoring.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { notFound } from '#shared/errors.ts';

// What the mentoring use-cases share: today's date, loading a pairing, and the shapes they answer.

export const today = (ctx: RequestContext) => shanghaiDate(ctx.now);

export async function loadMentorship(store: Store, id: string): Promise<MentorshipRecord> {
  const mentorship = await mentorships.get(store, id);
  if (!mentorship) throw notFound('mentorship', id);
  return mentorship;
}

export function newMentorRecord(
  worker: WorkerRecord,
  ctx: RequestContext,
  activeMentees: number,
): MentorRecord {
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

export function mentorView(mentor: MentorRecord, cap: number) {
  const { version, ...rest } = mentor;
  return { ...rest, cap, freePlaces: Math.max(0, cap - mentor.activeMentees), version };
}

/** A pairing in force on `on`: still active and `on` inside its period. */
export function isCurrent(m: MentorshipRecord, on: string): boolean {
  return m.status === 'active' && isWithinPairing(on, m);
}

export function mentorshipView(m: MentorshipRecord, on: string) {
  const { version, ...rest } = m;
  return { ...rest, current: isCurrent(m, on), version };
}

export function sessionView(s: CoachingSessionRecord) {
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

export type SessionView = ReturnType<typeof sessionView>;

/** Count, minutes and count per mode of some sessions. */
export function summarise(items: readonly Pick<CoachingSessionRecord, 'minutes' | 'mode'>[]) {
  return {
    count: items.length,
    minutes: items.reduce((s, x) => s + x.minutes, 0),
    byMode: Object.fromEntries(
      sessionModes.map((mode) => [mode, items.filter((s) => s.mode === mode).length]),
    ),
  };
}
