import { describe, expect, it } from 'vitest';
import {
  bandOf,
  basePayFen,
  defaultPayPolicy,
  heldWholeYear,
  initialStepState,
  isGradeInBand,
  mapGradeForPay,
  monthlyStatement,
  type PayPolicy,
  PART_MONTH_RULE,
  payPolicySchema,
  proratedFen,
  type StepState,
  serviceInMonth,
  yearlyStep,
} from '#shared/domain/pay.ts';

// Default placeholder table: grade g base = 280,000 + (g-1) x 15,000 fen (2,800 yuan + 150 yuan/grade).
// Post allowances: principal 60,000, deputy 40,000, staff 20,000 fen.
const policy = defaultPayPolicy;

const issuePaths = (input: unknown) => {
  const r = payPolicySchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('pay policy validation', () => {
  it('accepts the default policy', () => {
    expect(payPolicySchema.safeParse(defaultPayPolicy).success).toBe(true);
    expect(basePayFen(1, policy)).toBe(280_000);
    expect(basePayFen(18, policy)).toBe(535_000);
  });

  it('rejects a table of 17 grades, naming baseMonthlyPayFen', () => {
    const paths = issuePaths({
      ...defaultPayPolicy,
      baseMonthlyPayFen: defaultPayPolicy.baseMonthlyPayFen.slice(0, 17),
    });
    expect(paths).toContain('baseMonthlyPayFen');
  });

  it('rejects a decreasing table at the offending grade', () => {
    const table = [...defaultPayPolicy.baseMonthlyPayFen];
    table[5] = 1; // grade 6 below grade 5
    expect(issuePaths({ ...defaultPayPolicy, baseMonthlyPayFen: table })).toContain('baseMonthlyPayFen.5');
  });

  it('rejects fractional or negative fen', () => {
    const table = [...defaultPayPolicy.baseMonthlyPayFen];
    table[0] = 280_000.5;
    expect(issuePaths({ ...defaultPayPolicy, baseMonthlyPayFen: table })).toContain('baseMonthlyPayFen.0');
    expect(
      issuePaths({
        ...defaultPayPolicy,
        postAllowanceFen: { ...defaultPayPolicy.postAllowanceFen, staff: -1 },
      }),
    ).toContain('postAllowanceFen.staff');
  });

  it('rejects a band outside 1..18 and a band with min > max', () => {
    expect(
      issuePaths({
        ...defaultPayPolicy,
        bands: { ...defaultPayPolicy.bands, principal: { min: 7, max: 19 } },
      }),
    ).toContain('bands.principal.max');
    expect(
      issuePaths({ ...defaultPayPolicy, bands: { ...defaultPayPolicy.bands, deputy: { min: 0, max: 15 } } }),
    ).toContain('bands.deputy.min');
    expect(
      issuePaths({ ...defaultPayPolicy, bands: { ...defaultPayPolicy.bands, staff: { min: 9, max: 3 } } }),
    ).toContain('bands.staff.min');
  });
});

describe('bands', () => {
  it('has the rule-book bands', () => {
    expect(bandOf('principal', policy)).toEqual({ min: 7, max: 18 });
    expect(bandOf('deputy', policy)).toEqual({ min: 4, max: 15 });
    expect(bandOf('staff', policy)).toEqual({ min: 1, max: 12 });
    expect(isGradeInBand('staff', 12, policy)).toBe(true);
    expect(isGradeInBand('staff', 13, policy)).toBe(false);
    expect(isGradeInBand('principal', 6, policy)).toBe(false);
    expect(isGradeInBand('deputy', 4.5, policy)).toBe(false);
    expect(() => basePayFen(19, policy)).toThrow(/grade/);
  });
});

describe('mapGradeForPay (bulk transfer: pay never drops)', () => {
  it('exact hit: staff grade 3 pays 310,000 + 20,000 = 330,000', () => {
    expect(mapGradeForPay('staff', 330_000, policy)).toEqual({ grade: 3, payFen: 330_000, shortfallFen: 0 });
  });

  it('between grades: one fen more goes to grade 4 (345,000)', () => {
    expect(mapGradeForPay('staff', 330_001, policy)).toEqual({ grade: 4, payFen: 345_000, shortfallFen: 0 });
  });

  it('below the bottom: the band minimum', () => {
    expect(mapGradeForPay('staff', 100_000, policy)).toEqual({ grade: 1, payFen: 300_000, shortfallFen: 0 });
    expect(mapGradeForPay('principal', 0, policy)).toEqual({ grade: 7, payFen: 430_000, shortfallFen: 0 });
  });

  it('above the top: top grade with the shortfall shown (12: 445,000 + 20,000 = 465,000)', () => {
    expect(mapGradeForPay('staff', 500_000, policy)).toEqual({
      grade: 12,
      payFen: 465_000,
      shortfallFen: 35_000,
    });
  });

  it('rejects fractional fen', () => {
    expect(() => mapGradeForPay('staff', 1.5, policy)).toThrow();
  });
});

describe('monthlyStatement', () => {
  it('lists base, post allowance and a certificate registered mid-month that same month', () => {
    const s = monthlyStatement(
      { post: 'principal', grade: 9, certificates: [{ level: 'intermediate', registeredOn: '2025-03-14' }] },
      '2025-03',
      policy,
    );
    expect(s.lines).toEqual([
      {
        code: 'base',
        label: '岗位等级工资',
        amountFen: 400_000,
        fullMonthFen: 400_000,
        basis: '9 级',
      },
      {
        code: 'post-allowance',
        label: '岗位津贴',
        amountFen: 60_000,
        fullMonthFen: 60_000,
        basis: '正职岗位',
      },
      {
        code: 'certificate-allowance',
        label: '职业资格津贴',
        amountFen: 30_000,
        fullMonthFen: 30_000,
        basis: '社会工作师证书，2025-03-14 登记',
      },
    ]);
    expect(s.totalFen).toBe(490_000);
  });

  it('does not pay the allowance before the month of registration', () => {
    const s = monthlyStatement(
      { post: 'principal', grade: 9, certificates: [{ level: 'intermediate', registeredOn: '2025-03-14' }] },
      '2025-02',
      policy,
    );
    expect(s.lines.map((l) => l.code)).toEqual(['base', 'post-allowance']);
    expect(s.totalFen).toBe(460_000);
  });

  it('pays only the highest level registered by the month', () => {
    const certificates = [
      { level: 'assistant', registeredOn: '2024-01-10' },
      { level: 'senior', registeredOn: '2025-06-30' },
    ] as const;
    const may = monthlyStatement({ post: 'staff', grade: 1, certificates }, '2025-05', policy);
    const june = monthlyStatement({ post: 'staff', grade: 1, certificates }, '2025-06', policy);
    expect(may.lines.filter((l) => l.code === 'certificate-allowance').map((l) => l.amountFen)).toEqual([
      20_000,
    ]);
    expect(june.lines.filter((l) => l.code === 'certificate-allowance').map((l) => l.amountFen)).toEqual([
      50_000,
    ]);
    expect(june.totalFen).toBe(280_000 + 20_000 + 50_000);
  });

  it('has no evaluation bonus line under the default policy', () => {
    const s = monthlyStatement({ post: 'deputy', grade: 4, evaluationGrade: 'excellent' }, '2026-01', policy);
    expect(s.lines.map((l) => l.code)).toEqual(['base', 'post-allowance']);
    expect(s.totalFen).toBe(325_000 + 40_000);
  });

  it('adds the bonus when the policy has one', () => {
    const withBonus: PayPolicy = payPolicySchema.parse({
      ...defaultPayPolicy,
      evaluationBonusFen: { excellent: 100_000, competent: 50_000, basic: 0, failed: 0 },
    });
    const s = monthlyStatement(
      { post: 'deputy', grade: 4, evaluationGrade: 'excellent', evaluationYear: 2025 },
      '2026-01',
      withBonus,
    );
    expect(s.lines.at(-1)).toEqual({
      code: 'evaluation-bonus',
      label: '考核奖励',
      amountFen: 100_000,
      fullMonthFen: 100_000,
      basis: '2025 年度考核优秀',
    });
    expect(s.totalFen).toBe(325_000 + 40_000 + 100_000);
    const basic = monthlyStatement(
      { post: 'deputy', grade: 4, evaluationGrade: 'basic' },
      '2026-01',
      withBonus,
    );
    expect(basic.lines).toHaveLength(2);
  });

  it('rejects a grade outside the post band, a bad month and a bad date', () => {
    expect(() => monthlyStatement({ post: 'principal', grade: 6 }, '2025-01', policy)).toThrow(/band/);
    expect(() => monthlyStatement({ post: 'staff', grade: 1 }, '2025-13', policy)).toThrow(/YYYY-MM/);
    expect(() =>
      monthlyStatement(
        { post: 'staff', grade: 1, certificates: [{ level: 'senior', registeredOn: '2025-02-30' }] },
        '2025-03',
        policy,
      ),
    ).toThrow(/registeredOn/);
  });
});

describe('yearlyStep', () => {
  // Grade held since long before the years these cases look at: every year is a whole year.
  const LONG_AGO = '2020-01-01';
  const at = (grade: number, over: Partial<StepState> = {}): StepState => ({
    ...initialStepState(grade),
    ...over,
  });

  it('steps after three years at least competent (excellent counts too)', () => {
    let state = at(5);
    const history = [
      { year: 2023, grade: 'competent' },
      { year: 2024, grade: 'excellent' },
      { year: 2025, grade: 'competent' },
    ] as const;
    const r1 = yearlyStep(state, history, 2024, 'staff', policy, LONG_AGO);
    expect(r1).toMatchObject({
      stepped: false,
      reason: 'counted',
      state: { grade: 5, yearsCountedInGrade: 1 },
    });
    state = r1.state;
    const r2 = yearlyStep(state, history, 2025, 'staff', policy, LONG_AGO);
    expect(r2).toMatchObject({ stepped: false, state: { yearsCountedInGrade: 2, consecutiveExcellent: 1 } });
    const r3 = yearlyStep(r2.state, history, 2026, 'staff', policy, LONG_AGO);
    expect(r3).toEqual({
      stepped: true,
      reason: 'regular-step',
      state: {
        grade: 6,
        yearsCountedInGrade: 0,
        consecutiveExcellent: 0,
        earlyStepsTaken: 0,
        lastStepYear: 2026,
      },
    });
  });

  it('a failed year (or basic, below competent) resets the count', () => {
    const failed = yearlyStep(
      at(5, { yearsCountedInGrade: 2, consecutiveExcellent: 1 }),
      'failed',
      2026,
      'staff',
      policy,
      LONG_AGO,
    );
    expect(failed).toMatchObject({
      stepped: false,
      reason: 'count-reset',
      state: { grade: 5, yearsCountedInGrade: 0, consecutiveExcellent: 0, lastStepYear: 2026 },
    });
    const basic = yearlyStep(at(5, { yearsCountedInGrade: 2 }), 'basic', 2026, 'staff', policy, LONG_AGO);
    expect(basic).toMatchObject({ reason: 'count-reset', state: { yearsCountedInGrade: 0 } });
  });

  it('two consecutive excellent years give one early step', () => {
    const r1 = yearlyStep(at(5), 'excellent', 2025, 'staff', policy, LONG_AGO);
    expect(r1).toMatchObject({ stepped: false, state: { consecutiveExcellent: 1, yearsCountedInGrade: 1 } });
    const r2 = yearlyStep(r1.state, 'excellent', 2026, 'staff', policy, LONG_AGO);
    expect(r2).toEqual({
      stepped: true,
      reason: 'early-step',
      state: {
        grade: 6,
        yearsCountedInGrade: 0,
        consecutiveExcellent: 0,
        earlyStepsTaken: 1,
        lastStepYear: 2026,
      },
    });
  });

  it('allows at most two early steps in total', () => {
    const r = yearlyStep(
      at(5, { consecutiveExcellent: 1, yearsCountedInGrade: 1, earlyStepsTaken: 2 }),
      'excellent',
      2026,
      'staff',
      policy,
      LONG_AGO,
    );
    expect(r).toMatchObject({
      stepped: false,
      reason: 'counted',
      state: { grade: 5, consecutiveExcellent: 2, yearsCountedInGrade: 2, earlyStepsTaken: 2 },
    });
  });

  it('prefers the regular step when both are due (no early step spent)', () => {
    const r = yearlyStep(
      at(5, { consecutiveExcellent: 1, yearsCountedInGrade: 2 }),
      'excellent',
      2026,
      'staff',
      policy,
      LONG_AGO,
    );
    expect(r).toMatchObject({
      stepped: true,
      reason: 'regular-step',
      state: { grade: 6, earlyStepsTaken: 0 },
    });
  });

  it('never leaves the band: no step at the top, reason recorded', () => {
    const r = yearlyStep(at(12, { yearsCountedInGrade: 2 }), 'competent', 2026, 'staff', policy, LONG_AGO);
    expect(r).toMatchObject({
      stepped: false,
      reason: 'top-of-band',
      state: { grade: 12, lastStepYear: 2026 },
    });
    // the same grade in the principal band still has room: the band max is 18
    // (staff 12 → principal is a promotion, covered in promotion tests)
  });

  it('refuses to apply the same year twice and years out of order', () => {
    const state = at(5, { yearsCountedInGrade: 2, lastStepYear: 2026 });
    expect(yearlyStep(state, 'competent', 2026, 'staff', policy, LONG_AGO)).toEqual({
      state,
      stepped: false,
      reason: 'already-applied',
    });
    expect(yearlyStep(state, 'competent', 2025, 'staff', policy, LONG_AGO)).toEqual({
      state,
      stepped: false,
      reason: 'out-of-order',
    });
  });

  it('waits when year-1 has no evaluation (does not mark the year applied)', () => {
    const state = at(5, { yearsCountedInGrade: 2 });
    const r = yearlyStep(state, [{ year: 2024, grade: 'excellent' }], 2026, 'staff', policy, LONG_AGO);
    expect(r).toEqual({ state, stepped: false, reason: 'no-evaluation' });
  });

  it('rejects a grade outside the band', () => {
    expect(() => yearlyStep(at(3), 'competent', 2026, 'deputy', policy, LONG_AGO)).toThrow(/band/);
  });
});

describe('yearlyStep counts whole calendar years in grade only', () => {
  const competentEveryYear = [2025, 2026, 2027, 2028].map((year) => ({ year, grade: 'competent' as const }));

  /** Runs the 1 January step for each year in turn, as the yearly job does. */
  const runYears = (
    state: StepState,
    history: readonly { year: number; grade: 'competent' | 'excellent' | 'basic' | 'failed' }[],
    years: number[],
    gradeSince: string,
  ) =>
    years.map((year) => {
      const outcome = yearlyStep(state, history, year, 'staff', policy, gradeSince);
      state = outcome.state;
      return { year, reason: outcome.reason, grade: outcome.state.grade, counted: state.yearsCountedInGrade };
    });

  it('a year counts only when the grade was held from its 1 January', () => {
    expect(heldWholeYear('2025-03-01', 2025)).toBe(false);
    expect(heldWholeYear('2025-03-01', 2026)).toBe(true);
    expect(heldWholeYear('2025-01-01', 2025)).toBe(true);
    expect(heldWholeYear('2025-12-31', 2025)).toBe(false);
  });

  it('grade 3 from 2025-03-01, competent every year: 2026, 2027, 2028 count, step on 2029-01-01', () => {
    expect(runYears(initialStepState(3), competentEveryYear, [2026, 2027, 2028, 2029], '2025-03-01')).toEqual(
      [
        { year: 2026, reason: 'partial-year', grade: 3, counted: 0 },
        { year: 2027, reason: 'counted', grade: 3, counted: 1 },
        { year: 2028, reason: 'counted', grade: 3, counted: 2 },
        { year: 2029, reason: 'regular-step', grade: 4, counted: 0 },
      ],
    );
  });

  it('a grade taken on 1 January (a step, a hire that day) holds that whole year', () => {
    expect(runYears(initialStepState(3), competentEveryYear, [2026, 2027, 2028], '2025-01-01')).toEqual([
      { year: 2026, reason: 'counted', grade: 3, counted: 1 },
      { year: 2027, reason: 'counted', grade: 3, counted: 2 },
      { year: 2028, reason: 'regular-step', grade: 4, counted: 0 },
    ]);
  });

  it('early steps count the same way: the excellent year of hire does not start the run', () => {
    const excellent = [2025, 2026, 2027].map((year) => ({ year, grade: 'excellent' as const }));
    expect(runYears(initialStepState(3), excellent, [2026, 2027, 2028], '2025-03-01')).toEqual([
      { year: 2026, reason: 'partial-year', grade: 3, counted: 0 },
      { year: 2027, reason: 'counted', grade: 3, counted: 1 },
      { year: 2028, reason: 'early-step', grade: 4, counted: 0 },
    ]);
  });

  it('the year of a change neither counts nor resets, whatever its evaluation, and is applied once', () => {
    const state: StepState = { ...initialStepState(5), earlyStepsTaken: 1 };
    const failedYear = yearlyStep(state, 'failed', 2027, 'staff', policy, '2026-07-01');
    expect(failedYear).toEqual({
      state: { ...state, lastStepYear: 2027 },
      stepped: false,
      reason: 'partial-year',
    });
    // No evaluation needed to know the year was not whole.
    expect(yearlyStep(state, [], 2027, 'staff', policy, '2026-07-01').reason).toBe('partial-year');
    expect(yearlyStep(failedYear.state, 'failed', 2027, 'staff', policy, '2026-07-01').reason).toBe(
      'already-applied',
    );
  });

  it('rejects a malformed grade date', () => {
    expect(() => yearlyStep(initialStepState(3), 'competent', 2027, 'staff', policy, '2026-02-30')).toThrow(
      /gradeSince/,
    );
  });
});

describe('part months: paid by calendar days', () => {
  it('counts the days served, both ends included', () => {
    // Hired on 30 November: 1 day of 30.
    expect(serviceInMonth('2026-11', '2026-11-30', null)).toEqual({
      from: '2026-11-30',
      to: '2026-11-30',
      daysServed: 1,
      daysInMonth: 30,
      partial: true,
    });
    // Exit dated 10 July (the last day served): 10 days of 31.
    expect(serviceInMonth('2026-07', '2025-03-01', '2026-07-10')).toMatchObject({
      from: '2026-07-01',
      to: '2026-07-10',
      daysServed: 10,
      daysInMonth: 31,
      partial: true,
    });
    // Hired and left in the same month; February of a leap year.
    expect(serviceInMonth('2028-02', '2028-02-10', '2028-02-19')).toMatchObject({
      daysServed: 10,
      daysInMonth: 29,
    });
    // Hired on the 1st, left on the last day, or neither in the month: a whole month.
    expect(serviceInMonth('2026-02', '2026-02-01', null)).toMatchObject({ daysServed: 28, partial: false });
    expect(serviceInMonth('2026-02', '2025-03-01', '2026-02-28')).toMatchObject({ partial: false });
    expect(serviceInMonth('2026-05', '2025-03-01', null)).toMatchObject({
      from: '2026-05-01',
      to: '2026-05-31',
      daysServed: 31,
    });
  });

  it('refuses a month not served and malformed dates', () => {
    expect(() => serviceInMonth('2026-10', '2026-11-30', null)).toThrow(/Not employed/);
    expect(() => serviceInMonth('2026-08', '2025-03-01', '2026-07-10')).toThrow(/Not employed/);
    expect(() => serviceInMonth('2026-13', '2025-03-01', null)).toThrow(/month/);
    expect(() => serviceInMonth('2026-07', '2025-02-30', null)).toThrow(/hiredOn/);
  });

  it('prorates to the fen, half up, in integer arithmetic', () => {
    expect(proratedFen(280_000, 12, 31)).toBe(108_387); // 108,387.10
    expect(proratedFen(20_000, 12, 31)).toBe(7_742); // 7,741.94
    expect(proratedFen(310_000, 1, 30)).toBe(10_333); // 10,333.33
    expect(proratedFen(1, 1, 2)).toBe(1); // 0.5 rounds up
    expect(proratedFen(3, 1, 2)).toBe(2); // 1.5 rounds up
    expect(proratedFen(99, 31, 31)).toBe(99);
    expect(proratedFen(99, 0, 31)).toBe(0);
    expect(() => proratedFen(1.5, 1, 2)).toThrow(/fen/);
    expect(() => proratedFen(100, 32, 31)).toThrow(/days served/);
  });

  it('pays every line of a part month by days and rounds line by line', () => {
    const s = monthlyStatement(
      {
        post: 'staff',
        grade: 3,
        certificates: [{ level: 'intermediate', registeredOn: '2026-01-15' }],
        service: serviceInMonth('2026-11', '2026-11-30', null),
      },
      '2026-11',
      policy,
    );
    expect(s.lines.map((l) => [l.code, l.fullMonthFen, l.amountFen])).toEqual([
      ['base', 310_000, 10_333],
      ['post-allowance', 20_000, 667],
      ['certificate-allowance', 30_000, 1_000],
    ]);
    expect(s.lines[0]!.basis).toBe('3 级；在岗 1/30 天（2026-11-30 至 2026-11-30）');
    expect(s.totalFen).toBe(10_333 + 667 + 1_000);
    expect(s.service).toMatchObject({ daysServed: 1, daysInMonth: 30, partial: true });
    expect(PART_MONTH_RULE).toContain('在岗天数 ÷ 当月天数');
  });

  it('rounds each line, not the total: two half fen make two fen', () => {
    const tiny: PayPolicy = {
      ...policy,
      baseMonthlyPayFen: policy.baseMonthlyPayFen.map(() => 1),
      postAllowanceFen: { principal: 1, deputy: 1, staff: 1 },
    };
    const s = monthlyStatement(
      { post: 'staff', grade: 1, service: serviceInMonth('2026-06', '2026-06-16', null) },
      '2026-06',
      tiny,
    );
    // 15 of 30 days: each line 0.5 fen → 1 fen; the total is the sum of the lines (2), not 2 × 0.5 rounded once.
    expect(s.lines.map((l) => l.amountFen)).toEqual([1, 1]);
    expect(s.totalFen).toBe(2);
  });

  it('pays a whole month in full and refuses days outside the month', () => {
    const whole = monthlyStatement({ post: 'staff', grade: 3 }, '2026-11', policy);
    expect(whole.service).toMatchObject({ daysServed: 30, partial: false });
    expect(whole.lines.map((l) => l.amountFen)).toEqual([310_000, 20_000]);
    expect(() =>
      monthlyStatement(
        { post: 'staff', grade: 3, service: serviceInMonth('2026-10', '2026-10-30', null) },
        '2026-11',
        policy,
      ),
    ).toThrow(/days served must lie in 2026-11/);
  });
});
