import { z } from 'zod';
import { badRequest } from '../errors.ts';

/**
 * Calendar arithmetic on ISO date strings ('YYYY-MM-DD') and periods ('YYYY-MM').
 *
 * Business dates are calendar dates in Asia/Shanghai. China has used UTC+8 without daylight saving
 * since 1991, so converting an instant is a fixed +8h shift: no time-zone database is needed.
 * Calendar dates themselves are handled as UTC midnights so that no local offset can creep in.
 * Malformed input throws a 400 AppError (code INVALID_DATE); edges should validate with the schemas below.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export const isoDateSchema = z.string().refine(isValidIsoDate, 'expected a calendar date YYYY-MM-DD');
export const isoMonthSchema = z.string().refine(isValidIsoMonth, 'expected a month YYYY-MM');

export function isValidIsoDate(s: string): boolean {
  const match = ISO_DATE.exec(s);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  // Years before 1000 are rejected: Date.UTC maps years 0..99 to 19xx, and no record needs them.
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isValidIsoMonth(s: string): boolean {
  const match = ISO_MONTH.exec(s);
  return match !== null && Number(match[1]) >= 1000 && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The Shanghai calendar date of an instant: 2026-01-04T17:00Z is already 2026-01-05 there. */
export function shanghaiDate(instant: Date | string): string {
  const ms = (instant instanceof Date ? instant : new Date(instant)).getTime();
  if (Number.isNaN(ms))
    throw badRequest(`not an instant: ${String(instant)}`, { instant: String(instant) }, 'INVALID_DATE');
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function shanghaiMonth(instant: Date | string): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** Same day n months later; a day the target month lacks clamps to its end (01-31 + 1 → 02-29). */
export function addMonths(date: string, n: number): string {
  const { year, month, day } = parseDate(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return formatDate(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** 2024-02-29 + 1 year → 2025-02-28 (clamped like addMonths). */
export function addYears(date: string, n: number): string {
  return addMonths(date, n * 12);
}

export function addDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** Signed number of days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/**
 * Whole months elapsed from `from` to `to`: the largest n with addMonths(from, n) ≤ to
 * (negative when `to` is earlier). 2024-01-31 → 2024-02-29 is one month, because of clamping.
 */
export function monthsBetween(from: string, to: string): number {
  if (to < from) return -monthsBetween(to, from);
  const a = parseDate(from);
  const b = parseDate(to);
  const estimate = (b.year - a.year) * 12 + (b.month - a.month);
  return addMonths(from, estimate) <= to ? estimate : estimate - 1;
}

/**
 * The last day of a term of `months` starting on (and including) `start`: the day before the
 * corresponding day of the end month, or that month's last day when it has no corresponding day
 * (the Civil Code art. 202 convention). Hire 2026-03-01 for 36 months → 2029-02-28;
 * 2024-02-29 for 12 months → 2025-02-28; 2026-05-01 for 1 month → 2026-05-31.
 */
export function termLastDay(start: string, months: number): string {
  const anniversary = addMonths(start, months);
  const clamped = parseDate(anniversary).day !== parseDate(start).day;
  return clamped ? anniversary : addDays(anniversary, -1);
}

/** Age in whole years. A 29 February birthday is reached on 1 March in common years. */
export function ageOn(birthDate: string, date: string): number {
  const birth = parseDate(birthDate);
  const on = parseDate(date);
  const birthdayNotYetReached = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
  return on.year - birth.year - (birthdayNotYetReached ? 1 : 0);
}

/** ISO 1..7, Monday = 1. */
export function isoDayOfWeek(date: string): number {
  // Epoch day 0 (1970-01-01) was a Thursday.
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week: weeks start on Monday and belong to the year holding their Thursday ('2026-W05'). */
export function isoWeekKey(date: string): string {
  const thursday = addDays(date, 4 - isoDayOfWeek(date));
  const weekYear = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${weekYear}-01-01`, thursday) / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** The Monday starting an ISO week key. */
export function isoWeekStart(weekKey: string): string {
  const match = /^(\d{4})-W(\d{2})$/.exec(weekKey);
  if (!match) throw badRequest(`not an ISO week key: ${weekKey}`, { weekKey }, 'INVALID_DATE');
  // 4 January is always in week 1.
  const jan4 = `${match[1]}-01-04`;
  const week1Monday = addDays(jan4, 1 - isoDayOfWeek(jan4));
  return addDays(week1Monday, (Number(match[2]) - 1) * 7);
}

/** 52 or 53: the week holding 28 December is always the year's last. */
export function isoWeeksInYear(year: string): number {
  return Number(isoWeekKey(`${year}-12-28`).slice(6));
}

export function previousMonth(period: string): string {
  return addMonthsToPeriod(period, -1);
}

export function nextMonth(period: string): string {
  return addMonthsToPeriod(period, 1);
}

export function monthRange(period: string): { from: string; to: string } {
  const { year, month } = parseMonth(period);
  return { from: formatDate(year, month, 1), to: formatDate(year, month, daysInMonth(year, month)) };
}

export function yearRange(year: string): { from: string; to: string } {
  if (!/^\d{4}$/.test(year)) throw badRequest(`not a year YYYY: ${year}`, { year }, 'INVALID_DATE');
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

function addMonthsToPeriod(period: string, n: number): string {
  return addMonths(`${period}-01`, n).slice(0, 7);
}

function parseDate(date: string): { year: number; month: number; day: number } {
  if (!isValidIsoDate(date))
    throw badRequest(`not a calendar date YYYY-MM-DD: ${date}`, { date }, 'INVALID_DATE');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function parseMonth(period: string): { year: number; month: number } {
  if (!isValidIsoMonth(period))
    throw badRequest(`not a month YYYY-MM: ${period}`, { period }, 'INVALID_DATE');
  const [year, month] = period.split('-').map(Number) as [number, number];
  return { year, month };
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toEpochDay(date: string): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}
