import { afterEach, describe, expect, it, vi } from 'vitest';
import { beijingMonth, beijingToday, businessNow, followServerClock } from '../../web/src/lib/dates.ts';

afterEach(() => {
  followServerClock(new Date().toISOString());
  vi.useRealTimers();
});

describe('the web app dates its forms by the server’s business clock, not the device’s', () => {
  it('a device a day behind still gets the server’s today, and the clock runs on from there', () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T15:00:00.000Z'), toFake: ['Date'] });
    expect(beijingToday()).toBe('2026-12-03'); // 23:00 in Beijing by the device
    followServerClock('2026-12-04T15:00:00.000Z');
    expect(beijingToday()).toBe('2026-12-04');
    vi.setSystemTime(new Date('2026-12-03T16:30:00.000Z'));
    expect(businessNow().toISOString()).toBe('2026-12-04T16:30:00.000Z');
    expect(beijingToday()).toBe('2026-12-05'); // past midnight in Beijing
    expect(beijingMonth()).toBe('2026-12');
  });

  it('an answer without a readable business time leaves the clock as it was', () => {
    vi.useFakeTimers({ now: new Date('2026-12-31T10:00:00.000Z'), toFake: ['Date'] });
    followServerClock('2027-01-01T10:00:00.000Z');
    followServerClock(null);
    followServerClock('not a time');
    expect(beijingToday()).toBe('2027-01-01');
    expect(beijingMonth()).toBe('2027-01');
  });

  it('a given time is formatted as it is (pickers format their own dates)', () => {
    followServerClock(new Date(Date.now() + 5 * 86_400_000).toISOString());
    expect(beijingToday(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
  });
});
