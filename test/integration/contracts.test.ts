import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceItem } from '#shared/db/entities/training.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * Contract renewal (续签): terms recorded on the worker, renewal and non-renewal (exit situation 5),
 * the list of contracts ending, the daily reminders job and dismissing a reminder, and the
 * "basically competent twice within a term" rule over the recorded terms.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = `${C1}/g1`;
const C2 = 'qth/taoshan/taoxi/c2';
const w: Record<string, WorkerRecord> = {};

beforeAll(async () => {
  h = await startHarness({ now: '2026-01-10T02:00:00.000Z' }); // 2026-01-10 in Shanghai
  ({ hr } = await seedOrgTree(h));
  // Hired 2023-03-01 on 3 years: the term ends 2026-02-28 (49 days away).
  w.soon = await seedWorker(h, { name: '甲', hiredOn: '2023-03-01', contractEndsOn: '2026-02-28' });
  // Ended 2026-01-05: expired, no decision yet.
  w.expired = await seedWorker(h, { name: '乙', hiredOn: '2023-01-06', contractEndsOn: '2026-01-05' });
  // Ends 2026-06-30: outside the 60 days.
  w.later = await seedWorker(h, { name: '丙', hiredOn: '2023-07-01', contractEndsOn: '2026-06-30' });
  w.elsewhere = await seedWorker(h, {
    name: '丁',
    org: `${C2}/g1`,
    hiredOn: '2023-02-01',
    contractEndsOn: '2026-01-31',
  });
}, 180_000);
afterAll(async () => h?.stop());

const decide = (worker: WorkerRecord, body: Record<string, unknown>, client = hr, key?: string) =>
  client.post(
    `/v1/workers/${worker.id}/contract-renewals`,
    body,
    key ? { headers: { 'idempotency-key': key } } : undefined,
  );

describe('contracts ending (续签)', () => {
  it('a worker record carries its contract: older records derive their first term', async () => {
    const res = await hr.get(`/v1/workers/${w.soon!.id}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.contract).toEqual({
      status: 'in-term',
      statusLabel: '合同期内',
      current: { no: 1, startsOn: '2023-03-01', endsOn: '2026-02-28' },
      terms: [{ no: 1, startsOn: '2023-03-01', endsOn: '2026-02-28' }],
      endsOn: '2026-02-28',
      daysLeft: 49,
    });
    const expired = await hr.get(`/v1/workers/${w.expired!.id}`);
    expect(expired.body.contract).toMatchObject({
      status: 'expired',
      statusLabel: '合同已到期',
      daysLeft: -5,
    });
    const me = await (await h.client('worker', G1, w.soon!.id)).get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.contract).toMatchObject({ status: 'in-term', endsOn: '2026-02-28', daysLeft: 49 });
  });

  it("lists contracts ending within the policy's 60 days (or N), expired first, for a subtree only", async () => {
    const res = await hr.get('/v1/contracts/ending?org=qth');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ today: '2026-01-10', withinDays: 60, until: '2026-03-11' });
    expect(res.body.items.map((i: any) => [i.name, i.contract.endsOn, i.contract.daysLeft])).toEqual([
      ['乙', '2026-01-05', -5],
      ['丁', '2026-01-31', 21],
      ['甲', '2026-02-28', 49],
    ]);
    const narrow = await hr.get(
      `/v1/contracts/ending?org=${encodeURIComponent('qth/xinxing')}&withinDays=200`,
    );
    expect(narrow.body.items.map((i: any) => i.name)).toEqual(['乙', '甲', '丙']);
    const outsider = await h.client('hr', 'qth/taoshan');
    const refused = await outsider.get(`/v1/contracts/ending?org=${encodeURIComponent('qth/xinxing')}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const worker = await h.client('worker', G1, w.soon!.id);
    expect((await worker.get('/v1/contracts/ending?org=qth')).status).toBe(403);
    expect((await hr.get('/v1/contracts/ending?org=qth&withinDays=-1')).status).toBe(400);
  });

  it('the daily job turns them into reminders, once per term; HR lists and dismisses them (audited)', async () => {
    const run = await hr.post('/v1/jobs/contract-reminders/runs', { period: '2026-01-10' });
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ job: 'contract-reminders', period: '2026-01-10', status: 'done' });
    expect(run.body.result).toMatchObject({ due: 3, created: 3, existing: 0 });
    // Run again for the same day, and for the next day: nothing new.
    const again = await hr.post('/v1/jobs/contract-reminders/runs', { period: '2026-01-10' });
    expect(again.body.result).toMatchObject({ due: 3, created: 0, existing: 3 });
    // A past day is runnable; a future one is not.
    const past = await hr.post('/v1/jobs/contract-reminders/runs', { period: '2026-01-02' });
    expect(past.status, past.text).toBe(200);
    expect(past.body.result).toMatchObject({ created: 0 });
    const future = await hr.post('/v1/jobs/contract-reminders/runs', { period: '2026-01-11' });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('PERIOD_NOT_STARTED');
    expect((await hr.post('/v1/jobs/contract-reminders/runs', { period: '2026-13-01' })).status).toBe(400);

    const list = await hr.get(`/v1/contract-reminders?org=${encodeURIComponent('qth/xinxing')}`);
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.map((r: any) => [r.workerName, r.endsOn, r.daysLeft, r.status])).toEqual([
      ['乙', '2026-01-05', -5, 'open'],
      ['甲', '2026-02-28', 49, 'open'],
    ]);
    const reminder = list.body.items.find((r: any) => r.workerId === w.expired!.id);
    expect(reminder).toMatchObject({ statusLabel: '待处理', termNo: 1, createdFor: '2026-01-10' });

    const outsider = await h.client('hr', 'qth/taoshan');
    const hidden = await outsider.post(`/v1/contract-reminders/${reminder.id}/dismiss`, {});
    expect(hidden.status).toBe(404);
    const dismissed = await hr.post(
      `/v1/contract-reminders/${reminder.id}/dismiss`,
      { note: '已电话联系本人' },
      { headers: { 'idempotency-key': 'dismiss-1' } },
    );
    expect(dismissed.status, dismissed.text).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', note: '已电话联系本人' });
    const replay = await hr.post(
      `/v1/contract-reminders/${reminder.id}/dismiss`,
      { note: '已电话联系本人' },
      { headers: { 'idempotency-key': 'dismiss-1' } },
    );
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const twice = await hr.post(`/v1/contract-reminders/${reminder.id}/dismiss`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('REMINDER_DISMISSED');

    const open = await hr.get(`/v1/contract-reminders?org=${encodeURIComponent('qth/xinxing')}`);
    expect(open.body.items.map((r: any) => r.workerName)).toEqual(['甲']);
    const closed = await hr.get(`/v1/contract-reminders?org=qth&status=dismissed`);
    expect(closed.body.items.map((r: any) => r.workerName)).toEqual(['乙']);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`contract-reminder:${reminder.id}`)}`);
    expect(audit.body.items.map((a: any) => a.action)).toEqual([
      'contract-reminder.dismissed',
      'contract-reminder.created',
    ]);
    // The job does not reopen a dismissed reminder.
    await hr.post('/v1/jobs/contract-reminders/runs', { period: '2026-01-10' });
    expect((await hr.get(`/v1/contract-reminders?org=qth&status=dismissed`)).body.items).toHaveLength(1);
    const worker = await h.client('worker', G1, w.soon!.id);
    expect((await worker.get('/v1/contract-reminders?org=qth')).status).toBe(403);
  });

  it('renews for a new term from the day after (policy length), once; too early is refused', async () => {
    const tooEarly = await decide(w.later!, { decision: 'renew' });
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.error).toMatchObject({
      code: 'RENEWAL_TOO_EARLY',
      details: { endsOn: '2026-06-30', renewableFrom: '2026-05-01' },
    });
    expect(tooEarly.body.error.message).toContain('2026年5月1日起方可办理续签');
    const outsider = await h.client('hr', 'qth/taoshan');
    expect((await decide(w.soon!, { decision: 'renew' }, outsider)).status).toBe(404);
    const mentor = await h.client('mentor', G1, w.later!.id);
    expect((await decide(w.soon!, { decision: 'renew' }, mentor)).status).toBe(404);

    const renewed = await decide(w.soon!, { decision: 'renew', note: '考核称职' }, hr, 'renew-1');
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.body.contractEndsOn).toBe('2029-02-28');
    expect(renewed.body.contract).toMatchObject({
      status: 'in-term',
      endsOn: '2029-02-28',
      current: {
        no: 2,
        startsOn: '2026-03-01',
        endsOn: '2029-02-28',
        renewedOn: '2026-01-10',
        policyVersion: 'recruitment/default',
      },
    });
    expect(renewed.body.contract.terms).toHaveLength(2);
    // The same key replays the answer; a second renewal is too early now.
    const replay = await decide(w.soon!, { decision: 'renew', note: '考核称职' }, hr, 'renew-1');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.contract.terms).toHaveLength(2);
    const second = await decide(w.soon!, { decision: 'renew' });
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe('RENEWAL_TOO_EARLY');

    const history = await hr.get(`/v1/workers/${w.soon!.id}/history`);
    expect(history.body.items.map((e: any) => [e.event, e.eventLabel])).toContainEqual([
      'contract-renewed',
      '续签合同',
    ]);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${w.soon!.id}`)}`);
    expect(audit.body.items[0]).toMatchObject({
      action: 'worker.contract-renewed',
      before: { endsOn: '2026-02-28' },
      after: { endsOn: '2029-02-28' },
    });
    // Renewed: off the list and its open reminder closed.
    const list = await hr.get('/v1/contracts/ending?org=qth');
    expect(list.body.items.map((i: any) => i.name)).not.toContain('甲');
    const open = await hr.get('/v1/contract-reminders?org=qth');
    expect(open.body.items.map((r: any) => r.workerName)).not.toContain('甲');
    const me = await (await h.client('worker', G1, w.soon!.id)).get('/v1/me');
    expect(me.body.contract).toMatchObject({ endsOn: '2029-02-28', current: { no: 2 } });
  });

  it('records non-renewal as exit situation 5 on the last day, through the exit (seat, counters)', async () => {
    const unitBefore = (await hr.get(`/v1/org-units/${encodeURIComponent(C1)}`)).body;
    const noEvidence = await decide(w.expired!, { decision: 'not-renew' });
    expect(noEvidence.status).toBe(400);
    // Not before the last day: the exit takes effect when recorded.
    const early = await decide(w.later!, { decision: 'not-renew', evidence: '本人不愿续签' });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('EXIT_DATE_IN_FUTURE');

    const ended = await decide(w.expired!, { decision: 'not-renew', evidence: '本人不愿续签' });
    expect(ended.status, ended.text).toBe(200);
    expect(ended.body).toMatchObject({
      status: 'exited',
      exit: { situation: 5, effectiveOn: '2026-01-05', evidence: '本人不愿续签' },
      contract: { status: 'ended', current: { no: 1, notRenewedOn: '2026-01-10' }, daysLeft: null },
    });
    const unitAfter = (await hr.get(`/v1/org-units/${encodeURIComponent(C1)}`)).body;
    expect(unitAfter.used).toBe(unitBefore.used - 1);
    const again = await decide(w.expired!, { decision: 'renew' });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('WORKER_EXITED');
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${w.expired!.id}`)}`);
    expect(audit.body.items.map((a: any) => a.action)).toEqual(
      expect.arrayContaining(['worker.exited', 'worker.contract-not-renewed']),
    );
    const list = await hr.get('/v1/contracts/ending?org=qth');
    expect(list.body.items.map((i: any) => i.name)).toEqual(['丁']);
  });
});

describe('"basically competent twice within a term" over the recorded terms', () => {
  it('a renewal for 5 years puts 2026 and 2029 in one term (rolling 3-year terms would not)', async () => {
    h.setNow('2025-01-10T02:00:00.000Z');
    const defaults = (await hr.get('/v1/policies/recruitment')).body.document;
    const fiveYears = await hr.put('/v1/policies/recruitment/2025-01-10', {
      ...defaults,
      renewalContractYears: 5,
    });
    expect(fiveYears.status, fiveYears.text).toBe(200);
    const worker = await seedWorker(h, {
      name: '戊',
      org: `${C2}/g1`,
      hiredOn: '2022-03-01',
      probationEndsOn: null,
      contractEndsOn: '2025-02-28',
      annualGrades: { '2026': 'basic' },
    });
    const renewed = await decide(worker, { decision: 'renew' });
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.body.contract.current).toMatchObject({
      no: 2,
      startsOn: '2025-03-01',
      endsOn: '2030-02-28',
    });

    // 2029's evaluation grades them basic again.
    h.setNow('2030-01-05T02:00:00.000Z');
    await h.store.batchPut([
      attendanceItem({
        workerId: worker.id,
        eventId: 'ev-2029',
        date: '2029-06-01',
        level: 'city',
        title: '业务培训',
        hours: 48,
        minutes: 48 * 60,
        eventOrg: 'qth',
        workerOrg: `${C2}/g1`,
        batchId: 'fixture',
        recordedAt: h.now().toISOString(),
      }),
    ]);
    const upload = async (kind: string, row: Record<string, unknown>) => {
      const res = await hr.post(`/v1/evaluation-inputs/${kind}`, {
        rows: [{ workerId: worker.id, period: '2029', ...row }],
      });
      expect(res.status, res.text).toBe(200);
    };
    await upload('poll', { score: 65 });
    await upload('departments', { department: 'civil', score: 65 });
    await upload('duty', { gridPatrols: 120, householdVisits: 180 });
    await upload('work-orders', { assigned: 10, completed: 10, satisfied: 9 });
    const run = await hr.post('/v1/evaluations/runs', { period: '2029', org: C2 });
    expect(run.status, run.text).toBe(202);
    await h.queue.idle();
    const results = await hr.get(`/v1/evaluations/results?org=${encodeURIComponent(C2)}&period=2029`);
    expect(results.body.items.find((r: any) => r.workerId === worker.id)).toMatchObject({ grade: 'basic' });
    const proposals = await hr.get(`/v1/exit-proposals?org=${encodeURIComponent(C2)}`);
    expect(proposals.body.items.find((p: any) => p.workerId === worker.id)).toMatchObject({
      situation: 1,
      reason: 'basic-twice-in-term',
      years: [2026, 2029],
      note: expect.stringContaining('2025–2030'),
    });
  });
});
