import { describe, expect, it } from 'vitest';
import { periodMadeGood } from '#functions/jobs/job-watchdog/job.ts';

describe("the watchdog's view of a period the schedule missed", () => {
  const run = (scope: string, status: 'running' | 'done' | 'failed') => ({ scope, status });

  it("is made good by the schedule's own run, or by every city's on-demand run", () => {
    expect(periodMadeGood([run('all', 'done')], ['qth', 'abc'])).toBe(true);
    expect(periodMadeGood([run('qth', 'done'), run('abc', 'done')], ['qth', 'abc'])).toBe(true);
  });

  it('is still missing while one city has not run it, or its run failed or is under way', () => {
    expect(periodMadeGood([run('qth', 'done')], ['qth', 'abc'])).toBe(false);
    expect(periodMadeGood([run('qth', 'done'), run('abc', 'failed')], ['qth', 'abc'])).toBe(false);
    expect(periodMadeGood([run('all', 'running'), run('qth', 'done')], ['qth', 'abc'])).toBe(false);
  });

  it('a city-less system has nothing to make good by hand', () => {
    expect(periodMadeGood([], [])).toBe(false);
  });
});
