import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import {
  checkEligibility,
  defaultRecruitmentPolicy as policy,
  type EligibilityCandidate,
  employmentTerms,
  examTotal,
  noticeEndsOn,
  rankCandidates,
  type RankingCandidate,
  recruitmentPolicySchema,
  resolveJointReview,
  shortlistForInterview,
} from '#shared/domain/recruitment.ts';

const ON = '2026-06-01';
const departments = policy.jointReviewDepartments;

function candidate(overrides: Partial<EligibilityCandidate> = {}): EligibilityCandidate {
  return {
    birthDate: '1996-01-01',
    education: 'college',
    politicalRecordClear: true,
    meetsHealthRequirement: true,
    hasLocalResidence: true,
    ...overrides,
  };
}

describe('policy schema', () => {
  it('accepts the defaults', () => {
    expect(recruitmentPolicySchema.parse(policy)).toEqual(policy);
  });

  it('requires exam weights summing to 100 and ordered age limits', () => {
    expect(
      recruitmentPolicySchema.safeParse({ ...policy, examWeights: { written: 60, interview: 30 } }).success,
    ).toBe(false);
    expect(recruitmentPolicySchema.safeParse({ ...policy, maxAge: 45 }).success).toBe(false);
  });
});

describe('checkEligibility', () => {
  it('passes a typical candidate with a reason for every criterion', () => {
    const result = checkEligibility(candidate(), policy, ON);
    expect(result.eligible).toBe(true);
    expect(result.failed).toEqual([]);
    expect(Object.keys(result.reasons).sort()).toEqual(
      ['age', 'education', 'health', 'political', 'professional', 'residence'].sort(),
    );
  });

  it('reports every failed criterion by name, in canonical order', () => {
    const result = checkEligibility(
      candidate({
        politicalRecordClear: false,
        education: 'high-school',
        meetsHealthRequirement: false,
        hasLocalResidence: false,
        passedProfessionalScreen: false,
        birthDate: '2010-01-01',
      }),
      policy,
      ON,
    );
    expect(result.eligible).toBe(false);
    expect(result.failed).toEqual(['political', 'age', 'education', 'professional', 'health', 'residence']);
    expect(result.reasons.age).toContain('16');
  });

  it('applies inclusive age limits of 18 and 35', () => {
    expect(checkEligibility(candidate({ birthDate: '2008-06-01' }), policy, ON).failed).toEqual([]); // 18 today
    expect(checkEligibility(candidate({ birthDate: '2008-06-02' }), policy, ON).failed).toEqual(['age']); // 17
    expect(checkEligibility(candidate({ birthDate: '1990-06-02' }), policy, ON).failed).toEqual([]); // 35
    expect(checkEligibility(candidate({ birthDate: '1990-06-01' }), policy, ON).failed).toEqual(['age']); // 36
  });

  it('raises the age limit to 40 for certificate holders or bachelor graduates', () => {
    const age38 = '1988-01-01';
    expect(checkEligibility(candidate({ birthDate: age38 }), policy, ON).failed).toEqual(['age']);
    expect(
      checkEligibility(candidate({ birthDate: age38, certificateLevel: 'assistant' }), policy, ON).eligible,
    ).toBe(true);
    expect(
      checkEligibility(candidate({ birthDate: age38, education: 'bachelor' }), policy, ON).eligible,
    ).toBe(true);
    expect(checkEligibility(candidate({ birthDate: age38, education: 'master' }), policy, ON).eligible).toBe(
      true,
    );
    const age41 = '1985-01-01';
    expect(
      checkEligibility(candidate({ birthDate: age41, education: 'bachelor' }), policy, ON).failed,
    ).toEqual(['age']);
  });

  it('treats an unknown professional screen as passed, only false fails', () => {
    expect(checkEligibility(candidate({ passedProfessionalScreen: undefined }), policy, ON).eligible).toBe(
      true,
    );
    expect(checkEligibility(candidate({ passedProfessionalScreen: true }), policy, ON).eligible).toBe(true);
  });

  it('ignores residence when the policy does not require it', () => {
    const open = { ...policy, requireLocalResidence: false };
    expect(checkEligibility(candidate({ hasLocalResidence: false }), open, ON).eligible).toBe(true);
  });

  it('follows a stricter education minimum', () => {
    const strict = { ...policy, minimumEducation: 'bachelor' as const };
    expect(checkEligibility(candidate(), strict, ON).failed).toEqual(['education']);
  });
});

describe('examTotal', () => {
  it('weights 60/40 in exact hundredths', () => {
    expect(examTotal({ written: 85.5, interview: 78 }, policy)).toEqual({
      weightedHundredths: 8250,
      bonusHundredths: 0,
      totalHundredths: 8250,
      total: 82.5,
    });
  });

  it('avoids binary float error', () => {
    // 0.6 × 70.1 + 0.4 × 80.3 in floats is 74.17999…; in hundredths it is exactly 74.18.
    expect(examTotal({ written: 70.1, interview: 80.3 }, policy).totalHundredths).toBe(7418);
  });

  it('rounds half up to hundredths', () => {
    // 60 × 80.01 + 40 × 80.00 = 480060 + 320000 → 8000.6 hundredths → 8001.
    expect(examTotal({ written: 80.01, interview: 80 }, policy).totalHundredths).toBe(8001);
  });

  it('adds the certificate bonus by level', () => {
    expect(examTotal({ written: 80, interview: 80, certificateLevel: 'assistant' }, policy).total).toBe(81);
    expect(examTotal({ written: 80, interview: 80, certificateLevel: 'intermediate' }, policy).total).toBe(
      82,
    );
    expect(examTotal({ written: 80, interview: 80, certificateLevel: 'senior' }, policy).total).toBe(83);
  });

  it('rejects scores outside 0–100', () => {
    expect(() => examTotal({ written: 101, interview: 80 }, policy)).toThrow(AppError);
    expect(() => examTotal({ written: 80, interview: -1 }, policy)).toThrow(AppError);
  });
});

describe('rankCandidates', () => {
  const base = (
    id: string,
    registrationOrder: number,
    extra: Partial<RankingCandidate> = {},
  ): RankingCandidate => ({
    id,
    registrationOrder,
    written: 80,
    interview: 80,
    ...extra,
  });

  it('orders by total including bonus', () => {
    const ranked = rankCandidates(
      [
        base('a', 1, { written: 82 }),
        base('b', 2, { certificateLevel: 'senior' }),
        base('c', 3, { written: 90 }),
      ],
      policy,
    );
    // c 86.00, b 80 + 3 = 83.00, a 81.20
    expect(ranked.map((r) => [r.id, r.totalHundredths, r.rank])).toEqual([
      ['c', 8600, 1],
      ['b', 8300, 2],
      ['a', 8120, 3],
    ]);
  });

  it('breaks ties: certificate (higher level first), grid worker, party member, registration order', () => {
    // All totals tie at 81.00: certificate holders get +1, so others score 1 point more beforehand.
    const ranked = rankCandidates(
      [
        base('late-plain', 9, { written: 81, interview: 81 }),
        base('party', 5, { written: 81, interview: 81, isPartyMember: true }),
        base('grid', 6, { written: 81, interview: 81, isCurrentGridWorker: true }),
        base('grid-party', 7, { written: 81, interview: 81, isCurrentGridWorker: true, isPartyMember: true }),
        base('assistant', 8, { certificateLevel: 'assistant' }),
        base('intermediate', 4, { written: 79, interview: 79, certificateLevel: 'intermediate' }),
        base('early-plain', 1, { written: 81, interview: 81 }),
      ],
      policy,
    );
    expect(new Set(ranked.map((r) => r.totalHundredths))).toEqual(new Set([8100]));
    expect(ranked.map((r) => r.id)).toEqual([
      'intermediate',
      'assistant',
      'grid-party',
      'grid',
      'party',
      'early-plain',
      'late-plain',
    ]);
  });

  it('keeps extra fields of the input', () => {
    const [first] = rankCandidates([{ ...base('a', 1), name: '张三' }], policy);
    expect(first?.name).toBe('张三');
  });
});

describe('shortlistForInterview', () => {
  const scores = (written: number[]) => written.map((w, i) => ({ id: `c${i + 1}`, written: w }));

  it('takes places × 3 by written score', () => {
    const list = scores([70, 95, 60, 88, 91, 75, 66, 80]);
    expect(shortlistForInterview(list, 2, policy).map((c) => c.id)).toEqual([
      'c2',
      'c5',
      'c4',
      'c8',
      'c6',
      'c1',
    ]);
  });

  it('lets everyone tied with the last place through', () => {
    const list = scores([90, 85, 80, 80, 80, 70]);
    expect(shortlistForInterview(list, 1, policy).map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('takes everyone when there are fewer candidates than the shortlist', () => {
    expect(shortlistForInterview(scores([50, 60]), 1, policy)).toHaveLength(2);
  });

  it('needs a positive number of places', () => {
    expect(() => shortlistForInterview(scores([50]), 0, policy)).toThrow(AppError);
  });
});

describe('resolveJointReview', () => {
  const ranked = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
  const allApprove = {
    organisation: 'approved',
    'civil-affairs': 'approved',
    'public-security': 'approved',
  } as const;

  it('selects the top candidates once every department approved', () => {
    const result = resolveJointReview(ranked, { a: allApprove, b: allApprove }, 2, departments);
    expect(result.map((r) => r.status)).toEqual(['selected', 'selected', 'reserve', 'reserve']);
  });

  it('fills a rejected place from the next-ranked candidate (递补)', () => {
    const result = resolveJointReview(
      ranked,
      { a: allApprove, b: { ...allApprove, 'public-security': 'rejected' }, c: allApprove },
      2,
      departments,
    );
    expect(result.map((r) => [r.id, r.status])).toEqual([
      ['a', 'selected'],
      ['b', 'rejected'],
      ['c', 'selected'],
      ['d', 'reserve'],
    ]);
    expect(result[1]?.rejectedBy).toEqual(['public-security']);
  });

  it('holds the place while a review is pending, without promoting a reserve', () => {
    const result = resolveJointReview(
      ranked,
      { a: { organisation: 'approved', 'civil-affairs': 'approved' }, b: allApprove },
      1,
      departments,
    );
    expect(result[0]).toMatchObject({ status: 'pending-review', pendingDepartments: ['public-security'] });
    expect(result[1]?.status).toBe('reserve');
  });

  it('a rejection disqualifies even while other departments are pending', () => {
    const result = resolveJointReview(ranked, { a: { organisation: 'rejected' } }, 1, departments);
    expect(result.map((r) => r.status)).toEqual(['rejected', 'pending-review', 'reserve', 'reserve']);
  });

  it('chains 递补 through several rejections and leaves places open when the ranking runs out', () => {
    const rejected = { organisation: 'rejected' } as const;
    const result = resolveJointReview(
      ranked,
      { a: rejected, b: rejected, c: rejected, d: allApprove },
      2,
      departments,
    );
    expect(result.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'selected']);
  });

  it('ignores decisions from departments outside the configured set', () => {
    const result = resolveJointReview(
      ranked.slice(0, 1),
      { a: { ...allApprove, audit: 'rejected' } },
      1,
      departments,
    );
    expect(result[0]?.status).toBe('selected');
  });
});

describe('resolveJointReview: candidates who left during the notice', () => {
  const ranked = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
  const allApprove = {
    organisation: 'approved',
    'civil-affairs': 'approved',
    'public-security': 'approved',
  } as const;

  it('says a withdrawn or disqualified candidate left, whatever their decisions, and gives them no place', () => {
    const result = resolveJointReview(
      ranked,
      { a: allApprove, b: allApprove, c: allApprove, d: allApprove },
      2,
      departments,
      { a: 'withdrew', b: 'disqualified' },
    );
    expect(result.map((r) => [r.id, r.status])).toEqual([
      ['a', 'withdrawn'],
      ['b', 'disqualified'],
      ['c', 'selected'],
      ['d', 'selected'],
    ]);
    // Their decisions stay visible beside the status.
    expect(result[0]).toMatchObject({ rejectedBy: [], pendingDepartments: [] });
  });

  it('a candidate rejected and then gone reads as gone; the next pending one holds the free place', () => {
    const result = resolveJointReview(
      ranked,
      { a: { organisation: 'rejected' }, b: allApprove },
      1,
      departments,
      {
        a: 'withdrew',
        b: 'withdrew',
      },
    );
    expect(result.map((r) => r.status)).toEqual(['withdrawn', 'withdrawn', 'pending-review', 'reserve']);
    expect(result[0]?.rejectedBy).toEqual(['organisation']);
  });

  it('without removals the placements are as before', () => {
    const result = resolveJointReview(ranked, { a: allApprove }, 1, departments, {});
    expect(result.map((r) => r.status)).toEqual(['selected', 'reserve', 'reserve', 'reserve']);
  });
});

describe('notice and employment terms', () => {
  it('a 7-day notice starting on the 10th ends on the 16th', () => {
    expect(noticeEndsOn('2026-05-10', policy)).toBe('2026-05-16');
    expect(noticeEndsOn('2026-02-25', policy)).toBe('2026-03-03');
  });

  it('probation of 12 months and contract of 3 years end the day before the anniversary', () => {
    expect(employmentTerms('2026-03-01', policy)).toEqual({
      probationEndsOn: '2027-02-28',
      contractEndsOn: '2029-02-28',
    });
    expect(employmentTerms('2026-07-15', policy)).toEqual({
      probationEndsOn: '2027-07-14',
      contractEndsOn: '2029-07-14',
    });
  });

  it('no probation months: no probation end at all (null, not a date)', () => {
    expect(employmentTerms('2026-05-06', { ...policy, probationMonths: 0 })).toEqual({
      probationEndsOn: null,
      contractEndsOn: '2029-05-05',
    });
  });

  it('a hire on 29 February ends on the last day of February', () => {
    expect(employmentTerms('2024-02-29', policy)).toEqual({
      probationEndsOn: '2025-02-28',
      contractEndsOn: '2027-02-28',
    });
  });
});
