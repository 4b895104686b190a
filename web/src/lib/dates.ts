/** Dates in Beijing time (the API's months and days are Asia/Shanghai). */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Today's `YYYY-MM-DD` in Beijing. */
export const beijingToday = (now = new Date()) => dayFormat.format(now);
/** This month's `YYYY-MM` in Beijing. */
export const beijingMonth = (now = new Date()) => beijingToday(now).slice(0, 7);

/** "2026-03-05" → "2026年3月5日". */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return d ? `${y}年${m}月${d}日` : `${y}年${m}月`;
}

/** "2026-03" → "2026年3月". */
export const chineseMonth = (month: string) => chineseDate(month.slice(0, 7));

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
