import { honourKeys } from '#shared/db/entities/honour.ts';
import {
  coachingKeys,
  mentorKeys,
  mentorshipKeys,
  toCoachingSession,
  toMentor,
  toMentorship,
} from '#shared/db/entities/mentoring.ts';
import {
  attendanceKeys,
  toAttendance,
  toTrainingEvent,
  trainingEventKeys,
} from '#shared/db/entities/training.ts';
import { type Store, subtreeQuery } from '#shared/db/store.ts';
import type { HonourType } from '#shared/domain/honours.ts';
import {
  awardsCounter,
  coachingModeCounter,
  honourResultsCounter,
  nominationsCounter,
  tally,
  trainingEventsCounter,
} from '#shared/domain/stats-counters.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
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
    const events = (await store.queryAll(subtreeQuery(trainingEventKeys.byYear(city, year), city))).map(
      toTrainingEvent,
    );
    for (const event of events) {
      report.checked.trainingEvents++;
      const attendance = (
        await store.queryAll({
          IndexName: tableDefinition.indexes.byCollection.name,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': attendanceKeys.byEvent(event.id) },
        })
      ).map(toAttendance);
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
  const mentors = (await store.queryAll(subtreeQuery(mentorKeys.byCity(city), city))).map(toMentor);
  for (const mentor of mentors) {
    report.checked.mentors++;
    flows.push({
      org: mentor.org,
      year: mentor.designatedOn.slice(0, 4),
      record: `mentor:${mentor.workerId}`,
      counters: { mentors: 1 },
    });
    const pairings = (
      await store.queryAll({
        IndexName: tableDefinition.indexes.byRelation.name,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': mentorshipKeys.byMentor(mentor.workerId) },
      })
    ).map(toMentorship);
    if (mentor.totalMentees !== pairings.length)
      report.drift.push({
        kind: 'mentor-mentees',
        key: mentorKeys.key(mentor.workerId),
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
        key: mentorKeys.key(mentor.workerId),
        field: 'activeMentees',
        recorded: mentor.activeMentees,
        recounted: current.length,
        org: mentor.org,
        records: current.slice(0, RECORDS_LISTED).map((p) => `mentorship:${p.id}`),
      });
    const sessions = (
      await store.queryAll({
        IndexName: tableDefinition.indexes.byRelation.name,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': coachingKeys.byMentor(mentor.workerId) },
      })
    ).map(toCoachingSession);
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
            key: mentorshipKeys.key(pairing.id),
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
  const cycles = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': honourKeys.cyclesOf(city) },
  });
  for (const cycle of cycles) {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': honourKeys.pk(cycle.id as string) },
    });
    const nominations = items.filter((i) => (i.sk as string).startsWith('NOMINATION#'));
    // A withdrawn nomination (the nominee exited) frees its seat.
    const holding = nominations.filter((n) => !n.withdrawn);
    for (const quota of items.filter((i) => (i.sk as string).startsWith('QUOTA#'))) {
      report.checked.honourQuotas++;
      const taking = holding.filter((n) => n.quotaOrg === quota.org);
      if ((quota.used as number) !== taking.length)
        report.drift.push({
          kind: 'honour-quota',
          key: { pk: quota.pk as string, sk: quota.sk as string },
          field: 'used',
          recorded: quota.used as number,
          recounted: taking.length,
          org: quota.org as string,
          records: taking.slice(0, RECORDS_LISTED).map((n) => `nomination:${n.id}`),
        });
    }
    const type = cycle.honourType as HonourType;
    for (const n of nominations) {
      const result = n.result as { awarded: boolean } | null | undefined;
      flows.push({
        org: n.org as string,
        year: String(cycle.year),
        record: `nomination:${n.id as string}`,
        counters: tally(
          [nominationsCounter(type), 1],
          ['nominations_total', 1],
          [honourResultsCounter(type), result ? 1 : 0],
          [awardsCounter(type), result?.awarded ? 1 : 0],
          ['awards_total', result?.awarded ? 1 : 0],
        ),
      });
    }
  }
  return flows;
}
