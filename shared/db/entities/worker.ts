import { rootOf } from '#shared/auth/subtree.ts';
import type { CertificateLevel } from '#shared/domain/certificates.ts';
import type { EvaluationGrade } from '#shared/domain/evaluation.ts';
import type { Post, StepState } from '#shared/domain/pay.ts';
import type { Committee, CommitteeRole } from '#shared/domain/promotion.ts';
import type { GradeChangeReason } from '#shared/db/entities/grade.ts';
import type { EducationLevel } from '#shared/domain/recruitment.ts';
import type { ProbationStatus } from '#shared/domain/probation.ts';

export const workerStatuses = ['active', 'exited'] as const;
export type WorkerStatus = (typeof workerStatuses)[number];
export const hireChannels = ['open-recruitment', 'transfer', 'helper-appointment'] as const;
export type HireChannel = (typeof hireChannels)[number];

export interface CommitteeSeat {
  committee: Committee;
  role: CommitteeRole;
  since: string;
}

export interface WorkerCertificate {
  level: CertificateLevel;
  number: string;
  issuedOn: string;
  registeredOn: string;
}

/**
 * A community worker. The item carries everything the hot reads need (grade, post, certificates,
 * current mentors, last annual evaluation), so "my record", "my statement" and the authorisation
 * check for a worker are one GetItem.
 */
export interface WorkerRecord {
  id: string;
  name: string;
  nationalId: string;
  sex: 'male' | 'female';
  birthDate: string;
  /** The org unit the worker is placed in (a grid or a community); seats are taken from here up. */
  org: string;
  status: WorkerStatus;
  channel: HireChannel;
  education: EducationLevel;
  isPartyMember: boolean;
  post: Post;
  grade: number;
  /** Grade-step bookkeeping (years counted in grade, excellent run, last step year). */
  step: StepState;
  /**
   * Effective date of the current post and grade (the latest grade-history entry, see
   * entities/grade.ts). When absent (a hire that did not set it), the current grade dates from `hiredOn`.
   */
  gradeSince?: string;
  /** Why the current post and grade changed last ('set', 'step', 'promotion', …; absent: the hire). */
  gradeReason?: GradeChangeReason;
  /** Current seats in the two committees (两委), kept by promotions (careers). */
  committeeRoles?: CommitteeSeat[];
  hiredOn: string;
  /** Last day of probation; null when there is none (transferred workers serve no probation). */
  probationEndsOn: string | null;
  contractEndsOn: string;
  /** Probation decisions (转正): see domain/probation.ts; absent on older records = still serving. */
  probationStatus?: ProbationStatus;
  probationExtendedMonths?: number;
  probationDecidedOn?: string | null;
  certificates: WorkerCertificate[];
  /** Current mentors' worker ids (kept in step with mentorships; used by authorisation). */
  mentorIds: string[];
  /** Annual evaluation grades by year, e.g. { "2025": "competent" } (steps, bonus, honours). */
  annualGrades: Record<string, EvaluationGrade>;
  exit: { situation: number; effectiveOn: string; evidence: string; recordedAt: string } | null;
  /** Where the worker came from: recruitment/candidate, transfer batch, pay before transfer. */
  source: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const workerKeys = {
  key: (id: string) => ({ pk: `WORKER#${id}`, sk: 'PROFILE' }),
  /** ByCollection partition: a city's workers of one status, sorted by org path (subtree = begins_with). */
  byStatus: (org: string, status: WorkerStatus) => `WORKERS#${rootOf(org)}#${status}`,
  /** Sort key: `<org>/#<id>` so the range `<subtree>/`…`<subtree>/\uffff` selects a subtree and never a sibling. */
  orgSort: (org: string, id: string) => `${org}/#${id}`,
  /**
   * ByRelation partition of one person (身份证号): their worker records, sort key `WORKER#<org>/#<id>`
   * so "this person in a subtree" is one key condition (the subtree's range), never a filter.
   */
  person: (nationalId: string) => `PERSON#${nationalId}`,
  personWorkerSort: (org: string, id: string) => `WORKER#${org}/#${id}`,
  /** ByLookup partition: a city's workers by name, sort key `<name>#<org>/#<id>` (name prefix = begins_with). */
  byName: (org: string) => `WORKERNAME#${rootOf(org)}`,
  nameSort: (name: string, org: string, id: string) => `${name}#${org}/#${id}`,
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
    ...worker,
  };
}

const ITEM_ONLY = new Set(['pk', 'sk', 'type', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk']);

export function toWorker(item: Record<string, unknown>): WorkerRecord {
  const worker: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!ITEM_ONLY.has(k)) worker[k] = v;
  // Records written before the rule said so carry "the day before hire" for "no probation".
  if (typeof worker.probationEndsOn === 'string' && worker.probationEndsOn < (worker.hiredOn as string))
    worker.probationEndsOn = null;
  return {
    certificates: [],
    mentorIds: [],
    annualGrades: {},
    exit: null,
    source: {},
    ...worker,
  } as unknown as WorkerRecord;
}
