import { describe, expect, it } from 'vitest';
import {
  type OnboardingRow,
  onboardedProbation,
  onboardedStepState,
  onboardingRowProblems,
  pastStepYears,
} from '#shared/domain/onboarding.ts';
import { defaultPayPolicy } from '#shared/domain/pay.ts';
import { onboardingRow } from '#shared/schemas/onboarding.ts';

const TODAY = '2026-03-02';
const row = (overrides: Partial<OnboardingRow> = {}): OnboardingRow => ({
  nationalId: '230902199506150010',
  name: '张三',
  org: 'qth/x/s/c1',
  education: 'college',
  isPartyMember: false,
  hiredOn: '2019-03-01',
  post: 'staff',
  grade: 4,
  contractEndsOn: '2028-02-29',
  annualGrades: {},
  ...overrides,
});
const codes = (r: OnboardingRow) => onboardingRowProblems(r, 7, TODAY, defaultPayPolicy).map((p) => p.code);

describe('onboarding rows', () => {
  it('accepts a consistent history and names each contradiction by field', () => {
    expect(codes(row())).toEqual([]);
    expect(codes(row({ hiredOn: '2026-03-03' }))).toContain('ONBOARDING_HIRED_IN_FUTURE');
    expect(codes(row({ gradeSince: '2018-12-31' }))).toEqual(['ONBOARDING_GRADE_DATE']);
    expect(codes(row({ probationEndsOn: '2019-02-28' }))).toEqual(['ONBOARDING_PROBATION_DATE']);
    expect(codes(row({ contractEndsOn: '2026-03-01' }))).toEqual(['ONBOARDING_CONTRACT_ENDED']);
    expect(codes(row({ contractStartsOn: '2026-03-05' }))).toEqual(['ONBOARDING_CONTRACT_START']);
    expect(codes(row({ grade: 13 }))).toEqual(['GRADE_OUTSIDE_BAND']);
    expect(codes(row({ annualGrades: { '2018': 'competent', '2026': 'competent' } }))).toEqual([
      'ONBOARDING_EVALUATION_YEAR',
      'ONBOARDING_EVALUATION_YEAR',
    ]);
    const cert = {
      level: 'assistant',
      number: 'A1',
      issuedOn: '2021-06-01',
      registeredOn: '2021-05-01',
    } as const;
    expect(codes(row({ certificate: cert }))).toEqual(['REGISTERED_BEFORE_ISSUED']);
    expect(codes(row({ certificate: { ...cert, registeredOn: '2026-04-01' } }))).toEqual([
      'ONBOARDING_CERTIFICATE_FUTURE',
    ]);
    expect(onboardingRowProblems(row({ grade: 13 }), 7, TODAY, defaultPayPolicy)[0]).toMatchObject({
      row: 7,
      path: 'grade',
    });
  });

  it('reads probation as passed once over, serving while it runs, none when empty', () => {
    expect(onboardedProbation({ probationEndsOn: '2020-02-29' }, TODAY)).toEqual({
      probationEndsOn: '2020-02-29',
      probationStatus: 'confirmed',
      probationDecidedOn: '2020-02-29',
    });
    expect(onboardedProbation({ probationEndsOn: '2026-08-31' }, TODAY).probationStatus).toBe('serving');
    expect(onboardedProbation({}, TODAY)).toEqual({
      probationEndsOn: null,
      probationStatus: 'none',
      probationDecidedOn: null,
    });
  });

  it('replays the yearly step over the past years in grade, under each year’s policy', () => {
    expect(pastStepYears('2022-05-01', TODAY)).toEqual([2023, 2024, 2025, 2026]);
    const competent = {
      '2022': 'competent',
      '2023': 'competent',
      '2024': 'competent',
      '2025': 'competent',
    } as const;
    // Grade 4 from May 2022: 2022 partial, 2023–2025 counted → a step was due on 2026-01-01 (3 years).
    const due = onboardedStepState(
      row({ gradeSince: '2022-05-01', annualGrades: competent }),
      TODAY,
      () => defaultPayPolicy,
    );
    expect(due).toEqual({ ok: false, dueOn: '2026-01-01', to: 5 });
    // Under a five-year rule (an older policy) it is three years counted, no step.
    const five = { ...defaultPayPolicy, step: { ...defaultPayPolicy.step, yearsInGrade: 5 } };
    const counted = onboardedStepState(
      row({ gradeSince: '2022-05-01', annualGrades: competent }),
      TODAY,
      () => five,
    );
    expect(counted).toEqual({
      ok: true,
      step: {
        grade: 4,
        yearsCountedInGrade: 3,
        consecutiveExcellent: 0,
        earlyStepsTaken: 0,
        lastStepYear: 2026,
      },
    });
    // A missing evaluation counts nothing and leaves that year open for the step job.
    const gap = onboardedStepState(
      row({ gradeSince: '2024-01-01', annualGrades: { '2024': 'competent' } }),
      TODAY,
      () => defaultPayPolicy,
    );
    expect(gap).toEqual({
      ok: true,
      step: {
        grade: 4,
        yearsCountedInGrade: 1,
        consecutiveExcellent: 0,
        earlyStepsTaken: 0,
        lastStepYear: 2025,
      },
    });
  });

  it('reads the sheet’s cells: Chinese grades of past years, the certificate as all four or none', () => {
    const base = {
      nationalId: '230902199506150010',
      name: '张三',
      org: 'qth/x/s/c1',
      education: '大专',
      hiredOn: '2019-03-01',
      grade: '4',
      contractEndsOn: '2028-02-29',
    };
    const parsed = onboardingRow.parse({ ...base, annualGrades: '2023:称职；2024:优秀, 2025：基本称职' });
    expect(parsed.annualGrades).toEqual({ '2023': 'competent', '2024': 'excellent', '2025': 'basic' });
    expect(parsed).toMatchObject({ post: 'staff', grade: 4, isPartyMember: false, certificate: undefined });
    expect(onboardingRow.safeParse({ ...base, annualGrades: '2024 称职' }).success).toBe(false);
    const half = onboardingRow.safeParse({ ...base, certificateLevel: '社会工作师' });
    expect(half.success).toBe(false);
    expect(half.error?.issues.map((i) => i.path[0]).sort()).toEqual([
      'certificateIssuedOn',
      'certificateNumber',
      'certificateRegisteredOn',
    ]);
  });
});
