import type { RequestContext } from '#shared/context.ts';
import { mentors, mentorships } from '#shared/db/mentoring.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { conflict } from '#shared/errors.ts';
import { today } from './views.ts';

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
  const now = ctx.now.toISOString();
  // Inside the exit's transaction a failed condition is a plain 409, not a re-read.
  const concurrent = () =>
    conflict('CONCURRENT_UPDATE', 'A mentoring record changed meanwhile; reload and retry', {
      workerId: worker.id,
    });
  const end = (id: string, reason: string) =>
    mentorships.close(id, { status: 'ended', endedOn: effectiveOn, reason, now }, concurrent);
  const asMentee = (await mentorships.ofMentee(store, worker.id)).filter((m) => m.status === 'active');
  const asMentor = (await mentorships.ofMentor(store, worker.id)).filter((m) => m.status === 'active');
  const ops: WriteOp[] = [];
  const mentorDecrements = new Map<string, number>();
  for (const m of asMentee) {
    ops.push(end(m.id, 'mentee exited'));
    mentorDecrements.set(m.mentorId, (mentorDecrements.get(m.mentorId) ?? 0) + 1);
  }
  if (asMentor.length > 0) {
    const mentees = await workers.getMany(
      store,
      asMentor.map((m) => m.menteeId),
    );
    for (const m of asMentor) ops.push(end(m.id, 'mentor exited'));
    for (const mentee of mentees.values()) {
      ops.push(
        workers.setMentorIds(
          mentee,
          mentee.mentorIds.filter((id) => id !== worker.id),
          { now, whileActive: false },
          concurrent,
        ),
      );
    }
    mentorDecrements.set(worker.id, (mentorDecrements.get(worker.id) ?? 0) + asMentor.length);
  }
  for (const [mentorId, n] of mentorDecrements) ops.push(mentors.freePlaces(mentorId, n, now, concurrent));
  return ops;
}
