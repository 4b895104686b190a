import type { RecruitmentStage } from '#shared/domain/recruitment.ts';
import type {
  CandidateRecord,
  CandidateRemoval,
  RecruitmentRecord,
  ReviewRecord,
} from '#shared/domain/recruitment-records.ts';
import type { StageChanges } from '#shared/domain/recruitment-stages.ts';
import { type AppError, conflict, notFound, unprocessable } from '#shared/errors.ts';
import {
  candidateItem,
  recruitmentItem,
  recruitmentKeys,
  toCandidate,
  toRecruitment,
} from '#shared/db/entities/recruitment.ts';
import { type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';

/**
 * The recruitment aggregate's data module: a recruitment item and, in its partition, its candidates
 * and one national-id guard per registered person. Reads return records; writes are named
 * `WriteOp`s the use-cases compose into one `store.transact` (or a batch's steps), so no
 * expression string lives outside this file.
 */

/** A candidate's exam score field. */
export type ScoreField = 'written' | 'interview';

const candidatesQuery = (recruitmentId: string) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: {
    ':pk': recruitmentKeys.key(recruitmentId).pk,
    ':prefix': recruitmentKeys.candidatePrefix,
  },
});

// ----------------------------------------------------------------------------------------------
// Reads

export async function loadRecruitment(store: Store, id: string): Promise<RecruitmentRecord> {
  const item = await store.get(recruitmentKeys.key(id));
  if (!item) throw notFound('recruitment', id);
  return toRecruitment(item);
}

export async function loadCandidate(
  store: Store,
  recruitmentId: string,
  id: string,
): Promise<CandidateRecord> {
  const item = await store.get(recruitmentKeys.candidate(recruitmentId, id));
  if (!item) throw notFound('candidate', id);
  return toCandidate(item);
}

/** Every candidate of a recruitment, by registration number (one Query on the recruitment's partition). */
export async function loadCandidates(store: Store, recruitmentId: string): Promise<CandidateRecord[]> {
  const items = await store.queryAll({ ...candidatesQuery(recruitmentId), ConsistentRead: true });
  return items.map(toCandidate).sort((a, b) => a.registrationNo - b.registrationNo);
}

/** One page of a recruitment's candidates (the recruitment's partition, by candidate id). */
export async function candidatePage(store: Store, recruitmentId: string, cursor?: string, limit = 50) {
  const page = await store.queryPage({ ...candidatesQuery(recruitmentId), Limit: limit }, cursor);
  return { items: page.items.map(toCandidate), cursor: page.cursor };
}

/** Recruitments in an org subtree (Query on ByCollection, the org path's key range: `subtreeQuery`). */
export async function recruitmentPage(store: Store, org: string, cursor?: string, limit = 50) {
  const page = await store.queryPage(
    subtreeQuery(recruitmentKeys.byCity(org), org, { Limit: limit }),
    cursor,
  );
  return { items: page.items.map(toRecruitment), cursor: page.cursor };
}

/**
 * A page of a recruitment's candidates who are one person (身份证号): ByRelation `PERSON#<id>`, sort-key
 * prefix `CANDIDATE#<recruitment>#` (the recruitment bounds the read).
 */
export async function candidatePageOfPerson(
  store: Store,
  recruitmentId: string,
  nationalId: string,
  cursor?: string,
  limit = 50,
): Promise<Page<CandidateRecord>> {
  const page = await store.queryPage(
    {
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: 'gsi2pk = :person AND begins_with(gsi2sk, :recruitment)',
      ExpressionAttributeValues: {
        ':person': recruitmentKeys.person(nationalId),
        ':recruitment': recruitmentKeys.personCandidateSort(recruitmentId, ''),
      },
      Limit: limit,
    },
    cursor,
  );
  return { items: page.items.map(toCandidate), cursor: page.cursor };
}

/** A page of a recruitment's candidates whose name starts with `prefix` (ByCollection `CANDIDATES#<id>`, by name). */
export async function candidatePageByNamePrefix(
  store: Store,
  recruitmentId: string,
  prefix: string,
  cursor?: string,
  limit = 50,
): Promise<Page<CandidateRecord>> {
  const page = await store.queryPage(
    {
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :candidates AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: {
        ':candidates': recruitmentKeys.candidatesByName(recruitmentId),
        ':prefix': prefix,
      },
      Limit: limit,
    },
    cursor,
  );
  return { items: page.items.map(toCandidate), cursor: page.cursor };
}

/** Every recruitment of a city (ByCollection `RECRUITMENTS#<city>`; the consistency checker reads them all). */
export async function recruitmentsOfCity(store: Store, city: string): Promise<RecruitmentRecord[]> {
  const items = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': recruitmentKeys.byCity(city) },
  });
  return items.map(toRecruitment);
}

/** A recruitment and all its candidates as one read (one Query of its partition). */
export async function recruitmentWithCandidates(
  store: Store,
  id: string,
): Promise<{ recruitment: RecruitmentRecord | undefined; candidates: CandidateRecord[] }> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': recruitmentKeys.key(id).pk },
  });
  const recruitment = items.find((item) => item.sk === recruitmentKeys.key(id).sk);
  return {
    recruitment: recruitment && toRecruitment(recruitment),
    candidates: items
      .filter((item) => (item.sk as string).startsWith(recruitmentKeys.candidatePrefix))
      .map(toCandidate),
  };
}

/** The candidate id this person registered under in this recruitment, if any (the national-id guard). */
export async function registeredCandidateId(
  store: Store,
  recruitmentId: string,
  nationalId: string,
): Promise<string | undefined> {
  const guard = await store.get(recruitmentKeys.nationalIdGuard(recruitmentId, nationalId));
  return guard ? String(guard.candidateId) : undefined;
}

// ----------------------------------------------------------------------------------------------
// Writes

export function createRecruitment(record: RecruitmentRecord): WriteOp {
  return { Put: { Item: recruitmentItem(record), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/**
 * Claims registration numbers `count + 1 … count + registered` (stage open, count unchanged since
 * read) and counts the eligible ones; a concurrent registration fails the condition.
 */
export function claimRegistrationNumbers(
  recruitment: Pick<RecruitmentRecord, 'id' | 'candidateCount'>,
  claim: { registered: number; eligible: number; now: string },
  onConditionFailed: () => AppError,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.key(recruitment.id),
      UpdateExpression:
        'SET candidateCount = :next, eligibleCount = eligibleCount + :eligible, version = version + :one, updatedAt = :now',
      ConditionExpression: 'stage = :open AND candidateCount = :count',
      ExpressionAttributeValues: {
        ':next': recruitment.candidateCount + claim.registered,
        ':count': recruitment.candidateCount,
        ':eligible': claim.eligible,
        ':one': 1,
        ':now': claim.now,
        ':open': 'open',
      },
    },
    onConditionFailed,
  };
}

/** The candidate and the guard that keeps one registration per person per recruitment. */
export function registerCandidate(candidate: CandidateRecord): WriteOp[] {
  return [
    {
      Put: {
        Item: {
          ...recruitmentKeys.nationalIdGuard(candidate.recruitmentId, candidate.nationalId),
          type: 'candidate-national-id',
          candidateId: candidate.id,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: () =>
        conflict('DUPLICATE_CANDIDATE', 'This person is already registered in this recruitment'),
    },
    { Put: { Item: candidateItem(candidate), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

/** Undoes `registerCandidate` (a batch's rollback): the guard only if it is still this candidate's. */
export function unregisterCandidate(candidate: CandidateRecord): WriteOp[] {
  return [
    {
      Delete: {
        Key: recruitmentKeys.nationalIdGuard(candidate.recruitmentId, candidate.nationalId),
        ConditionExpression: 'candidateId = :id',
        ExpressionAttributeValues: { ':id': candidate.id },
      },
    },
    { Delete: { Key: recruitmentKeys.candidate(candidate.recruitmentId, candidate.id) } },
  ];
}

/**
 * The recruitment item update that every change to its candidates makes: bumps the version (so a
 * stage change read before it fails) and guards the stage the change was checked in.
 */
export function touchRecruitment(
  recruitmentId: string,
  stage: RecruitmentStage,
  now: string,
  action: string,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.key(recruitmentId),
      UpdateExpression: 'SET version = version + :one, updatedAt = :now',
      ConditionExpression: 'stage = :stage',
      ExpressionAttributeValues: { ':one': 1, ':now': now, ':stage': stage },
    },
    onConditionFailed: () =>
      unprocessable('WRONG_STAGE', `The recruitment left stage ${stage} meanwhile; can't ${action} now`, {
        expected: [stage],
      }),
  };
}

/** Sets one exam score. */
export function setCandidateScore(
  candidate: Pick<CandidateRecord, 'recruitmentId' | 'id'>,
  field: ScoreField,
  value: number,
  now: string,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.candidate(candidate.recruitmentId, candidate.id),
      UpdateExpression: 'SET scores.#field = :value, updatedAt = :now, version = version + :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#field': field },
      ExpressionAttributeValues: { ':value': value, ':now': now, ':one': 1 },
    },
  };
}

/** Undoes `setCandidateScore` (a batch's rollback): the score as it was, null included. */
export function restoreCandidateScore(
  candidate: Pick<CandidateRecord, 'recruitmentId' | 'id'>,
  field: ScoreField,
  previous: number | null,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.candidate(candidate.recruitmentId, candidate.id),
      UpdateExpression: 'SET scores.#field = :value, version = version + :one',
      ExpressionAttributeNames: { '#field': field },
      ExpressionAttributeValues: { ':value': previous, ':one': 1 },
    },
  };
}

/**
 * A department's decision, once: 409 REVIEW_ALREADY_RECORDED if it decided meanwhile. With `notice`,
 * the decision that completes a reserve's approval also moves them up (递补) with their own notice,
 * in the same update (one transaction can't hold two operations on one item).
 */
export function recordReviewDecision(
  candidate: Pick<CandidateRecord, 'recruitmentId' | 'id'>,
  department: string,
  review: ReviewRecord,
  notice: { startsOn: string; endsOn: string } | null = null,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.candidate(candidate.recruitmentId, candidate.id),
      UpdateExpression: `SET reviews.#department = :review, ${notice ? 'notice = :notice, ' : ''}updatedAt = :now, version = version + :one`,
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reviews.#department)',
      ExpressionAttributeNames: { '#department': department },
      ExpressionAttributeValues: {
        ':review': review,
        ':now': review.recordedAt,
        ':one': 1,
        ...(notice ? { ':notice': notice } : {}),
      },
    },
    onConditionFailed: () =>
      conflict('REVIEW_ALREADY_RECORDED', `${department} already decided on this candidate`),
  };
}

const NOT_HIRED = '(attribute_not_exists(hiredWorkerId) OR attribute_type(hiredWorkerId, :nullType))';
const candidateChanged = () =>
  conflict('CONCURRENT_UPDATE', 'The candidate changed meanwhile (a decision or a hire); reload and retry');

/** Takes a department's decision back (the candidate as read, still unhired, the decision still there). */
export function withdrawReviewDecision(
  candidate: Pick<CandidateRecord, 'recruitmentId' | 'id' | 'version'>,
  department: string,
  now: string,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.candidate(candidate.recruitmentId, candidate.id),
      UpdateExpression: 'REMOVE reviews.#department SET updatedAt = :now, version = version + :one',
      ConditionExpression: `version = :version AND attribute_exists(reviews.#department) AND ${NOT_HIRED}`,
      ExpressionAttributeNames: { '#department': department },
      ExpressionAttributeValues: {
        ':now': now,
        ':one': 1,
        ':version': candidate.version,
        ':nullType': 'NULL',
      },
    },
    onConditionFailed: candidateChanged,
  };
}

/** Records that a selected candidate withdrew or was disqualified (the candidate as read, unhired). */
export function markCandidateRemoved(
  candidate: Pick<CandidateRecord, 'recruitmentId' | 'id' | 'version'>,
  removal: CandidateRemoval,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.candidate(candidate.recruitmentId, candidate.id),
      UpdateExpression: 'SET removal = :removal, updatedAt = :now, version = version + :one',
      ConditionExpression: `version = :version AND ${NOT_HIRED}`,
      ExpressionAttributeValues: {
        ':removal': removal,
        ':now': removal.at,
        ':one': 1,
        ':version': candidate.version,
        ':nullType': 'NULL',
      },
    },
    onConditionFailed: candidateChanged,
  };
}

/** Gives a candidate who moved up (递补) their own notice (the candidate as read). */
export function giveOwnNotice(
  candidate: Pick<CandidateRecord, 'recruitmentId' | 'id' | 'version'>,
  notice: { startsOn: string; endsOn: string },
  now: string,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.candidate(candidate.recruitmentId, candidate.id),
      UpdateExpression: 'SET notice = :notice, updatedAt = :now, version = version + :one',
      ConditionExpression: 'version = :version',
      ExpressionAttributeValues: { ':notice': notice, ':now': now, ':one': 1, ':version': candidate.version },
    },
    onConditionFailed: candidateChanged,
  };
}

/** Replaces the selection during the notice (the recruitment as read: same version, still in notice). */
export function reselect(
  recruitment: Pick<RecruitmentRecord, 'id' | 'version'>,
  selected: string[],
  now: string,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.key(recruitment.id),
      UpdateExpression: 'SET selected = :selected, updatedAt = :now, version = version + :one',
      ConditionExpression: 'stage = :notice AND version = :version',
      ExpressionAttributeValues: {
        ':selected': selected,
        ':now': now,
        ':one': 1,
        ':notice': 'notice',
        ':version': recruitment.version,
      },
    },
    onConditionFailed: () =>
      conflict(
        'CONCURRENT_UPDATE',
        'The recruitment changed meanwhile (a hire or a stage change); reload and retry',
      ),
  };
}

/** Moves the recruitment to `to` with the fields the transition fixes, guarded by stage and version. */
export function changeRecruitmentStage(
  recruitment: Pick<RecruitmentRecord, 'id' | 'stage' | 'version'>,
  to: RecruitmentStage,
  changes: StageChanges,
  now: string,
): WriteOp {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {
    ':to': to,
    ':from': recruitment.stage,
    ':version': recruitment.version,
    ':one': 1,
    ':now': now,
  };
  const sets = ['stage = :to', 'stageChangedAt = :now', 'updatedAt = :now', 'version = version + :one'];
  Object.entries(changes).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  return {
    Update: {
      Key: recruitmentKeys.key(recruitment.id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'stage = :from AND version = :version',
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
    },
    onConditionFailed: () =>
      conflict('CONCURRENT_UPDATE', 'The recruitment changed while changing its stage; reload and retry'),
  };
}

/** Marks a candidate hired (once: 409 ALREADY_HIRED). */
export function markCandidateHired(
  candidate: Pick<CandidateRecord, 'recruitmentId' | 'id'>,
  workerId: string,
  hiredOn: string,
  now: string,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.candidate(candidate.recruitmentId, candidate.id),
      UpdateExpression:
        'SET hiredWorkerId = :workerId, hiredOn = :hiredOn, updatedAt = :now, version = version + :one',
      ConditionExpression:
        'attribute_exists(pk) AND (attribute_not_exists(hiredWorkerId) OR attribute_type(hiredWorkerId, :nullType))',
      ExpressionAttributeValues: {
        ':workerId': workerId,
        ':hiredOn': hiredOn,
        ':now': now,
        ':one': 1,
        ':nullType': 'NULL',
      },
    },
    onConditionFailed: () => conflict('ALREADY_HIRED', 'This candidate has already been hired'),
  };
}

/** Counts a hire on the recruitment: still in its notice and the candidate still selected. */
export function countHire(recruitmentId: string, candidateId: string, now: string): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.key(recruitmentId),
      UpdateExpression: 'SET hiredCount = hiredCount + :one, updatedAt = :now',
      ConditionExpression: 'stage = :notice AND contains(selected, :candidateId)',
      ExpressionAttributeValues: { ':one': 1, ':now': now, ':notice': 'notice', ':candidateId': candidateId },
    },
    onConditionFailed: () =>
      unprocessable('WRONG_STAGE', 'The recruitment changed (closed?) while hiring; reload and retry'),
  };
}
