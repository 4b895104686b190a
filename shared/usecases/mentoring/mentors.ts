import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { statsIncrements } from '#shared/db/entities/stats.ts';
import { mentors } from '#shared/db/mentoring.ts';
import type { Store } from '#shared/db/store.ts';
import { conflict, unprocessable } from '#shared/errors.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { loadWorker } from '#shared/usecases/workers.ts';
import { mentorView, newMentorRecord, today } from './views.ts';

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
      mentors.designate(mentor, () =>
        conflict('ALREADY_MENTOR', `Worker ${worker.id} is already a designated mentor`, { workerId }),
      ),
      ...statsIncrements(worker.org, today(ctx).slice(0, 4), { mentors: 1 }),
    ],
    [{ entity: `worker:${worker.id}`, org: worker.org, action: 'mentor.designated', after: mentor }],
  );
  return mentorView(
    mentor,
    (await policyAt(store, worker.org, 'mentoring', today(ctx))).document.maxMenteesPerMentor,
  );
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
  const page = await mentors.pageOfSubtree(store, org, cursor, limit);
  const cap = (await policyAt(store, org, 'mentoring', today(ctx))).document.maxMenteesPerMentor;
  return { items: page.items.map((mentor) => mentorView(mentor, cap)), cursor: page.cursor };
}
