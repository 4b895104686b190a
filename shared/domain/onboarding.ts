import type { CertificateLevel } from './certificates.ts';
import type { EvaluationGrade } from './evaluation.ts';
import {
  isGradeInBand,
  type PayPolicy,
  type Post,
  type StepState,
  initialStepState,
  yearlyStep,
} from './pay.ts';
import type { ProbationStatus } from './probation.ts';
import type { EducationLevel } from './recruitment.ts';

/**
 * Onboarding an existing workforce (存量人员导入): a city adopting the system records the workers
 * already serving, with their history (hire, post and grade with its date, probation and contract
 * dates, a certificate, party membership, past annual evaluations). Pure rules: what a row may say
 * and the step state its history implies.
 */
export interface OnboardingRow {
  nationalId: string;
  name: string;
  /** The grid or community the worker serves in. */
  org: string;
  education: EducationLevel;
  isPartyMember: boolean;
  hiredOn: string;
  post: Post;
  grade: number;
  /** The date the current post and grade took effect (default: the hire date). */
  gradeSince?: string | undefined;
  /** Last day of probation; absent when the worker served none. */
  probationEndsOn?: string | undefined;
  contractStartsOn?: string | undefined;
  contractEndsOn: string;
  certificate?:
    | { level: CertificateLevel; number: string; issuedOn: string; registeredOn: string }
    | undefined;
  /** Past annual evaluations by year, e.g. { "2025": "competent" }. */
  annualGrades: Record<string, EvaluationGrade>;
}

/** One reason a row can't be onboarded (`code` is a catalogue code; `path` the field). */
export interface OnboardingRowProblem {
  row: number;
  path: string;
  code: string;
  message: string;
  [detail: string]: unknown;
}

/**
 * The dates of one row against each other and today: hired on or before today; the grade dated
 * between hire and today; probation ending after hire; a contract in force today; the certificate
 * registered on or after issue and not after today; annual evaluations only for whole past years
 * from the hire year on. The grade must lie in its post's band under today's pay policy.
 */
export function onboardingRowProblems(
  row: OnboardingRow,
  rowNo: number,
  today: string,
  payPolicy: PayPolicy,
): OnboardingRowProblem[] {
  const problems: OnboardingRowProblem[] = [];
  const add = (path: string, code: string, message: string, details: Record<string, unknown> = {}) =>
    problems.push({ row: rowNo, path, code, message, ...details });
  const gradeSince = row.gradeSince ?? row.hiredOn;
  if (row.hiredOn > today)
    add('hiredOn', 'ONBOARDING_HIRED_IN_FUTURE', `hired on ${row.hiredOn}, after today ${today}`, {
      hiredOn: row.hiredOn,
      today,
    });
  if (gradeSince < row.hiredOn || gradeSince > today)
    add(
      'gradeSince',
      'ONBOARDING_GRADE_DATE',
      `the grade's date ${gradeSince} is not between hire and today`,
      {
        gradeSince,
        hiredOn: row.hiredOn,
        today,
      },
    );
  if (row.probationEndsOn !== undefined && row.probationEndsOn < row.hiredOn)
    add(
      'probationEndsOn',
      'ONBOARDING_PROBATION_DATE',
      `probation ends ${row.probationEndsOn}, before the hire`,
      {
        probationEndsOn: row.probationEndsOn,
        hiredOn: row.hiredOn,
      },
    );
  const contractStart = row.contractStartsOn ?? row.hiredOn;
  if (
    row.contractStartsOn !== undefined &&
    (row.contractStartsOn < row.hiredOn || row.contractStartsOn > today)
  )
    add('contractStartsOn', 'ONBOARDING_CONTRACT_START', `the contract term starts ${row.contractStartsOn}`, {
      contractStartsOn: row.contractStartsOn,
      hiredOn: row.hiredOn,
      today,
    });
  if (row.contractEndsOn < today || row.contractEndsOn <= contractStart)
    add('contractEndsOn', 'ONBOARDING_CONTRACT_ENDED', `the contract ended on ${row.contractEndsOn}`, {
      contractEndsOn: row.contractEndsOn,
      today,
    });
  const cert = row.certificate;
  if (cert) {
    if (cert.registeredOn < cert.issuedOn)
      add('certificateRegisteredOn', 'REGISTERED_BEFORE_ISSUED', `registered before issued ${cert.issuedOn}`);
    if (cert.registeredOn > today)
      add('certificateRegisteredOn', 'ONBOARDING_CERTIFICATE_FUTURE', `registered after today ${today}`, {
        registeredOn: cert.registeredOn,
        today,
      });
  }
  const hireYear = Number(row.hiredOn.slice(0, 4));
  const thisYear = Number(today.slice(0, 4));
  for (const year of Object.keys(row.annualGrades).map(Number))
    if (year < hireYear || year >= thisYear)
      add('annualGrades', 'ONBOARDING_EVALUATION_YEAR', `no annual evaluation for ${year} here`, {
        year,
        hireYear,
        thisYear,
      });
  if (!isGradeInBand(row.post, row.grade, payPolicy))
    add('grade', 'GRADE_OUTSIDE_BAND', `grade ${row.grade} is outside the ${row.post} band`, {
      grade: row.grade,
      post: row.post,
      band: payPolicy.bands[row.post],
    });
  return problems;
}

/** Probation as the row states it: over before today means it was passed (转正). */
export function onboardedProbation(
  row: Pick<OnboardingRow, 'probationEndsOn'>,
  today: string,
): { probationEndsOn: string | null; probationStatus: ProbationStatus; probationDecidedOn: string | null } {
  if (row.probationEndsOn === undefined)
    return { probationEndsOn: null, probationStatus: 'none', probationDecidedOn: null };
  return row.probationEndsOn < today
    ? {
        probationEndsOn: row.probationEndsOn,
        probationStatus: 'confirmed',
        probationDecidedOn: row.probationEndsOn,
      }
    : { probationEndsOn: row.probationEndsOn, probationStatus: 'serving', probationDecidedOn: null };
}

/** The 1 January step dates between a grade's date and today whose step is already history. */
export function pastStepYears(gradeSince: string, today: string): number[] {
  const years: number[] = [];
  for (let year = Number(gradeSince.slice(0, 4)) + 1; `${year}-01-01` <= today; year++) years.push(year);
  return years;
}

/**
 * The step state the history implies (the yearly step rule replayed over every past 1 January in the
 * grade, each under the pay policy in force that day), or the first 1 January on which the rule
 * would have stepped the grade: then the row contradicts itself (a grade held that long with those
 * evaluations would no longer be the grade).
 */
export function onboardedStepState(
  row: Pick<OnboardingRow, 'post' | 'grade' | 'hiredOn' | 'gradeSince' | 'annualGrades'>,
  today: string,
  policyOn: (year: number) => PayPolicy,
): { ok: true; step: StepState } | { ok: false; dueOn: string; to: number } {
  const gradeSince = row.gradeSince ?? row.hiredOn;
  const annual = Object.entries(row.annualGrades).map(([year, grade]) => ({ year: Number(year), grade }));
  let state = initialStepState(row.grade);
  for (const year of pastStepYears(gradeSince, today)) {
    const outcome = yearlyStep(state, annual, year, row.post, policyOn(year), gradeSince);
    if (outcome.stepped) return { ok: false, dueOn: `${year}-01-01`, to: outcome.state.grade };
    state = outcome.state;
  }
  return { ok: true, step: state };
}
