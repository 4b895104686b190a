import { describe, expect, it } from 'vitest';
import { chineseDate } from '#shared/domain/chinese-dates.ts';
import { chinesePeriod, previousMonth, chineseDate as webChineseDate } from '../../web/src/lib/dates.ts';
import { day } from '#shared/messages/catalogue/texts.ts';

describe('chineseDate: one way to write a day for messages, screens and tests', () => {
  it('writes days and months without leading zeros, a timestamp by its day, anything else as it is', () => {
    expect(chineseDate('2026-03-02')).toBe('2026年3月2日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
    expect(chineseDate('2026-03')).toBe('2026年3月');
    expect(chineseDate('2026-03-02T16:00:00.000Z')).toBe('2026年3月2日');
    expect(chineseDate('下月')).toBe('下月');
  });

  it('is what the messages and the web app use', () => {
    expect(day('2026-03-02')).toBe('2026年3月2日');
    expect(day(undefined)).toBe('');
    expect(day(7)).toBe('7');
    expect(webChineseDate('2026-03-02')).toBe('2026年3月2日');
    expect(webChineseDate(null)).toBe('—');
  });

  it('writes a job or evaluation period (a year, a month or a day) the Chinese way', () => {
    expect(chinesePeriod('2025')).toBe('2025年');
    expect(chinesePeriod('2027-02')).toBe('2027年2月');
    expect(chinesePeriod('2026-12-02')).toBe('2026年12月2日');
    expect(chinesePeriod('2025-W01')).toBe('2025-W01');
  });

  it("offers the month before, across a year's end (the latest month a run may be started for)", () => {
    expect(previousMonth('2027-03')).toBe('2027-02');
    expect(previousMonth('2027-01')).toBe('2026-12');
  });
});
