import { describe, expect, it } from 'vitest';
import {
  contractTermFor,
  defaultEvaluationPolicy,
  evaluationPolicySchema,
  evaluationUnitOf,
  exitProposalFor,
  gradeOrgUnit,
  isEvaluationUnit,
  type OrgUnitResultInput,
  scoreWorker,
} from '#shared/domain/evaluation.ts';

const policy = defaultEvaluationPolicy;

describe('evaluation policy validation', () => {
  it('accepts the defaults', () => {
    expect(evaluationPolicySchema.safeParse(defaultEvaluationPolicy).success).toBe(true);
  });

  it('rejects weights not summing to 100, naming weights', () => {
    const r = evaluationPolicySchema.safeParse({
      ...defaultEvaluationPolicy,
      weights: { poll: 30, departments: 20, duty: 30, workOrders: 19 },
    });
    expect(r.success).toBe(false);
    const issue = r.success ? undefined : r.error.issues.find((i) => i.path[0] === 'weights');
    expect(issue?.message).toMatch(/weights must sum to 100 \(got 99\)/);
  });

  it('rejects fractional weights and unordered thresholds', () => {
    const frac = evaluationPolicySchema.safeParse({
      ...defaultEvaluationPolicy,
      weights: { poll: 30.5, departments: 19.5, duty: 30, workOrders: 20 },
    });
    expect(frac.success ? [] : frac.error.issues.map((i) => i.path.join('.'))).toContain('weights.poll');
    const [ex, co, ba, fa] = defaultEvaluationPolicy.thresholds;
    const unordered = evaluationPolicySchema.safeParse({
      ...defaultEvaluationPolicy,
      thresholds: [ex, { ...co!, minScore: 95 }, ba, fa],
    });
    expect(unordered.success ? [] : unordered.error.issues.map((i) => i.path.join('.'))).toContain(
      'thresholds.1.minScore',
    );
  });
});

describe('scoreWorker', () => {
  it('computes a full monthly score (worked by hand)', () => {
    // poll 92                                   → 9200
    // departments mean(88, 91, 95) = 91.333…    → 9133
    // duty 20/20 patrols, 27/30 visits → 50·1 + 50·0.9 = 95.00 → 9500
    // work orders 38/40 done, 36/38 satisfied → 50·0.95 + 50·0.947368… = 94.868… → 9487
    // satisfaction 36/38 = 94.736…%             → 9474
    // total (30·9200 + 20·9133 + 30·9500 + 20·9487) / 100 = 933400 / 100 = 9334 → 93.34
    const r = scoreWorker(
      {
        poll: { score: 92 },
        departments: { scores: [88, 91, 95] },
        duty: { gridPatrols: 20, householdVisits: 27 },
        workOrders: { assigned: 40, completed: 38, satisfied: 36 },
      },
      policy,
      'monthly',
    );
    expect(r).toEqual({
      components: { poll: 9200, departments: 9133, duty: 9500, workOrders: 9487 },
      totalHundredths: 9334,
      satisfactionPercent: 9474,
      missing: [],
      floorFailed: false,
      trainingRequirementMet: null,
      trainingPenaltyHundredths: 0,
    });
  });

  it('uses 12x targets and the training penalty for an annual period', () => {
    // duty: 240/240 patrols, 300/360 visits → 50 + 41.666… = 91.666… → 9167
    // total (30·9200 + 20·9133 + 30·9167 + 20·9487) / 100 = 923410 / 100 = 9234.1 → 9234
    // training 40 h < 48 h → −5 points → 8734
    const inputs = {
      poll: { score: 92 },
      departments: { scores: [88, 91, 95] },
      duty: { gridPatrols: 240, householdVisits: 300 },
      workOrders: { assigned: 40, completed: 38, satisfied: 36 },
      trainingHours: 40,
    };
    const short = scoreWorker(inputs, policy, 'annual');
    expect(short.components.duty).toBe(9167);
    expect(short.totalHundredths).toBe(8734);
    expect(short.trainingRequirementMet).toBe(false);
    expect(short.trainingPenaltyHundredths).toBe(500);
    const met = scoreWorker({ ...inputs, trainingHours: 48 }, policy, 'annual');
    expect(met.totalHundredths).toBe(9234);
    expect(met.trainingRequirementMet).toBe(true);
  });

  it('caps duty halves at 100 and flags satisfaction below the floor', () => {
    // duty 10/20 patrols, 45/30 visits (capped) → 25 + 50 = 75 → 7500
    // work orders 10/10 done, 5/10 satisfied → 50 + 25 = 75 → 7500; satisfaction 50% < 60%
    // total (30·7550 + 20·7000 + 30·7500 + 20·7500) / 100 = 741500 / 100 = 7415
    const r = scoreWorker(
      {
        poll: { score: 75.5 },
        departments: { scores: [70] },
        duty: { gridPatrols: 10, householdVisits: 45 },
        workOrders: { assigned: 10, completed: 10, satisfied: 5 },
      },
      policy,
      'monthly',
    );
    expect(r.components).toEqual({ poll: 7550, departments: 7000, duty: 7500, workOrders: 7500 });
    expect(r.totalHundredths).toBe(7415);
    expect(r.satisfactionPercent).toBe(5000);
    expect(r.floorFailed).toBe(true);
  });

  it('tests the floor exactly: 60% passes, 59.99…% fails', () => {
    const at60 = scoreWorker(
      { workOrders: { assigned: 10, completed: 10, satisfied: 6 } },
      policy,
      'monthly',
    );
    expect(at60.floorFailed).toBe(false);
    // 1799/3000 = 59.9666…% (rounds to 59.97)
    const below = scoreWorker(
      { workOrders: { assigned: 3000, completed: 3000, satisfied: 1799 } },
      policy,
      'monthly',
    );
    expect(below.floorFailed).toBe(true);
  });

  it('handles nothing assigned and nothing completed', () => {
    const none = scoreWorker({ workOrders: { assigned: 0, completed: 0, satisfied: 0 } }, policy, 'monthly');
    expect(none.components.workOrders).toBe(10000);
    expect(none.satisfactionPercent).toBeNull();
    const idle = scoreWorker({ workOrders: { assigned: 5, completed: 0, satisfied: 0 } }, policy, 'monthly');
    expect(idle.components.workOrders).toBe(0);
    expect(idle.satisfactionPercent).toBeNull();
    expect(idle.floorFailed).toBe(false);
  });

  it('scores missing components 0 and lists them', () => {
    const r = scoreWorker({ poll: { score: 80 }, departments: { scores: [] } }, policy, 'annual');
    expect(r.components).toEqual({ poll: 8000, departments: 0, duty: 0, workOrders: 0 });
    expect(r.missing).toEqual(['departments', 'duty', 'workOrders', 'trainingHours']);
    // 30·8000/100 = 2400, minus 5 points for no training → 1900
    expect(r.totalHundredths).toBe(1900);
  });

  it('never goes below 0 with the training penalty', () => {
    expect(scoreWorker({}, policy, 'annual').totalHundredths).toBe(0);
  });

  it('rejects inconsistent inputs', () => {
    expect(() =>
      scoreWorker({ workOrders: { assigned: 5, completed: 6, satisfied: 0 } }, policy, 'monthly'),
    ).toThrow();
    expect(() => scoreWorker({ poll: { score: 101 } }, policy, 'monthly')).toThrow();
  });
});

describe('gradeOrgUnit', () => {
  const w = (
    workerId: string,
    totalHundredths: number,
    workOrdersHundredths = 8000,
    satisfactionFailed = false,
  ) => ({ workerId, totalHundredths, workOrdersHundredths, satisfactionFailed }) satisfies OrgUnitResultInput;

  it('caps excellent at 20% (10 workers → 2), ties broken by work orders', () => {
    const results = [
      w('w02', 9200, 9000), // ties w03 on total, fewer work-order points → rank 3, over the cap
      w('w03', 9200, 9500),
      w('w01', 9500),
      w('w04', 8000),
      w('w05', 7500),
      w('w06', 7000),
      w('w07', 6500),
      w('w08', 6000),
      w('w09', 5999),
      w('w10', 3000),
    ];
    const graded = gradeOrgUnit(results, policy);
    expect(graded.map((g) => [g.workerId, g.rank, g.grade, g.cappedFromExcellent])).toEqual([
      ['w01', 1, 'excellent', false],
      ['w03', 2, 'excellent', false],
      ['w02', 3, 'competent', true],
      ['w04', 4, 'competent', false],
      ['w05', 5, 'competent', false],
      ['w06', 6, 'competent', false],
      ['w07', 7, 'basic', false],
      ['w08', 8, 'basic', false],
      ['w09', 9, 'failed', false],
      ['w10', 10, 'failed', false],
    ]);
    expect(graded[2]!.label).toBe('称职');
    expect(graded[6]!.label).toBe('基本称职');
  });

  it('breaks a full tie by workerId, deterministically', () => {
    const graded = gradeOrgUnit(
      [w('b', 9500, 9000), w('a', 9500, 9000), w('c', 1000), w('d', 1000), w('e', 1000)],
      policy,
    );
    expect(graded.slice(0, 2).map((g) => [g.workerId, g.grade])).toEqual([
      ['a', 'excellent'],
      ['b', 'competent'],
    ]);
  });

  it('gives no excellent grade in a unit of fewer than 5 (floor of 20%)', () => {
    const graded = gradeOrgUnit([w('a', 9900), w('b', 9100), w('c', 8000), w('d', 7000)], policy);
    expect(graded.filter((g) => g.grade === 'excellent')).toHaveLength(0);
    expect(graded.filter((g) => g.cappedFromExcellent).map((g) => g.workerId)).toEqual(['a', 'b']);
  });

  it('fails satisfaction below the floor regardless of score, without using an excellent place', () => {
    const graded = gradeOrgUnit(
      [w('top', 9800, 9000, true), w('x', 9100), w('y', 5000), w('z', 5000), w('v', 5000)],
      policy,
    );
    expect(graded[0]).toMatchObject({
      workerId: 'top',
      rank: 1,
      grade: 'failed',
      label: '不称职',
      satisfactionFailed: true,
    });
    expect(graded[1]).toMatchObject({ workerId: 'x', grade: 'excellent', cappedFromExcellent: false });
  });

  it('grades on exact threshold boundaries', () => {
    const graded = gradeOrgUnit(
      [w('a', 9000), w('b', 8999), w('c', 7000), w('d', 6999), w('e', 6000)],
      policy,
    );
    expect(Object.fromEntries(graded.map((g) => [g.workerId, g.grade]))).toEqual({
      a: 'excellent',
      b: 'competent',
      c: 'competent',
      d: 'basic',
      e: 'basic',
    });
  });
});

describe('exitProposalFor (exit situation 1)', () => {
  it('proposes exit for a failed year', () => {
    const p = exitProposalFor(
      [
        { year: 2024, grade: 'competent' },
        { year: 2025, grade: 'failed' },
      ],
      '2023-07-01',
      '2026-06-30',
      2025,
    );
    expect(p).toMatchObject({ situation: 1, reason: 'failed-year', years: [2025] });
    expect(p?.note).toBe('2025 年度考核不称职');
  });

  it('proposes exit for basic twice within the term', () => {
    const p = exitProposalFor(
      [
        { year: 2023, grade: 'competent' },
        { year: 2024, grade: 'basic' },
        { year: 2025, grade: 'basic' },
      ],
      '2023-07-01',
      '2026-06-30',
      2025,
    );
    expect(p).toMatchObject({ situation: 1, reason: 'basic-twice-in-term', years: [2024, 2025] });
    expect(p?.note).toBe('合同期（2023–2026 年）内 2024、2025 年度考核均为基本称职');
  });

  it('does not propose when one basic year is outside the term', () => {
    const p = exitProposalFor(
      [
        { year: 2022, grade: 'basic' },
        { year: 2025, grade: 'basic' },
      ],
      2023,
      2026,
      2025,
    );
    expect(p).toBeNull();
  });

  it('does not propose again for an old failed year, nor for a competent year', () => {
    const history = [
      { year: 2024, grade: 'failed' },
      { year: 2025, grade: 'competent' },
    ] as const;
    expect(exitProposalFor(history, 2023, 2026, 2025)).toBeNull();
    expect(exitProposalFor([], 2023, 2026, 2025)).toBeNull();
  });
});

describe('evaluationUnitOf: who is ranked together', () => {
  it('ranks grid workers with their community by default, everyone else in their own unit', () => {
    expect(evaluationUnitOf('qth/xinxing/hongqi/c1/g1', defaultEvaluationPolicy)).toBe(
      'qth/xinxing/hongqi/c1',
    );
    expect(evaluationUnitOf('qth/xinxing/hongqi/c1', defaultEvaluationPolicy)).toBe('qth/xinxing/hongqi/c1');
    expect(evaluationUnitOf('qth/xinxing/hongqi', defaultEvaluationPolicy)).toBe('qth/xinxing/hongqi');
    expect(isEvaluationUnit('qth/xinxing/hongqi/c1/g1', defaultEvaluationPolicy)).toBe(false);
    const gridsAlone = { ...defaultEvaluationPolicy, rankGridsWithCommunity: false };
    expect(evaluationUnitOf('qth/xinxing/hongqi/c1/g1', gridsAlone)).toBe('qth/xinxing/hongqi/c1/g1');
  });

  it('stored policies without the setting get the default', () => {
    const { rankGridsWithCommunity, ...older } = defaultEvaluationPolicy;
    expect(rankGridsWithCommunity).toBe(true);
    expect(evaluationPolicySchema.parse(older).rankGridsWithCommunity).toBe(true);
  });
});

describe('contractTermFor: the term an evaluated year falls in', () => {
  it('is the first contract until it ends, then renewed terms of the same length', () => {
    expect(contractTermFor('2020-03-01', '2023-02-28', 2021)).toEqual({ from: 2020, to: 2023 });
    expect(contractTermFor('2020-03-01', '2023-02-28', 2023)).toEqual({ from: 2020, to: 2023 });
    expect(contractTermFor('2020-03-01', '2023-02-28', 2024)).toEqual({ from: 2023, to: 2026 });
    expect(contractTermFor('2020-03-01', '2023-02-28', 2027)).toEqual({ from: 2026, to: 2029 });
  });

  it('so "basically competent twice within a term" keeps working after the first contract', () => {
    const history = [
      { year: 2024, grade: 'basic' as const },
      { year: 2025, grade: 'basic' as const },
    ];
    const term = contractTermFor('2020-03-01', '2023-02-28', 2025);
    expect(exitProposalFor(history, term.from, term.to, 2025)).toMatchObject({
      reason: 'basic-twice-in-term',
      years: [2024, 2025],
    });
    // With only the first contract as the term, the rule would never fire again.
    expect(exitProposalFor(history, '2020-03-01', '2023-02-28', 2025)).toBeNull();
  });
});
