import { chineseDate as chineseDay } from '../../../shared/domain/chinese-dates.ts';

/** Dates in Beijing time (the API's months and days are Asia/Shanghai). */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/**
 * How far the server's business time is from this device's clock. Each API answer says its time
 * (`x-business-time`): a phone whose clock is a day off, or local mode with its clock moved, still
 * gets today's date in its forms and pickers, as the server will judge it.
 */
let serverClockOffsetMs = 0;

/** Follows the business time of an answer received now; anything unreadable leaves the clock as it was. */
export function followServerClock(businessTime: string | null, receivedAtMs = Date.now()): void {
  const at = businessTime ? Date.parse(businessTime) : Number.NaN;
  if (Number.isFinite(at)) serverClockOffsetMs = at - receivedAtMs;
}

/** Now, by the server's business clock (the device's clock until the first answer). */
export const businessNow = () => new Date(Date.now() + serverClockOffsetMs);

/** Today's `YYYY-MM-DD` in Beijing (by the server's business clock unless given a time). */
export const beijingToday = (now = businessNow()) => dayFormat.format(now);
/** This month's `YYYY-MM` in Beijing (by the server's business clock unless given a time). */
export const beijingMonth = (now = businessNow()) => beijingToday(now).slice(0, 7);

/** A phone date picker's column entry the Chinese way: 2026年, 3月, 5日. */
export function pickerLabel(type: string, value: number): string {
  const unit = ({ year: '年', month: '月', day: '日' } as Record<string, string>)[type] ?? '';
  return `${value}${unit}`;
}

/** "2026-03-05" → "2026年3月5日" ("2026-03" → "2026年3月"); none: —. */
export const chineseDate = (iso: string | null | undefined): string => (iso ? chineseDay(iso) : '—');

/** A period the Chinese way: 2026年11月 / 2026年 / 2026年12月2日 (anything else as it is). */
export function chinesePeriod(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}年`;
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(period)) return chineseDay(period);
  return period;
}

/** "2026-03" → "2026年3月". */
export const chineseMonth = (month: string) => chineseDate(month.slice(0, 7));

/** How each kind of period is written for the API and shown in a picker. */
export const PERIOD_FORMATS = {
  month: { api: 'YYYY-MM', shown: 'YYYY年M月' },
  year: { api: 'YYYY', shown: 'YYYY年' },
  date: { api: 'YYYY-MM-DD', shown: 'YYYY年M月D日' },
} as const;

/** The latest month that has ended by `today` (YYYY-MM-DD). */
export const lastEndedMonth = (today: string) => previousMonth(today.slice(0, 7));
/** The latest year that has ended by `today` (YYYY-MM-DD). */
export const lastEndedYear = (today: string) => String(Number(today.slice(0, 4)) - 1);

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

const beijingDateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An ISO timestamp in Beijing time: 2026/03/05 14:07. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : beijingDateTime.format(d);
}
