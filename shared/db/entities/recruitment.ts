import { rootOf } from '#shared/domain/org-paths.ts';
import type { CandidateRecord, RecruitmentRecord } from '#shared/domain/recruitment-records.ts';
import { withoutKeys } from '#shared/db/items.ts';

// The records are the domain's (shared/domain/recruitment-records.ts); named reads and writes are in
// shared/db/recruitments.ts. This file holds the keys and item mappers.
export type { CandidateRecord, RecruitmentRecord, ReviewRecord } from '#shared/domain/recruitment-records.ts';

export const recruitmentKeys = {
  key: (id: string) => ({ pk: `RECRUITMENT#${id}`, sk: 'RECRUITMENT' }),
  /** ByCollection partition: a city's recruitments, sorted by org path (a subtree is the `<org>/` key range, `subtreeQuery`). */
  byCity: (org: string) => `RECRUITMENTS#${rootOf(org)}`,
  orgSort: (org: string, id: string) => `${org}/#${id}`,
  /**
   * Candidates live in their recruitment's partition: "all candidates of a recruitment" is
   * Query pk = RECRUITMENT#<id> AND begins_with(sk, 'CANDIDATE#').
   */
  candidate: (recruitmentId: string, candidateId: string) => ({
    pk: `RECRUITMENT#${recruitmentId}`,
    sk: `CANDIDATE#${candidateId}`,
  }),
  candidatePrefix: 'CANDIDATE#',
  /** ByCollection partition: a recruitment's candidates by name, sort key `<name>#<id>` (name prefix = begins_with). */
  candidatesByName: (recruitmentId: string) => `CANDIDATES#${recruitmentId}`,
  candidateNameSort: (name: string, candidateId: string) => `${name}#${candidateId}`,
  /** ByRelation partition of one person (as for workers): `CANDIDATE#<recruitment>#<id>`. */
  person: (nationalId: string) => `PERSON#${nationalId}`,
  personCandidateSort: (recruitmentId: string, candidateId: string) =>
    `CANDIDATE#${recruitmentId}#${candidateId}`,
  /** One registration per person per recruitment (guard item, written with the candidate). */
  nationalIdGuard: (recruitmentId: string, nationalId: string) => ({
    pk: `RECRUITMENT#${recruitmentId}`,
    sk: `NATID#${nationalId}`,
  }),
};

export function recruitmentItem(record: RecruitmentRecord) {
  return {
    ...recruitmentKeys.key(record.id),
    type: 'recruitment',
    gsi1pk: recruitmentKeys.byCity(record.org),
    gsi1sk: recruitmentKeys.orgSort(record.org, record.id),
    ...record,
  };
}

export function candidateItem(record: CandidateRecord) {
  return {
    ...recruitmentKeys.candidate(record.recruitmentId, record.id),
    type: 'candidate',
    // Name and national id never change after registration: look-up keys written once.
    gsi1pk: recruitmentKeys.candidatesByName(record.recruitmentId),
    gsi1sk: recruitmentKeys.candidateNameSort(record.name, record.id),
    gsi2pk: recruitmentKeys.person(record.nationalId),
    gsi2sk: recruitmentKeys.personCandidateSort(record.recruitmentId, record.id),
    ...record,
  };
}

export function toRecruitment(item: Record<string, unknown>): RecruitmentRecord {
  return withoutKeys<RecruitmentRecord>(item);
}

export function toCandidate(item: Record<string, unknown>): CandidateRecord {
  return withoutKeys<CandidateRecord>(item, { reviews: {}, removal: null, notice: null });
}
