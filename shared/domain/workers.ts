import type { CertificateLevel } from './certificates.ts';
import type { ContractTerm } from './contracts.ts';
import type { EvaluationGrade } from './evaluation.ts';
import type { GradeChangeReason, Post, StepState } from './pay.ts';
import type { ProbationStatus } from './probation.ts';
import type { Committee, CommitteeRole } from './promotion.ts';
import type { EducationLevel } from './recruitment.ts';

export const workerStatuses = ['active', 'exited'] as const;
export type WorkerStatus = (typeof workerStatuses)[number];
/** How a worker came in; `onboarding` = already serving when the city adopted the system (存量导入). */
export const hireChannels = ['open-recruitment', 'transfer', 'helper-appointment', 'onboarding'] as const;
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
  /** The day the worker took up `org` by a move (调动); absent: they have served there since the hire. */
  orgSince?: string;
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
  /** Last day of the current (latest) contract term. */
  contractEndsOn: string;
  /** Contract terms (续签): see domain/contracts.ts; absent on older records = one term from the hire. */
  contractTerms?: ContractTerm[];
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
