import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { jobRunKeys, type StartedJobRun } from '#shared/db/entities/job-run.ts';
import { jobRuns, jobSuccesses, STALE_RUN_MS } from '#shared/db/job-runs.ts';
import { AppError } from '#shared/errors.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * Issue 15: the scheduled jobs' run records are a data module (`shared/db/job-runs.ts`) whose named
 * operations hold the expressions `functions/jobs/run-records.ts` used to write itself. Against
 * DynamoDB Local, on a job name no scheduled job uses.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const JOB = 'job-runs-test';
const at = (iso: string) => new Date(iso);

function started(period: string, scope: string, startedAt: string): StartedJobRun {
  return { job: JOB, period, scope, trigger: 'on-demand', status: 'running', startedAt, by: 'job:test' };
}

async function claim(run: StartedJobRun, now: string, rerunDone = false) {
  await h.store.transact(
    systemContext('job-runs-test', at(now)),
    [jobRuns.claim(run, { rerunDone, now: at(now) })],
    [],
  );
}

async function finish(run: StartedJobRun, status: 'done' | 'failed', finishedAt: string) {
  await h.store.transact(
    systemContext('job-runs-test', at(finishedAt)),
    [
      jobRuns.finish(run, {
        status,
        finishedAt,
        result: status === 'done' ? { count: 1 } : null,
        errorCode: status === 'failed' ? 'JOB_FAILED' : null,
        errorParams: status === 'failed' ? {} : null,
      }),
    ],
    [],
  );
}

async function refusal(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('claiming a period', () => {
  it('a running claim blocks another until it is stale; a finished one blocks only without rerunDone', async () => {
    const first = started('2025', 'qth', '2026-03-02T02:00:00.000Z');
    await claim(first, first.startedAt);
    expect(
      await refusal(claim({ ...first, startedAt: '2026-03-02T02:30:00.000Z' }, '2026-03-02T02:30:00.000Z')),
    ).toBe('JOB_ALREADY_RUN');
    expect(await refusal(claim(first, first.startedAt, true))).toBe('JOB_ALREADY_RUN');

    // The first claimant died: an hour on, its claim may be taken over.
    const staleAt = new Date(at(first.startedAt).getTime() + STALE_RUN_MS + 1000).toISOString();
    const second = { ...first, startedAt: staleAt };
    await claim(second, staleAt);
    // The dead claimant's finish no longer matches the record.
    expect(await refusal(finish(first, 'done', staleAt))).toBe('CONCURRENT_UPDATE');
    await finish(second, 'done', '2026-03-02T04:00:00.000Z');

    expect(await jobRuns.get(h.store, JOB, '2025', 'qth')).toEqual({
      job: JOB,
      period: '2025',
      scope: 'qth',
      trigger: 'on-demand',
      status: 'done',
      startedAt: staleAt,
      finishedAt: '2026-03-02T04:00:00.000Z',
      by: 'job:test',
      result: { count: 1 },
      error: null,
      errorCode: null,
      errorParams: null,
    });
    const third = { ...first, startedAt: '2026-03-02T05:00:00.000Z' };
    expect(await refusal(claim(third, third.startedAt))).toBe('JOB_ALREADY_RUN');
    await claim(third, third.startedAt, true);
    expect((await jobRuns.get(h.store, JOB, '2025', 'qth'))?.status).toBe('running');
  });

  it('a failed run may be claimed again, and its finish removes an old error sentence', async () => {
    const run = started('2024', 'all', '2026-03-02T06:00:00.000Z');
    await claim(run, run.startedAt);
    await finish(run, 'failed', '2026-03-02T06:01:00.000Z');
    expect(await jobRuns.get(h.store, JOB, '2024', 'all')).toMatchObject({
      status: 'failed',
      result: null,
      errorCode: 'JOB_FAILED',
      errorParams: {},
    });
    const again = { ...run, startedAt: '2026-03-02T06:02:00.000Z' };
    await claim(again, again.startedAt);
    // A record from before failures were stored as codes still carries its English sentence.
    await h.store.updateItem({
      Key: jobRunKeys.key(JOB, '2024', 'all'),
      UpdateExpression: 'SET #error = :error',
      ExpressionAttributeNames: { '#error': 'error' },
      ExpressionAttributeValues: { ':error': 'old sentence' },
    });
    await finish(again, 'done', '2026-03-02T06:03:00.000Z');
    expect(await jobRuns.get(h.store, JOB, '2024', 'all')).toMatchObject({
      status: 'done',
      error: null,
      errorCode: null,
    });
  });
});

describe('reading runs', () => {
  it('ofPeriod reads one period whatever its scope; ofJob every run, newest period first', async () => {
    for (const [period, scope] of [
      ['2023-11', 'all'],
      ['2023-12', 'qth'],
      ['2023-12', 'all'],
      ['2023', 'all'],
    ] as const) {
      const run = started(period, scope, '2026-03-02T07:00:00.000Z');
      await claim(run, run.startedAt);
    }
    const ofDecember = await jobRuns.ofPeriod(h.store, JOB, '2023-12');
    expect(ofDecember.map((r) => r.scope).sort()).toEqual(['all', 'qth']);
    // `2023` is not a prefix match for the months of 2023.
    expect((await jobRuns.ofPeriod(h.store, JOB, '2023')).map((r) => r.period)).toEqual(['2023']);
    const all = await jobRuns.ofJob(h.store, JOB);
    expect(all.map((r) => `${r.period}#${r.scope}`)).toEqual([
      '2025#qth',
      '2024#all',
      '2023-12#qth',
      '2023-12#all',
      '2023-11#all',
      '2023#all',
    ]);
    expect(await jobRuns.ofJob(h.store, 'job-runs-none')).toEqual([]);
    expect(await jobRuns.get(h.store, 'job-runs-none', '2025', 'all')).toBeUndefined();
  });
});

describe('job successes', () => {
  it('a success never moves back to an older instant; watching begins once', async () => {
    await jobSuccesses.record(h.store, JOB, {
      dueAt: '2026-02-01T00:00:00.000Z',
      finishedAt: '2026-02-01T00:01:00.000Z',
      period: '2026-01',
    });
    await jobSuccesses.record(h.store, JOB, {
      dueAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-03-01T00:00:00.000Z',
      period: '2025-12',
    });
    await jobSuccesses.recordWatchingSince(h.store, 'job-runs-watchdog', '2026-01-01T00:00:00.000Z');
    await jobSuccesses.recordWatchingSince(h.store, 'job-runs-watchdog', '2026-02-01T00:00:00.000Z');
    const all = await jobSuccesses.all(h.store);
    expect(all.get(JOB)).toEqual({
      job: JOB,
      dueAt: '2026-02-01T00:00:00.000Z',
      finishedAt: '2026-02-01T00:01:00.000Z',
      period: '2026-01',
    });
    expect(all.get('job-runs-watchdog')).toEqual({
      job: 'job-runs-watchdog',
      dueAt: null,
      finishedAt: null,
      period: null,
      since: '2026-01-01T00:00:00.000Z',
    });
  });
});
