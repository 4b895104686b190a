import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  daysBetween,
  isoDayOfWeek,
  isoWeekKey,
  isoWeekStart,
  isoWeeksInYear,
  isValidIsoDate,
  isValidIsoMonth,
  monthRange,
  monthsBetween,
  nextMonth,
  previousMonth,
  shanghaiDate,
  shanghaiMonth,
  termLastDay,
} from '#shared/domain/dates.ts';

describe('shanghaiDate', () => {
  it('shifts instants by +8h: late UTC evening is the next day in Shanghai', () => {
    expect(shanghaiDate('2026-01-04T17:00:00Z')).toBe('2026-01-05');
    expect(shanghaiDate(new Date('2026-01-04T15:59:59.999Z'))).toBe('2026-01-04');
    expect(shanghaiDate('2026-01-04T16:00:00Z')).toBe('2026-01-05');
  });

  it('crosses month and year boundaries', () => {
    expect(shanghaiDate('2025-12-31T16:30:00Z')).toBe('2026-01-01');
    expect(shanghaiMonth('2026-01-31T16:00:00Z')).toBe('2026-02');
  });

  it('honours explicit offsets in the input', () => {
    expect(shanghaiDate('2026-03-01T00:30:00+08:00')).toBe('2026-03-01');
  });

  it('rejects invalid instants', () => {
    expect(() => shanghaiDate('not a date')).toThrow(AppError);
  });
});

describe('isValidIsoDate / isValidIsoMonth', () => {
  it('knows leap years, including the century rules', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
  });

  it('rejects malformed strings and impossible days', () => {
    for (const bad of [
      '2026-1-05',
      '2026-13-01',
      '2026-04-31',
      '2026-00-10',
      '20260105',
      '2026-01-05T00:00',
      '',
    ]) {
      expect(isValidIsoDate(bad), bad).toBe(false);
    }
    expect(isValidIsoMonth('2026-12')).toBe(true);
    expect(isValidIsoMonth('2026-13')).toBe(false);
  });
});

describe('addMonths / addYears / addDays', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('crosses years both ways', () => {
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });

  it('clamps 29 February in common years', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('adds days across month, year and leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('throws on malformed dates', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(AppError);
  });
});

describe('daysBetween / monthsBetween', () => {
  it('counts signed days', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-01-10', '2026-01-03')).toBe(-7);
  });

  it('counts whole months only', () => {
    expect(monthsBetween('2026-01-15', '2026-02-14')).toBe(0);
    expect(monthsBetween('2026-01-15', '2026-02-15')).toBe(1);
    expect(monthsBetween('2024-01-31', '2024-02-29')).toBe(1);
    expect(monthsBetween('2023-03-01', '2026-03-01')).toBe(36);
    expect(monthsBetween('2026-02-15', '2026-01-15')).toBe(-1);
  });
});

describe('termLastDay', () => {
  it('ends the day before the corresponding day', () => {
    expect(termLastDay('2026-03-01', 36)).toBe('2029-02-28');
    expect(termLastDay('2026-05-01', 1)).toBe('2026-05-31');
    expect(termLastDay('2026-03-30', 1)).toBe('2026-04-29');
  });

  it('ends on the month end when the end month has no corresponding day', () => {
    expect(termLastDay('2026-03-31', 1)).toBe('2026-04-30');
    expect(termLastDay('2024-02-29', 12)).toBe('2025-02-28');
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
  });

  it('reaches a 29 February birthday on 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });
});

describe('ISO weeks', () => {
  it('starts weeks on Monday', () => {
    expect(isoDayOfWeek('2026-01-05')).toBe(1);
    expect(isoDayOfWeek('2026-01-04')).toBe(7);
    expect(isoWeekKey('2026-01-04')).toBe('2026-W01');
    expect(isoWeekKey('2026-01-05')).toBe('2026-W02');
  });

  it('puts early-January days into the previous year and late-December days into the next', () => {
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2025-12-29')).toBe('2026-W01');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
  });

  it('formats two-digit week numbers', () => {
    expect(isoWeekKey('2026-01-26')).toBe('2026-W05');
  });

  it('a Sunday-evening UTC instant lands in the next week in Shanghai', () => {
    expect(isoWeekKey(shanghaiDate('2026-01-04T17:00:00Z'))).toBe('2026-W02');
  });

  it('finds the Monday of a week and the number of weeks in a year', () => {
    expect(isoWeekStart('2026-W01')).toBe('2025-12-29');
    expect(isoWeekStart('2026-W05')).toBe('2026-01-26');
    expect(isoWeeksInYear('2020')).toBe(53);
    expect(isoWeeksInYear('2026')).toBe(53);
    expect(isoWeeksInYear('2025')).toBe(52);
  });
});

describe('periods', () => {
  it('steps months across years', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-03')).toBe('2026-02');
    expect(nextMonth('2025-12')).toBe('2026-01');
  });

  it('gives the first and last day of a month', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(() => monthRange('2026-13')).toThrow(AppError);
  });
});
