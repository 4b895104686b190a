import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import {
  attendanceRefusal,
  compliantWeekKeys,
  correctedAttendanceMinutes,
  defaultTrainingPolicy as policy,
  hoursToMinutes,
  trainingPolicySchema,
  trainingStanding,
  trainingSummary,
} from '#shared/domain/training.ts';
import { trainingPeriodOf, trainingPeriodsOf } from '#shared/db/entities/training.ts';

describe('trainingSummary', () => {
  it('sums hours and person-times for the calendar year only', () => {
    const summary = trainingSummary(
      [
        { date: '2025-12-31', hours: 3 },
        { date: '2026-01-06', hours: 2.5 },
        { date: '2026-03-10', hours: 0.5 },
        { date: '2027-01-01', hours: 8 },
      ],
      '2026',
      policy,
    );
    expect(summary).toMatchObject({ year: '2026', totalMinutes: 180, totalHours: 3, attendances: 2 });
  });

  it('meets the requirement at exactly 48 hours, not before', () => {
    const halfHours = Array.from({ length: 95 }, () => ({ date: '2026-05-05', hours: 0.5 }));
    const below = trainingSummary(halfHours, '2026', policy);
    expect(below).toMatchObject({ totalHours: 47.5, requirementMet: false, progressPercent: 98.9 });
    const exactly = trainingSummary([...halfHours, { date: '2026-05-06', hours: 0.5 }], '2026', policy);
    expect(exactly).toMatchObject({ totalHours: 48, requirementMet: true, progressPercent: 100 });
  });

  it('does not drift with tenths of an hour', () => {
    const tenths = Array.from({ length: 30 }, () => ({ date: '2026-02-02', hours: 0.1 }));
    expect(trainingSummary(tenths, '2026', policy)).toMatchObject({ totalMinutes: 180, totalHours: 3 });
  });

  it('caps progress at 100 and reports 0 with no attendance', () => {
    expect(trainingSummary([{ date: '2026-01-05', hours: 60 }], '2026', policy).progressPercent).toBe(100);
    expect(trainingSummary([], '2026', policy)).toMatchObject({
      totalHours: 0,
      attendances: 0,
      compliantWeeks: 0,
      requirementMet: false,
      progressPercent: 0,
    });
  });

  it('counts weeks begun by the as-of date', () => {
    expect(trainingSummary([], '2026', policy, '2025-12-28').weeksInYearSoFar).toBe(0);
    expect(trainingSummary([], '2026', policy, '2025-12-29').weeksInYearSoFar).toBe(1); // Monday of 2026-W01
    expect(trainingSummary([], '2026', policy, '2026-01-05').weeksInYearSoFar).toBe(2);
    expect(trainingSummary([], '2026', policy, '2027-06-01').weeksInYearSoFar).toBe(53);
    expect(trainingSummary([], '2025', policy).weeksInYearSoFar).toBe(52);
  });

  it('rejects negative hours', () => {
    expect(() => trainingSummary([{ date: '2026-01-05', hours: -1 }], '2026', policy)).toThrow(AppError);
  });
});

describe('weekly half-day study', () => {
  it('a week complies with at least 4 hours summed over its days', () => {
    const weeks = compliantWeekKeys(
      [
        { date: '2026-01-05', hours: 2 }, // Monday, W02
        { date: '2026-01-11', hours: 2 }, // Sunday, W02 → 4 h
        { date: '2026-01-12', hours: 3.5 }, // W03 → 3.5 h, short
      ],
      '2026',
      policy,
    );
    expect(weeks).toEqual(['2026-W02']);
  });

  it('splits weeks on Monday, not on the 7-day window', () => {
    const weeks = compliantWeekKeys(
      [
        { date: '2026-01-04', hours: 2 }, // Sunday, W01
        { date: '2026-01-05', hours: 2 }, // Monday, W02
      ],
      '2026',
      policy,
    );
    expect(weeks).toEqual([]);
  });

  it('counts a week straddling New Year towards its ISO week-year', () => {
    const attendances = [
      { date: '2025-12-30', hours: 2 }, // 2026-W01
      { date: '2026-01-02', hours: 2 }, // 2026-W01
    ];
    expect(compliantWeekKeys(attendances, '2026', policy)).toEqual(['2026-W01']);
    expect(compliantWeekKeys(attendances, '2025', policy)).toEqual([]);
    expect(trainingSummary(attendances, '2026', policy)).toMatchObject({ compliantWeeks: 1, totalHours: 2 });
  });
});

describe('policy', () => {
  it('validates and converts hours to minutes', () => {
    expect(trainingPolicySchema.parse(policy)).toEqual(policy);
    expect(trainingPolicySchema.safeParse({ ...policy, levels: ['national'] }).success).toBe(false);
    expect(hoursToMinutes(1.5)).toBe(90);
    expect(hoursToMinutes(0.25)).toBe(15);
  });
});

describe('correctedAttendanceMinutes', () => {
  it('gives whole-event attendees the new length and caps partial credit at it', () => {
    expect(correctedAttendanceMinutes(120, 120, 180)).toBe(180);
    expect(correctedAttendanceMinutes(120, 120, 60)).toBe(60);
    expect(correctedAttendanceMinutes(60, 120, 180)).toBe(60);
    expect(correctedAttendanceMinutes(90, 120, 60)).toBe(60);
  });
});

describe('trainingStanding (进度落后 against the share of the year gone by)', () => {
  it('is met once the requirement is, behind when the share done lags the weeks begun, else on track', () => {
    expect(trainingStanding({ requirementMet: true, progressPercent: 100, weeksInYearSoFar: 10 })).toBe(
      'met',
    );
    // 26 of 52 weeks begun: half the year; 49.9 % done is behind, 50 % is on track.
    expect(trainingStanding({ requirementMet: false, progressPercent: 49.9, weeksInYearSoFar: 26 })).toBe(
      'behind',
    );
    expect(trainingStanding({ requirementMet: false, progressPercent: 50, weeksInYearSoFar: 26 })).toBe(
      'on-track',
    );
    // A past year (every week begun, 53 in a long year) not met is behind.
    expect(trainingStanding({ requirementMet: false, progressPercent: 99.9, weeksInYearSoFar: 53 })).toBe(
      'behind',
    );
    expect(trainingStanding({ requirementMet: false, progressPercent: 0, weeksInYearSoFar: 0 })).toBe(
      'on-track',
    );
  });
});

describe("training periods (the ByRelation partitions of a unit's attendances)", () => {
  it('give the six days around New Year a period of their own, so a year reads three', () => {
    expect(trainingPeriodOf('2025-12-28')).toBe('2025');
    expect(trainingPeriodOf('2025-12-29')).toBe('2025/2026');
    expect(trainingPeriodOf('2026-01-03')).toBe('2025/2026');
    expect(trainingPeriodOf('2026-01-04')).toBe('2026');
    expect(trainingPeriodsOf(2026)).toEqual(['2025/2026', '2026', '2026/2027']);
    // Every ISO week of 2026 (29 Dec 2025 – 3 Jan 2027) falls in those periods.
    for (const date of ['2025-12-29', '2026-06-15', '2026-12-31', '2027-01-03'])
      expect(trainingPeriodsOf(2026)).toContain(trainingPeriodOf(date));
  });
});

describe('attendanceRefusal (who may be recorded as attending on a date)', () => {
  const worker = {
    org: 'qth/hq/hqj/zl',
    hiredOn: '2026-03-01',
    status: 'active' as const,
    exit: null,
  };

  it("accepts an active worker of the recorder's subtree hired by the date", () => {
    expect(attendanceRefusal(worker, 'qth/hq', '2026-03-01')).toBeUndefined();
    expect(attendanceRefusal(worker, 'qth/hq/hqj/zl', '2026-05-10')).toBeUndefined();
  });

  it('calls a missing worker and one outside the subtree alike unknown', () => {
    expect(attendanceRefusal(undefined, 'qth/hq', '2026-05-10')).toBe('unknown');
    expect(attendanceRefusal(worker, 'qth/xg', '2026-05-10')).toBe('unknown');
    // A sibling whose id shares a prefix is not inside the subtree.
    expect(attendanceRefusal({ ...worker, org: 'qth/hqx' }, 'qth/hq', '2026-05-10')).toBe('unknown');
  });

  it('refuses a date before the hire', () => {
    expect(attendanceRefusal(worker, 'qth/hq', '2026-02-28')).toBe('not-yet-hired');
  });

  it('refuses an exited worker from the day the exit takes effect, not before', () => {
    const exited = {
      ...worker,
      status: 'exited' as const,
      exit: { situation: 1, effectiveOn: '2026-06-01', evidence: 'e', recordedAt: '2026-05-20T00:00:00Z' },
    };
    expect(attendanceRefusal(exited, 'qth/hq', '2026-05-31')).toBeUndefined();
    expect(attendanceRefusal(exited, 'qth/hq', '2026-06-01')).toBe('exited');
    expect(attendanceRefusal({ ...exited, exit: null }, 'qth/hq', '2026-05-31')).toBe('exited');
  });
});
