import { authorize, can } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { coachingSessions, mentors, mentorships } from '#shared/db/mentoring.ts';
import type { Store } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { highestCertificate } from '#shared/domain/certificates.ts';
import { notFound } from '#shared/errors.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { trainingYear } from '#shared/usecases/training/hours.ts';
import { loadWorker, workerLookup, workerResource } from '#shared/usecases/workers.ts';
import { isCurrent, mentorshipView, mentorView, sessionView, summarise, today } from './views.ts';

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
  const mentor = await mentors.get(store, mentorId);
  if (!mentor) throw notFound('mentor', mentorId);
  const now = today(ctx);
  const policy = await policyAt(store, mentorWorker.org, 'mentoring', now);
  const pairings = (await mentorships.ofMentor(store, mentorId))
    .filter((m) => include === 'all' || m.status === 'active')
    // HR see the pairings of mentees inside their subtree only (a mentor may coach across units).
    .filter(
      (m) => ctx.actor.workerId === mentorId || can(ctx.actor, 'mentorship:manage', { org: m.menteeOrg }),
    )
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const mentees = await workers.getMany(
    store,
    pairings.map((m) => m.menteeId),
  );
  const year = Number(now.slice(0, 4));
  const items = await Promise.all(
    pairings.map(async (m) => {
      const mentee = mentees.get(m.menteeId);
      const sessions = await coachingSessions.ofMentee(store, m.menteeId, { mentorshipId: m.id });
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
          ...summarise(sessions),
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
