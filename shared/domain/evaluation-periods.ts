import { badRequest } from '../errors.ts';
import {
  isValidIsoMonth,
  monthRange,
  previousMonth,
  shanghaiDate,
  shanghaiMonth,
  yearRange,
} from './dates.ts';
import type { PeriodKind } from './evaluation.ts';

/**
 * Evaluation periods: a month 'YYYY-MM' (日常考核) or a year 'YYYY' (年度考核), in Asia/Shanghai.
 * Pure helpers, no clock: callers pass the instant.
 */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
export const PERIOD_MESSAGE = "a period is a month 'YYYY-MM' or a year 'YYYY'";

export function isPeriod(s: string): boolean {
  return PERIOD_PATTERN.test(s) && Number(s.slice(0, 4)) >= 1000 && (s.length === 4 || isValidIsoMonth(s));
}

export function periodKindOf(period: string): PeriodKind {
  if (!isPeriod(period)) throw badRequest(`not a period: ${period}`, { period }, 'INVALID_PERIOD');
  return period.length === 4 ? 'annual' : 'monthly';
}

/** First and last calendar day of the period. */
export function periodRange(period: string): { from: string; to: string } {
  return periodKindOf(period) === 'annual' ? yearRange(period) : monthRange(period);
}

/** The year a period belongs to (the stats year). */
export function periodYear(period: string): string {
  periodKindOf(period);
  return period.slice(0, 4);
}

/** The months of a year, '2025-01' … '2025-12'. */
export function monthsOfYear(year: string): string[] {
  yearRange(year);
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** Status of a period on the Shanghai date of `now`. */
export function periodStatus(period: string, now: Date): 'not-started' | 'ongoing' | 'ended' {
  const today = shanghaiDate(now);
  const { from, to } = periodRange(period);
  if (today < from) return 'not-started';
  return today > to ? 'ended' : 'ongoing';
}

/**
 * What a schedule's input names: 'previous-month' / 'previous-year' relative to `now` in Shanghai
 * (a run at 02:00 on 1 March scores February), or an explicit period.
 */
export function resolvePeriod(spec: string, now: Date): string {
  if (spec === 'previous-month') return previousMonth(shanghaiMonth(now));
  if (spec === 'previous-year') return String(Number(shanghaiDate(now).slice(0, 4)) - 1);
  if (isPeriod(spec)) return spec;
  throw badRequest(
    `period must be 'previous-month', 'previous-year' or ${PERIOD_MESSAGE}`,
    { period: spec },
    'INVALID_PERIOD',
  );
}

/**
 * Sort key of a worker's result in their timeline: months as they are, a year as 'YYYY-A' so the
 * annual result sorts after that year's December and before the next January (newest first reads
 * 2026-02, 2026-01, 2025 (annual), 2025-12, …).
 */
export function timelineSortKey(period: string): string {
  return periodKindOf(period) === 'annual' ? `${period}-A` : period;
}
