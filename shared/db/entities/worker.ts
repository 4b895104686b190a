import { rootOf } from '#shared/domain/org-paths.ts';
import { type CertificateLevel, heldLevel } from '#shared/domain/certificates.ts';
import type { WorkerRecord, WorkerStatus } from '#shared/domain/workers.ts';
import { withoutKeys } from '#shared/db/items.ts';

export const workerKeys = {
  key: (id: string) => ({ pk: `WORKER#${id}`, sk: 'PROFILE' }),
  /** ByCollection partition: a city's workers of one status, sorted by org path (a subtree is a key range, `subtreeQuery`). */
  byStatus: (org: string, status: WorkerStatus) => `WORKERS#${rootOf(org)}#${status}`,
  /** Sort key: `<org>/#<id>` so the range `<subtree>/`…`<subtree>/\uffff` selects a subtree and never a sibling. */
  orgSort: (org: string, id: string) => `${org}/#${id}`,
  /**
   * ByRelation partition of one person (身份证号): their worker records, sort key `WORKER#<org>/#<id>`
   * so "this person in a subtree" is one key condition (the subtree's range), never a filter.
   */
  person: (nationalId: string) => `PERSON#${nationalId}`,
  personWorkerSort: (org: string, id: string) => `WORKER#${org}/#${id}`,
  /** The start of a subtree's range in that partition (`…\uffff` ends it): the unit and every unit below. */
  personWorkersIn: (org: string) => `WORKER#${org}/`,
  /** ByLookup partition: a city's workers by name, sort key `<name>#<org>/#<id>` (name prefix = begins_with). */
  byName: (org: string) => `WORKERNAME#${rootOf(org)}`,
  nameSort: (name: string, org: string, id: string) => `${name}#${org}/#${id}`,
  /**
   * ByCertification partition: a city's active workers whose highest certificate is `level`
   * (`none` without one); sort key `orgSort`, so a subtree is the same key range as above.
   */
  byCertification: (org: string, level: CertificateLevel | 'none') => `HOLDERS#${rootOf(org)}#${level}`,
  /** One active worker per national id (GB 11643). */
  activeNationalId: (nationalId: string) => ({ pk: `NATID#${nationalId}`, sk: 'ACTIVE' }),
};

export function workerItem(worker: WorkerRecord) {
  return {
    ...workerKeys.key(worker.id),
    type: 'worker',
    gsi1pk: workerKeys.byStatus(worker.org, worker.status),
    gsi1sk: workerKeys.orgSort(worker.org, worker.id),
    // A worker record's org, name and national id never change (a transfer creates a new record),
    // so these look-up keys are written once, with the record.
    gsi2pk: workerKeys.person(worker.nationalId),
    gsi2sk: workerKeys.personWorkerSort(worker.org, worker.id),
    gsi3pk: workerKeys.byName(worker.org),
    gsi3sk: workerKeys.nameSort(worker.name, worker.org, worker.id),
    ...(worker.status === 'active' ? certificationKeys(worker) : {}),
    ...worker,
  };
}

/**
 * The ByCertification keys of an active worker: written with the record, moved when a certificate
 * is recorded (`workers.appendCertificates`), removed on exit (the index holds active workers only).
 */
export function certificationKeys(worker: Pick<WorkerRecord, 'org' | 'id' | 'certificates'>) {
  return {
    gsi4pk: workerKeys.byCertification(worker.org, heldLevel(worker.certificates ?? []) ?? 'none'),
    gsi4sk: workerKeys.orgSort(worker.org, worker.id),
  };
}

export function toWorker(item: Record<string, unknown>): WorkerRecord {
  const worker = withoutKeys<WorkerRecord>(item, {
    certificates: [],
    mentorIds: [],
    annualGrades: {},
    exit: null,
    source: {},
  });
  // Records written before the rule said so carry "the day before hire" for "no probation".
  if (typeof worker.probationEndsOn === 'string' && worker.probationEndsOn < worker.hiredOn)
    worker.probationEndsOn = null;
  return worker;
}
