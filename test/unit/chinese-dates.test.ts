import { describe, expect, it } from 'vitest';
import { chineseDate } from '#shared/domain/chinese-dates.ts';
import { chineseDate as webChineseDate } from '../../web/src/lib/dates.ts';
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
});
