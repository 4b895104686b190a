import { describe, expect, it } from 'vitest';
import { scheduledJobs } from '#functions/jobs/manifest.ts';
import { parseCron } from '#functions/jobs/cron.ts';

describe('EventBridge cron in Asia/Shanghai (local scheduler)', () => {
  it('monthly at 02:00 Shanghai on the 1st = 18:00 UTC the day before', () => {
    const cron = parseCron('cron(0 2 1 * ? *)');
    expect(cron.next(new Date('2026-03-02T00:00:00Z')).toISOString()).toBe('2026-03-31T18:00:00.000Z');
    // Exactly at a run instant, the next run is the following one.
    expect(cron.next(new Date('2026-03-31T18:00:00Z')).toISOString()).toBe('2026-04-30T18:00:00.000Z');
  });

  it('yearly on 1 January 06:00 Shanghai', () => {
    const cron = parseCron('cron(0 6 1 1 ? *)');
    expect(cron.next(new Date('2026-11-26T00:00:00Z')).toISOString()).toBe('2026-12-31T22:00:00.000Z');
  });

  it('supports lists, ranges, steps and day names', () => {
    expect(
      parseCron('cron(*/15 9-10 ? * MON-FRI *)').next(new Date('2026-03-07T00:00:00Z')).toISOString(),
    ).toBe('2026-03-09T01:00:00.000Z'); // Sat → Mon 09:00 +08
    expect(parseCron('cron(30 8 ? * 1 *)').next(new Date('2026-03-02T00:00:00Z')).toISOString()).toBe(
      '2026-03-08T00:30:00.000Z',
    ); // 1 = Sunday
    expect(parseCron('cron(0 0 15,20 6 ? 2027)').next(new Date('2026-01-01T00:00:00Z')).toISOString()).toBe(
      '2027-06-14T16:00:00.000Z',
    );
  });

  it('rejects what EventBridge would reject', () => {
    expect(() => parseCron('rate(5 minutes)')).toThrow();
    expect(() => parseCron('cron(0 25 * * ? *)')).toThrow();
    expect(() => parseCron('cron(0 2 1 *)')).toThrow();
  });

  it('every manifest schedule parses and has a next run', () => {
    for (const job of scheduledJobs) {
      expect(parseCron(job.schedule).next(new Date('2026-11-26T00:00:00Z')).getTime()).toBeGreaterThan(
        Date.parse('2026-11-26T00:00:00Z'),
      );
    }
  });
});
