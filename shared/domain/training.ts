import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { isoWeekKey, isoWeekStart, isoWeeksInYear, yearRange } from './dates.ts';
import { isWithinSubtree } from './org-paths.ts';
import type { WorkerRecord } from './workers.ts';
import * as names from './names.ts';

/**
 * Training (系统育): hours from attendances, weekly half-day study (每周半日学) and the annual
 * requirement that feeds the evaluation.
 *
 * Hours are summed as integer minutes: events are logged in half or quarter hours (and the odd
 * 20-minute micro-class), all exact in minutes, so sums never drift the way 0.1 + 0.2 does.
 */

export const trainingLevels = ['city', 'district', 'street', 'community'] as const;
export type TrainingLevel = (typeof trainingLevels)[number];
export const trainingLevelSchema = z.enum(trainingLevels);
export const trainingLevelNames: Readonly<Record<TrainingLevel, string>> = names.trainingLevelNames;

export const trainingPolicySchema = z.object({
  annualRequiredHours: z.number().nonnegative(),
  /** A week counts as compliant with at least this many hours logged. */
  weeklyStudyMinHours: z.number().nonnegative(),
  levels: z.array(trainingLevelSchema).min(1),
});
export type TrainingPolicy = z.infer<typeof trainingPolicySchema>;
export const defaultTrainingPolicy: TrainingPolicy = {
  annualRequiredHours: 48,
  weeklyStudyMinHours: 4,
  levels: [...trainingLevels],
};

export interface Attendance {
  date: string;
  hours: number;
}

export interface TrainingSummary {
  year: string;
  totalMinutes: number;
  /** totalMinutes / 60, rounded to 2 decimals for display. */
  totalHours: number;
  /** Person-times (人次): attendances dated in the year. */
  attendances: number;
  /** ISO weeks of the year (Monday-start, Shanghai dates) with ≥ weeklyStudyMinHours. */
  compliantWeeks: number;
  /** ISO weeks of the year that have begun by `asOf` (all of them without `asOf`). */
  weeksInYearSoFar: number;
  requirementMet: boolean;
  /** Share of the annual requirement, 0–100 with one decimal, rounded down (never shows 100 early). */
  progressPercent: number;
}

/**
 * Annual totals count attendances dated in the calendar year. Weekly compliance counts ISO weeks
 * whose week-year is `year`, summing every attendance in the week: 2025-12-29 (Monday) belongs to
 * 2026-W01, so its hours count towards that week although they count in 2025's annual total.
 */
export function trainingSummary(
  attendances: readonly Attendance[],
  year: string,
  policy: TrainingPolicy,
  asOf?: string,
): TrainingSummary {
  const { from, to } = yearRange(year);
  const inYear = attendances.filter((a) => a.date >= from && a.date <= to);
  const totalMinutes = sumMinutes(inYear);
  const requiredMinutes = hoursToMinutes(policy.annualRequiredHours);
  return {
    year,
    totalMinutes,
    totalHours: Math.round((totalMinutes * 100) / 60) / 100,
    attendances: inYear.length,
    compliantWeeks: compliantWeekKeys(attendances, year, policy).length,
    weeksInYearSoFar: weeksBegunBy(year, asOf),
    requirementMet: totalMinutes >= requiredMinutes,
    progressPercent: progressPercent(totalMinutes, requiredMinutes),
  };
}

/** ISO week keys ('2026-W05') of `year` in which the worker logged at least the weekly minimum. */
export function compliantWeekKeys(
  attendances: readonly Attendance[],
  year: string,
  policy: TrainingPolicy,
): string[] {
  const minutesByWeek = new Map<string, number>();
  for (const attendance of attendances) {
    const week = isoWeekKey(attendance.date);
    if (!week.startsWith(`${year}-W`)) continue;
    minutesByWeek.set(week, (minutesByWeek.get(week) ?? 0) + hoursToMinutes(attendance.hours));
  }
  const weeklyMinimum = hoursToMinutes(policy.weeklyStudyMinHours);
  return [...minutesByWeek]
    .filter(([, minutes]) => minutes >= weeklyMinimum)
    .map(([week]) => week)
    .sort();
}

/** 1.5 h → 90 min. Rejects negative or non-finite hours: they would silently corrupt totals. */
export function hoursToMinutes(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0)
    throw badRequest(`hours must be ≥ 0: ${hours}`, { hours }, 'INVALID_HOURS');
  return Math.round(hours * 60);
}

function sumMinutes(attendances: readonly Attendance[]): number {
  return attendances.reduce((sum, a) => sum + hoursToMinutes(a.hours), 0);
}

function progressPercent(minutes: number, requiredMinutes: number): number {
  if (requiredMinutes === 0) return 100;
  return Math.min(1000, Math.floor((minutes * 1000) / requiredMinutes)) / 10;
}

function weeksBegunBy(year: string, asOf: string | undefined): number {
  const weeks = isoWeeksInYear(year);
  if (asOf === undefined) return weeks;
  let begun = 0;
  while (begun < weeks && isoWeekStart(`${year}-W${String(begun + 1).padStart(2, '0')}`) <= asOf) begun++;
  return begun;
}

/**
 * An attendee's credited minutes after the event's hours are corrected: whoever was credited the
 * whole event gets the new whole; whoever was credited less (left early) keeps theirs, capped at
 * the new length.
 */
export function correctedAttendanceMinutes(
  creditedMinutes: number,
  oldEventMinutes: number,
  newEventMinutes: number,
): number {
  return creditedMinutes >= oldEventMinutes ? newEventMinutes : Math.min(creditedMinutes, newEventMinutes);
}

export type TrainingStanding = 'met' | 'behind' | 'on-track';

/**
 * Where a worker stands against the year's requirement: met; behind (进度落后) when the share of
 * the requirement done is below the share of the year gone by (ISO weeks begun, of 52); or on track.
 */
export function trainingStanding(
  summary: Pick<TrainingSummary, 'requirementMet' | 'progressPercent' | 'weeksInYearSoFar'>,
): TrainingStanding {
  if (summary.requirementMet) return 'met';
  const elapsedPercent = Math.min(100, (summary.weeksInYearSoFar / 52) * 100);
  return summary.progressPercent < elapsedPercent ? 'behind' : 'on-track';
}

/** Why a worker can't be recorded at an event: not known to the recorder, not hired yet, or gone. */
export type AttendanceRefusal = 'unknown' | 'not-yet-hired' | 'exited';

/**
 * Why `worker` can't be recorded as attending on `date` by HR of `recorderOrg`'s subtree, or
 * undefined. Unknown and out-of-subtree look alike on purpose (nothing is learnt about workers
 * elsewhere); a worker whose exit takes effect after the date was still on duty that day.
 */
export function attendanceRefusal(
  worker: Pick<WorkerRecord, 'org' | 'hiredOn' | 'status' | 'exit'> | undefined,
  recorderOrg: string,
  date: string,
): AttendanceRefusal | undefined {
  if (!worker || !isWithinSubtree(worker.org, recorderOrg)) return 'unknown';
  if (worker.hiredOn > date) return 'not-yet-hired';
  if (worker.status !== 'active' && !(worker.exit && worker.exit.effectiveOn > date)) return 'exited';
  return undefined;
}
