import { rootOf } from '#shared/domain/org-paths.ts';
import type { SessionMode } from '#shared/domain/mentoring.ts';
import { withoutKeys } from '#shared/db/items.ts';

/** A designated mentor (导师). Created on designation, once per worker. */
export interface MentorRecord {
  workerId: string;
  name: string;
  /** The mentor's org unit at designation (HR of its subtree manage the mentor). */
  org: string;
  /**
   * Pairings not yet ended or completed. The per-mentor cap is an atomic condition on this
   * counter (`activeMentees < cap`), so concurrent pairings can never overshoot it.
   */
  activeMentees: number;
  /** Every pairing ever made with this mentor. */
  totalMentees: number;
  designatedOn: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const mentorshipStatuses = ['active', 'ended', 'completed'] as const;
/** active: in force (its dates decide whether it is current); ended: ended early by HR; completed: ran its period. */
export type MentorshipStatus = (typeof mentorshipStatuses)[number];

export interface MentorshipRecord {
  id: string;
  mentorId: string;
  menteeId: string;
  mentorOrg: string;
  menteeOrg: string;
  /** Inclusive pairing period (policy `pairingMonths` from the start date unless `months` was given). */
  startDate: string;
  endDate: string;
  months: number;
  status: MentorshipStatus;
  endedOn: string | null;
  endReason: string | null;
  /** Coaching sessions logged under this pairing. */
  sessions: number;
  sessionMinutes: number;
  policyVersion: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CoachingSessionRecord {
  id: string;
  menteeId: string;
  mentorId: string;
  mentorshipId: string;
  date: string;
  minutes: number;
  mode: SessionMode;
  notes: string;
  menteeOrg: string;
  recordedAt: string;
}

export const mentorKeys = {
  /** GetItem: is this worker a designated mentor, and how many current mentees (cap check). */
  key: (workerId: string) => ({ pk: `MENTOR#${workerId}`, sk: 'MENTOR' }),
  /** ByCollection partition: a city's mentors, sorted by org path (a subtree is the `<org>/` key range, `subtreeQuery`). */
  byCity: (org: string) => `MENTORS#${rootOf(org)}`,
  sort: (org: string, workerId: string) => `${org}/#${workerId}`,
};

export const mentorshipKeys = {
  /** GetItem by id. */
  key: (id: string) => ({ pk: `MENTORSHIP#${id}`, sk: 'MENTORSHIP' }),
  /** ByRelation partition: a mentor's pairings, sorted by start date (GET /v1/mentors/{id}/mentees). */
  byMentor: (mentorId: string) => `MENTOR#${mentorId}`,
  byMentorSort: (startDate: string, menteeId: string, id: string) => `${startDate}#${menteeId}#${id}`,
  /** ByCollection partition: a mentee's pairings (their mentors; ending them on exit). */
  byMentee: (menteeId: string) => `MENTEE#${menteeId}`,
  byMenteeSort: (startDate: string, id: string) => `${startDate}#${id}`,
};

export const coachingKeys = {
  /** In the mentee's partition, by date: a mentee's sessions are one Query `begins_with(sk, 'COACHING#')`. */
  key: (menteeId: string, date: string, id: string) => ({
    pk: `WORKER#${menteeId}`,
    sk: `COACHING#${date}#${id}`,
  }),
  prefix: 'COACHING#',
  /** ByRelation partition: the sessions a mentor gave, by date. */
  byMentor: (mentorId: string) => `COACHING-BY#${mentorId}`,
  byMentorSort: (date: string, id: string) => `${date}#${id}`,
};

export function mentorItem(mentor: MentorRecord) {
  return {
    ...mentorKeys.key(mentor.workerId),
    type: 'mentor',
    gsi1pk: mentorKeys.byCity(mentor.org),
    gsi1sk: mentorKeys.sort(mentor.org, mentor.workerId),
    ...mentor,
  };
}

export function mentorshipItem(m: MentorshipRecord) {
  return {
    ...mentorshipKeys.key(m.id),
    type: 'mentorship',
    gsi1pk: mentorshipKeys.byMentee(m.menteeId),
    gsi1sk: mentorshipKeys.byMenteeSort(m.startDate, m.id),
    gsi2pk: mentorshipKeys.byMentor(m.mentorId),
    gsi2sk: mentorshipKeys.byMentorSort(m.startDate, m.menteeId, m.id),
    ...m,
  };
}

export function coachingSessionItem(s: CoachingSessionRecord) {
  return {
    ...coachingKeys.key(s.menteeId, s.date, s.id),
    type: 'coaching-session',
    gsi2pk: coachingKeys.byMentor(s.mentorId),
    gsi2sk: coachingKeys.byMentorSort(s.date, s.id),
    ...s,
  };
}

export const toMentor = (item: Record<string, unknown>) => withoutKeys<MentorRecord>(item);
export const toMentorship = (item: Record<string, unknown>) => withoutKeys<MentorshipRecord>(item);
export const toCoachingSession = (item: Record<string, unknown>) => withoutKeys<CoachingSessionRecord>(item);
