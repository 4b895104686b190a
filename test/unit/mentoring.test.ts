import { describe, expect, it } from 'vitest';
import {
  canAddMentee,
  defaultMentoringPolicy as policy,
  isWithinPairing,
  mentoringPolicySchema,
  pairingPeriod,
  sessionModeNames,
  sessionModes,
  sessionModeSchema,
} from '#shared/domain/mentoring.ts';

describe('pairingPeriod', () => {
  it('runs 12 months from the start date, inclusive', () => {
    expect(pairingPeriod('2026-03-01', policy)).toEqual({ startDate: '2026-03-01', endDate: '2027-02-28' });
    expect(pairingPeriod('2026-07-15', policy)).toEqual({ startDate: '2026-07-15', endDate: '2027-07-14' });
  });

  it('handles a leap-day start', () => {
    expect(pairingPeriod('2024-02-29', policy).endDate).toBe('2025-02-28');
  });

  it('follows the policy length', () => {
    expect(pairingPeriod('2026-01-01', { ...policy, pairingMonths: 6 }).endDate).toBe('2026-06-30');
  });
});

describe('isWithinPairing', () => {
  const pairing = pairingPeriod('2026-03-01', policy);

  it('includes both ends and excludes the days outside', () => {
    expect(isWithinPairing('2026-03-01', pairing)).toBe(true);
    expect(isWithinPairing('2027-02-28', pairing)).toBe(true);
    expect(isWithinPairing('2026-02-28', pairing)).toBe(false);
    expect(isWithinPairing('2027-03-01', pairing)).toBe(false);
  });
});

describe('canAddMentee', () => {
  it('allows up to 6 mentees', () => {
    expect(canAddMentee(0, policy)).toBe(true);
    expect(canAddMentee(5, policy)).toBe(true);
    expect(canAddMentee(6, policy)).toBe(false);
    expect(canAddMentee(7, policy)).toBe(false);
  });

  it('one-to-one pairing is a cap of 1', () => {
    expect(canAddMentee(1, { ...policy, maxMenteesPerMentor: 1 })).toBe(false);
  });
});

describe('session modes and policy', () => {
  it('has a Chinese label for every mode', () => {
    expect(sessionModes.map((mode) => sessionModeNames[mode])).toEqual(['案例解析', '互动交流', '实操辅导']);
    expect(sessionModeSchema.safeParse('lecture').success).toBe(false);
  });

  it('validates the policy', () => {
    expect(mentoringPolicySchema.parse(policy)).toEqual(policy);
    expect(mentoringPolicySchema.safeParse({ ...policy, maxMenteesPerMentor: 0 }).success).toBe(false);
  });
});
