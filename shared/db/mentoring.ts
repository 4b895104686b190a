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
  toMentorship,
} from '#shared/db/entities/mentoring.ts';
import { type Key, type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * The mentoring aggregate's reads and writes: designated mentors (导师, with the cap counter
 * `activeMentees`), pairings and coaching sessions. Use-cases (`usecases/mentoring/`) compose these
 * named operations and write no expressions or keys of their own. A mentee's `mentorIds` (what
 * authorisation reads) is on the worker item: `workers.setMentorIds` (`db/workers.ts`).
 */

export const mentors = {
  /** One GetItem: is this worker a designated mentor, and how many current mentees. */
  async get(store: Store, workerId: string): Promise<MentorRecord | undefined> {
    const item = await store.get(mentorKeys.key(workerId));
    return item && toMentor(item);
  },

  /** The mentor item's key (a drift report names it). */
  key: (workerId: string): Key => mentorKeys.key(workerId),

  /** The designated mentors of a subtree, a page at a time (ByCollection, the subtree's key range). */
  async pageOfSubtree(store: Store, org: string, cursor?: string, limit = 50): Promise<Page<MentorRecord>> {
    const page = await store.queryPage(subtreeQuery(mentorKeys.byCity(org), org, { Limit: limit }), cursor);
    return { items: page.items.map(toMentor), cursor: page.cursor };
  },

  /** Every designated mentor of a subtree (the consistency checker reads a city). */
  async allOfSubtree(store: Store, org: string): Promise<MentorRecord[]> {
    return (await store.queryAll(subtreeQuery(mentorKeys.byCity(org), org))).map(toMentor);
  },

  /** The mentor item, only if the worker is not a mentor yet. */
  designate(mentor: MentorRecord, onAlreadyMentor: () => AppError): WriteOp {
    return {
      Put: { Item: mentorItem(mentor), ConditionExpression: 'attribute_not_exists(pk)' },
      onConditionFailed: onAlreadyMentor,
    };
  },

  /**
   * One more current mentee (and one more ever), while the mentor has a free place: `freed` places
   * are given back in the same step (pairings completed in the same transaction), so the cap check
   * is `activeMentees < cap + freed` and check and change are one atomic update.
   */
  takePlace(
    workerId: string,
    change: { cap: number; freed: number; now: string },
    onAtCapacity: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: mentorKeys.key(workerId),
        UpdateExpression:
          'SET activeMentees = activeMentees + :delta, totalMentees = totalMentees + :one, updatedAt = :now, version = version + :one',
        ConditionExpression: 'activeMentees < :limit',
        ExpressionAttributeValues: {
          ':delta': 1 - change.freed,
          ':one': 1,
          ':now': change.now,
          ':limit': change.cap + change.freed,
        },
      },
      onConditionFailed: onAtCapacity,
    };
  },

  /** `n` places freed (pairings ended), never below zero. */
  freePlaces(workerId: string, n: number, now: string, onConditionFailed?: () => AppError): WriteOp {
    return {
      Update: {
        Key: mentorKeys.key(workerId),
        UpdateExpression:
          'SET activeMentees = activeMentees - :n, updatedAt = :now, version = version + :one',
        ConditionExpression: 'activeMentees >= :n',
        ExpressionAttributeValues: { ':n': n, ':one': 1, ':now': now },
      },
      ...(onConditionFailed ? { onConditionFailed } : {}),
    };
  },
};

export const mentorships = {
  /** One GetItem. */
  async get(store: Store, id: string): Promise<MentorshipRecord | undefined> {
    const item = await store.get(mentorshipKeys.key(id));
    return item && toMentorship(item);
  },

  /** The pairing item's key (a drift report names it). */
  key: (id: string): Key => mentorshipKeys.key(id),

  /** Every pairing of a mentor (a handful: the cap is ~6 at a time), ByRelation. */
  async ofMentor(store: Store, mentorId: string): Promise<MentorshipRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': mentorshipKeys.byMentor(mentorId) },
    });
    return items.map(toMentorship);
  },

  /** Every pairing of a mentee, ByCollection. */
  async ofMentee(store: Store, menteeId: string): Promise<MentorshipRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': mentorshipKeys.byMentee(menteeId) },
    });
    return items.map(toMentorship);
  },

  /** A new pairing. */
  create(record: MentorshipRecord): WriteOp {
    return { Put: { Item: mentorshipItem(record), ConditionExpression: 'attribute_not_exists(pk)' } };
  },

  /** Ends (`ended`, early) or completes (`completed`, period run out) a pairing still active. */
  close(
    id: string,
    change: { status: 'ended' | 'completed'; endedOn: string; reason: string | null; now: string },
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: mentorshipKeys.key(id),
        UpdateExpression:
          'SET #status = :status, endedOn = :endedOn, endReason = :reason, updatedAt = :now, version = version + :one',
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': change.status,
          ':endedOn': change.endedOn,
          ':reason': change.reason,
          ':now': change.now,
          ':one': 1,
          ':active': 'active',
        },
      },
      onConditionFailed,
    };
  },

  /** Counts a session (and its minutes) on a pairing still active (`onEnded` otherwise). */
  countSession(id: string, minutes: number, now: string, onEnded: () => AppError): WriteOp {
    return {
      Update: {
        Key: mentorshipKeys.key(id),
        UpdateExpression: 'ADD sessions :one, sessionMinutes :minutes SET updatedAt = :now',
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':minutes': minutes, ':now': now, ':active': 'active' },
      },
      onConditionFailed: onEnded,
    };
  },
};

export const coachingSessions = {
  /**
   * A mentee's sessions, newest first (one Query of the mentee's partition): of one year (the sort
   * key starts with the date), of one pairing (a filter over the mentee's few sessions), or all.
   */
  async ofMentee(
    store: Store,
    menteeId: string,
    only: { year?: number | undefined; mentorshipId?: string | undefined } = {},
  ): Promise<CoachingSessionRecord[]> {
    const { pk } = coachingKeys.key(menteeId, '', '');
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ...(only.mentorshipId ? { FilterExpression: 'mentorshipId = :m' } : {}),
      ExpressionAttributeValues: {
        ':pk': pk,
        ':prefix': `${coachingKeys.prefix}${only.year ?? ''}`,
        ...(only.mentorshipId ? { ':m': only.mentorshipId } : {}),
      },
      ScanIndexForward: false,
    });
    return items.map(toCoachingSession);
  },

  /** The sessions a mentor gave, of one year or all, by date (ByRelation): newest first unless told. */
  async byMentor(
    store: Store,
    mentorId: string,
    {
      year,
      order = 'newest-first',
    }: { year?: number | undefined; order?: 'newest-first' | 'oldest-first' } = {},
  ): Promise<CoachingSessionRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: year ? 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)' : 'gsi2pk = :pk',
      ExpressionAttributeValues: {
        ':pk': coachingKeys.byMentor(mentorId),
        ...(year ? { ':prefix': `${year}-` } : {}),
      },
      ScanIndexForward: order === 'oldest-first',
    });
    return items.map(toCoachingSession);
  },

  /** A new session. */
  create(session: CoachingSessionRecord): WriteOp {
    return { Put: { Item: coachingSessionItem(session), ConditionExpression: 'attribute_not_exists(pk)' } };
  },
};
