import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGradeStepJob } from '#functions/jobs/grade-step/job.ts';
import { runJobWatchdog } from '#functions/jobs/job-watchdog/job.ts';
import { scheduledJobHandler } from '#functions/jobs/lambda-job.ts';
import { jobSuccessKeys } from '#shared/db/entities/job-run.ts';
import { runStatsSnapshotJob } from '#functions/jobs/stats-snapshot/job.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * Issue 14: scheduled runs in AWS are recorded per period like local mode's (the same
 * `runScheduled`), so a duplicated or retried invocation of a finished period does nothing, and the
 * daily watchdog finds a monthly or annual job that did not succeed in its period (CloudWatch can't
 * look back that far). The Lambda handlers run here in process against DynamoDB Local; the real
 * entries' EMF lines are checked in `lambda-telemetry.test.ts`.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;

// The handlers exactly as the Lambda entries build them, with this file's dependencies.
const statsSnapshot = () =>
  scheduledJobHandler(
    'stats-snapshot',
    (deps, event) => runStatsSnapshotJob(deps, event),
    () => h.deps,
  );
const gradeStep = () =>
  scheduledJobHandler(
    'grade-step',
    (deps, event) => runGradeStepJob(deps, event),
    () => h.deps,
  );

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-31T09:30:00+08:00' });
  ({ hr } = await seedOrgTree(h));
  await seedWorker(h);
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const overdueJobs = (result: Awaited<ReturnType<typeof runJobWatchdog>>) => result.overdue.map((o) => o.job);

describe('scheduled runs in AWS are recorded per period', () => {
  it('the year-end snapshot invoked at 00:05 on 1 January records 2026 once; a duplicate invocation does nothing', async () => {
    // The first watchdog run marks when watching began: a new system has missed nothing before it.
    const first = await runJobWatchdog(h.deps);
    expect(first.overdue).toEqual([]);

    h.setNow('2027-01-01T00:05:30+08:00');
    const outcome = await statsSnapshot()({ job: 'stats-snapshot', year: 'previous' });
    expect(outcome).toMatchObject({ job: 'stats-snapshot', period: '2026', status: 'done' });

    const runs = await hr.get('/v1/jobs/stats-snapshot/runs');
    expect(runs.status).toBe(200);
    expect(runs.body.items).toEqual([
      expect.objectContaining({ period: '2026', scope: 'all', trigger: 'schedule', status: 'done' }),
    ]);
    const success = await h.store.get(jobSuccessKeys.key('stats-snapshot'));
    expect(success).toMatchObject({ dueAt: '2026-12-31T16:05:00.000Z', period: '2026' });

    // EventBridge delivers at least once: the second delivery finds the period done.
    h.setNow('2027-01-01T00:20:00+08:00');
    const again = await statsSnapshot()({ job: 'stats-snapshot', year: 'previous' });
    expect(again).toMatchObject({ period: '2026', status: 'skipped' });
    // Not run again: the one recorded run keeps its start.
    const after = await hr.get('/v1/jobs/stats-snapshot/runs');
    expect(after.body.items).toEqual([
      expect.objectContaining({ period: '2026', status: 'done', startedAt: runs.body.items[0].startedAt }),
    ]);
  });

  it('a run that fails is recorded failed and thrown (the scheduler retries); the retry succeeds', async () => {
    h.setNow('2027-01-01T06:00:10+08:00');
    const failing = scheduledJobHandler(
      'grade-step',
      async () => {
        throw new Error('DynamoDB is unavailable');
      },
      () => h.deps,
    );
    await expect(failing({ job: 'grade-step', year: 'current' })).rejects.toThrow('DynamoDB is unavailable');
    const failed = await hr.get('/v1/jobs/grade-step/runs');
    expect(failed.body.items[0]).toMatchObject({ period: '2027', status: 'failed', trigger: 'schedule' });
    expect(await h.store.get(jobSuccessKeys.key('grade-step'))).toBeUndefined();

    h.setNow('2027-01-01T06:10:00+08:00');
    const retried = await gradeStep()({ job: 'grade-step', year: 'current' });
    expect(retried).toMatchObject({ period: '2027', status: 'done' });
    expect((await hr.get('/v1/jobs/grade-step/runs')).body.items[0]).toMatchObject({
      period: '2027',
      status: 'done',
    });
  });
});

describe('a job scheduled outside the manifest', () => {
  it('runs through the same handler, unrecorded (account-sync is scheduled beside the user pool)', async () => {
    let ran = 0;
    const handler = scheduledJobHandler(
      'account-sync',
      async (_deps, event) => {
        ran++;
        return { job: event.job, retried: 0 };
      },
      () => h.deps,
    );
    const outcome = await handler({ job: 'account-sync' });
    expect(ran).toBe(1);
    expect(outcome).toMatchObject({
      job: 'account-sync',
      status: 'done',
      result: { job: 'account-sync', retried: 0 },
    });
    expect(await h.store.get(jobSuccessKeys.key('account-sync'))).toBeUndefined();
  });
});

describe('the job watchdog', () => {
  it('reports each job whose latest due run has no recorded success, and stops once it runs', async () => {
    // 2 January: the evaluations of December and of 2026 were due on 1 January and never ran here;
    // batch recovery (every 5 minutes) never ran either. The snapshot and grade steps did.
    h.setNow('2027-01-02T09:30:00+08:00');
    const report = await runJobWatchdog(h.deps);
    expect(overdueJobs(report)).toEqual(
      expect.arrayContaining(['evaluation-monthly', 'evaluation-annual', 'batch-recovery']),
    );
    expect(overdueJobs(report)).not.toContain('stats-snapshot');
    expect(overdueJobs(report)).not.toContain('grade-step');
    // The weekly check was last due on Monday 28 December, before watching began.
    expect(overdueJobs(report)).not.toContain('consistency-check');
    expect(report.overdue.find((o) => o.job === 'evaluation-monthly')).toMatchObject({
      period: '2026-12',
      dueAt: '2026-12-31T18:00:00.000Z',
    });

    // A city HR officer's on-demand run is per city: it doesn't stand for the schedule's run.
    // The schedule's own catch-up (here: the Lambda invoked again) does.
    const recovery = scheduledJobHandler(
      'batch-recovery',
      async (deps) => (await import('#functions/jobs/batch-recovery/job.ts')).runBatchRecoveryJob(deps),
      () => h.deps,
    );
    await recovery({ job: 'batch-recovery' });
    const after = await runJobWatchdog(h.deps);
    expect(overdueJobs(after)).not.toContain('batch-recovery');
    expect(overdueJobs(after)).toContain('evaluation-monthly');

    // A week on, the consistency check due on Monday 4 January is overdue too.
    h.setNow('2027-01-05T09:30:00+08:00');
    await recovery({ job: 'batch-recovery' });
    expect(overdueJobs(await runJobWatchdog(h.deps))).toContain('consistency-check');
  });

  it("clears a period the schedule missed once every city's HR officer has run it on demand, not before", async () => {
    // Still 5 January: December's monthly evaluation (due 1 January) never ran on the schedule.
    const other = await h.client('hr', 'abc');
    expect(
      (await other.post('/v1/org-units', { id: 'abc', name: '另一市', level: 'city', approvedQuota: 100 }))
        .status,
    ).toBe(201);
    expect(overdueJobs(await runJobWatchdog(h.deps))).toContain('evaluation-monthly');

    const ours = await hr.post('/v1/jobs/evaluation-monthly/runs', { period: '2026-12' });
    expect(ours.status).toBe(200);
    expect(ours.body).toMatchObject({ scope: 'qth', status: 'done', trigger: 'on-demand' });
    // One city's run covers one city: 另一市's December is still missing.
    expect(overdueJobs(await runJobWatchdog(h.deps))).toContain('evaluation-monthly');

    expect((await other.post('/v1/jobs/evaluation-monthly/runs', { period: '2026-12' })).status).toBe(200);
    const cleared = await runJobWatchdog(h.deps);
    expect(overdueJobs(cleared)).not.toContain('evaluation-monthly');
    // The annual evaluation, run by nobody, stays overdue.
    expect(overdueJobs(cleared)).toContain('evaluation-annual');
  });
});
