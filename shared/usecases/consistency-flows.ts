import { honourKeys } from '#shared/db/entities/honour.ts';
import { honours } from '#shared/db/honours.ts';
import { coachingSessions, mentors, mentorships } from '#shared/db/mentoring.ts';
import { trainingEventKeys } from '#shared/db/entities/training.ts';
import type { Store } from '#shared/db/store.ts';
import { attendances, trainingEvents } from '#shared/db/training.ts';
import {
  awardsCounter,
  coachingModeCounter,
  honourResultsCounter,
  nominationsCounter,
  tally,
  trainingEventsCounter,
} from '#shared/domain/stats-counters.ts';
import { type ConsistencyReport, type Flow, RECORDS_LISTED } from '#shared/usecases/consistency-report.ts';

// The consistency checker's recounts of the city-wide records: training events, mentoring and
// honours (each record carries the unit it was counted on).

/**
 * Training: the city's events of each year (one Query per year) and each event's attendance (one
 * Query per event). Also checks each event's `attendees`.
 */
export async function trainingFlows(
  store: Store,
  city: string,
  years: string[],
  report: ConsistencyReport,
): Promise<Flow[]> {
  const flows: Flow[] = [];
  for (const year of years) {
    for (const event of await trainingEvents.allOfSubtreeYear(store, city, year)) {
      report.checked.trainingEvents++;
      const attendance = await attendances.ofEvent(store, event.id);
      const record = `training-event:${event.id}`;
      flows.push({
        org: event.org,
        year: event.date.slice(0, 4),
        record,
        counters: tally(
          ['training_events', 1],
          [trainingEventsCounter(event.level), 1],
          ['micro_classrooms', event.level === 'community' ? 1 : 0],
          ['training_person_times', attendance.length],
          ['training_minutes', attendance.reduce((sum, a) => sum + a.minutes, 0)],
        ),
      });
      if (event.attendees !== attendance.length)
        report.drift.push({
          kind: 'training-attendees',
          entity: `training-event:${event.id}`,
          key: trainingEventKeys.key(event.id),
          field: 'attendees',
          recorded: event.attendees,
          recounted: attendance.length,
          org: event.org,
          records: attendance.slice(0, RECORDS_LISTED).map((a) => `worker:${a.workerId}`),
        });
    }
  }
  return flows;
}

/**
 * Mentoring: per mentor (one Query for the mentor items), their pairings and the sessions they
 * gave (one Query each). Checks the mentor's cap counter (`activeMentees`), their pairings ever
 * made (`totalMentees`) and each pairing's session counters.
 */
export async function mentoringFlows(store: Store, city: string, report: ConsistencyReport): Promise<Flow[]> {
  const flows: Flow[] = [];
  for (const mentor of await mentors.allOfSubtree(store, city)) {
    report.checked.mentors++;
    flows.push({
      org: mentor.org,
      year: mentor.designatedOn.slice(0, 4),
      record: `mentor:${mentor.workerId}`,
      counters: { mentors: 1 },
    });
    const pairings = await mentorships.ofMentor(store, mentor.workerId);
    if (mentor.totalMentees !== pairings.length)
      report.drift.push({
        kind: 'mentor-mentees',
        entity: `mentor:${mentor.workerId}`,
        key: mentors.key(mentor.workerId),
        field: 'totalMentees',
        recorded: mentor.totalMentees,
        recounted: pairings.length,
        org: mentor.org,
        records: pairings.slice(0, RECORDS_LISTED).map((p) => `mentorship:${p.id}`),
      });
    const current = pairings.filter((p) => p.status === 'active');
    if (mentor.activeMentees !== current.length)
      report.drift.push({
        kind: 'mentor-cap',
        entity: `mentor:${mentor.workerId}`,
        key: mentors.key(mentor.workerId),
        field: 'activeMentees',
        recorded: mentor.activeMentees,
        recounted: current.length,
        org: mentor.org,
        records: current.slice(0, RECORDS_LISTED).map((p) => `mentorship:${p.id}`),
      });
    const sessions = await coachingSessions.byMentor(store, mentor.workerId, { order: 'oldest-first' });
    for (const session of sessions)
      flows.push({
        org: session.menteeOrg,
        year: session.date.slice(0, 4),
        record: `coaching-session:${session.id}`,
        counters: tally(
          ['coaching_sessions', 1],
          [coachingModeCounter(session.mode), 1],
          ['coaching_minutes', session.minutes],
        ),
      });
    for (const pairing of pairings) {
      report.checked.pairings++;
      flows.push({
        org: pairing.menteeOrg,
        year: pairing.startDate.slice(0, 4),
        record: `mentorship:${pairing.id}`,
        counters: { mentees: 1 },
      });
      const given = sessions.filter((s) => s.mentorshipId === pairing.id);
      const recount = {
        sessions: given.length,
        sessionMinutes: given.reduce((sum, s) => sum + s.minutes, 0),
      };
      for (const field of ['sessions', 'sessionMinutes'] as const)
        if ((pairing[field] ?? 0) !== recount[field])
          report.drift.push({
            kind: 'coaching-sessions',
            entity: `mentorship:${pairing.id}`,
            key: mentorships.key(pairing.id),
            field,
            recorded: pairing[field] ?? 0,
            recounted: recount[field],
            org: pairing.menteeOrg,
            records: given.slice(0, RECORDS_LISTED).map((s) => `coaching-session:${s.id}`),
          });
    }
  }
  return flows;
}

/**
 * Honours: each cycle's partition (one Query) holds its quotas and nominations: the seats per quota
 * org are checked here, and the nominations, results and awards become yearly flows.
 */
export async function honourFlows(store: Store, city: string, report: ConsistencyReport): Promise<Flow[]> {
  const flows: Flow[] = [];
  for (const cycle of await honours.cyclesOf(store, city)) {
    const { quotas, nominations } = await honours.cyclePartition(store, cycle.id);
    // A withdrawn nomination (the nominee exited) frees its seat.
    const holding = nominations.filter((n) => !n.withdrawn);
    for (const quota of quotas) {
      report.checked.honourQuotas++;
      const taking = holding.filter((n) => n.quotaOrg === quota.org);
      if (quota.used !== taking.length)
        report.drift.push({
          kind: 'honour-quota',
          entity: `honour-cycle:${cycle.id}`,
          key: honourKeys.quota(cycle.id, quota.org),
          field: 'used',
          recorded: quota.used,
          recounted: taking.length,
          org: quota.org,
          records: taking.slice(0, RECORDS_LISTED).map((n) => `nomination:${n.id}`),
        });
    }
    const type = cycle.honourType;
    for (const n of nominations) {
      flows.push({
        org: n.org,
        year: String(cycle.year),
        record: `nomination:${n.id}`,
        counters: tally(
          [nominationsCounter(type), 1],
          ['nominations_total', 1],
          [honourResultsCounter(type), n.result ? 1 : 0],
          [awardsCounter(type), n.result?.awarded ? 1 : 0],
          ['awards_total', n.result?.awarded ? 1 : 0],
        ),
      });
    }
  }
  return flows;
}
