import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const G1 = 'qth/xinxing/hongqi/c1/g1';
const C1 = 'qth/xinxing/hongqi/c1';
let overdue: WorkerRecord;
let soon: WorkerRecord;
let later: WorkerRecord;
let failing: WorkerRecord;
let transferred: WorkerRecord;

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 in Shanghai
  ({ hr } = await seedOrgTree(h));
  overdue = await seedWorker(h, { name: '甲', hiredOn: '2025-03-01', probationEndsOn: '2026-02-28' });
  soon = await seedWorker(h, { name: '乙', hiredOn: '2025-03-21', probationEndsOn: '2026-03-20' });
  later = await seedWorker(h, { name: '丙', hiredOn: '2025-07-01', probationEndsOn: '2026-06-30' });
  failing = await seedWorker(h, { name: '丁', hiredOn: '2025-03-10', probationEndsOn: '2026-03-09' });
  transferred = await seedWorker(h, { name: '戊', channel: 'transfer', probationEndsOn: null });
}, 180_000);
afterAll(async () => h?.stop());

const decide = (w: WorkerRecord, body: Record<string, unknown>) =>
  hr.post(`/v1/workers/${w.id}/probation`, body);

describe('probation (转正)', () => {
  it('lists undecided probations ending within N days, overdue ones first', async () => {
    const res = await hr.get(`/v1/probations?org=${encodeURIComponent('qth/xinxing')}&withinDays=30`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ today: '2026-03-02', until: '2026-04-01' });
    expect(res.body.items.map((i: any) => [i.name, i.probation.endsOn, i.probation.daysLeft])).toEqual([
      ['甲', '2026-02-28', -2],
      ['丁', '2026-03-09', 7],
      ['乙', '2026-03-20', 18],
    ]);
    const wide = await hr.get(`/v1/probations?org=${encodeURIComponent(C1)}&withinDays=200`);
    expect(wide.body.items.map((i: any) => i.name)).toEqual(['甲', '丁', '乙', '丙']);
    const outside = await h.client('hr', 'qth/taoshan');
    expect((await outside.get(`/v1/probations?org=${encodeURIComponent('qth/xinxing')}`)).status).toBe(403);
    expect((await outside.get(`/v1/probations?org=${encodeURIComponent('qth/taoshan')}`)).body.items).toEqual(
      [],
    );
    expect((await hr.get('/v1/probations?org=qth&withinDays=-1')).status).toBe(400);
    // The worker's own record counts the days the same way (the console decides what to offer by it).
    expect((await hr.get(`/v1/workers/${soon.id}`)).body.probation).toMatchObject({
      endsOn: '2026-03-20',
      daysLeft: 18,
    });
  });

  it('confirms on or after the last day: on the worker, in /v1/me, in history and audit; once', async () => {
    const early = await decide(soon, { decision: 'confirm' });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'PROBATION_NOT_OVER', details: { endsOn: '2026-03-20' } });

    const confirmed = await decide(overdue, { decision: 'confirm', note: '考核合格' });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body.probation).toEqual({
      status: 'confirmed',
      statusLabel: '已转正',
      endsOn: '2026-02-28',
      extendedMonths: 0,
      decidedOn: '2026-03-02',
      daysLeft: null,
    });
    const me = await (await h.client('worker', G1, overdue.id)).get('/v1/me');
    expect(me.body.probation).toMatchObject({ status: 'confirmed', decidedOn: '2026-03-02' });
    const again = await decide(overdue, { decision: 'confirm' });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('PROBATION_DECIDED');
    const history = await hr.get(`/v1/workers/${overdue.id}/history`);
    expect(history.body.items.map((e: any) => e.event)).toContain('probation-confirmed');
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${overdue.id}`)}`);
    expect(audit.body.items[0]).toMatchObject({
      action: 'worker.probation-confirmed',
      before: { status: 'serving' },
      after: { status: 'confirmed' },
    });
    // No longer listed.
    const list = await hr.get(`/v1/probations?org=qth&withinDays=30`);
    expect(list.body.items.map((i: any) => i.name)).not.toContain('甲');
  });

  it('extends within the policy maximum (6 months in all by default)', async () => {
    const first = await decide(soon, { decision: 'extend', months: 4 });
    expect(first.status, first.text).toBe(200);
    expect(first.body.probation).toMatchObject({
      status: 'serving',
      endsOn: '2026-07-20',
      extendedMonths: 4,
    });
    const tooMuch = await decide(soon, { decision: 'extend', months: 3 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({
      code: 'EXTENSION_TOO_LONG',
      details: { maxExtensionMonths: 6, extendedMonths: 4, requested: 3 },
      message: '试用期累计最多延长 6 个月，已延长 4 个月，本次最多可延长 2 个月',
    });
    const rest = await decide(soon, { decision: 'extend', months: 2 });
    expect(rest.body.probation).toMatchObject({ endsOn: '2026-09-20', extendedMonths: 6 });
    expect((await hr.get(`/v1/workers/${soon.id}`)).body.probationEndsOn).toBe('2026-09-20');
    expect((await decide(soon, { decision: 'extend', months: 0 })).status).toBe(400);
    expect((await decide(soon, { decision: 'postpone' })).status).toBe(400);
  });

  it('ends a probation with an exit under the named situation: seats released, state failed', async () => {
    const unit = async () => (await hr.get(`/v1/org-units/${orgPath(C1)}`)).body.used as number;
    const usedBefore = await unit();
    const noEvidence = await decide(failing, { decision: 'fail', situation: 2 });
    expect(noEvidence.status).toBe(400);
    const failed = await decide(failing, { decision: 'fail', situation: 2, evidence: '试用期考核不合格' });
    expect(failed.status, failed.text).toBe(200);
    expect(failed.body).toMatchObject({
      status: 'exited',
      exit: { situation: 2, effectiveOn: '2026-03-02', evidence: '试用期考核不合格' },
      probation: { status: 'failed', decidedOn: '2026-03-02' },
    });
    expect(await unit()).toBe(usedBefore - 1);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${failing.id}`)}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['worker.exited', 'worker.probation-failed']),
    );
    expect((await decide(failing, { decision: 'confirm' })).status).toBe(422);
  });

  it('refuses a worker with no probation, and callers outside the subtree', async () => {
    const none = await decide(transferred, { decision: 'confirm' });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('NO_PROBATION');
    expect((await hr.get(`/v1/workers/${transferred.id}`)).body.probation.status).toBe('none');
    const outside = await h.client('hr', 'qth/taoshan');
    expect(
      (await outside.post(`/v1/workers/${later.id}/probation`, { decision: 'extend', months: 1 })).status,
    ).toBe(404); // outside the subtree: as if missing
    const self = await h.client('worker', G1, later.id);
    expect((await self.post(`/v1/workers/${later.id}/probation`, { decision: 'confirm' })).status).toBe(403);
    expect((await hr.get(`/v1/workers/${later.id}`)).body.probation).toMatchObject({
      status: 'serving',
      extendedMonths: 0,
    });
  });
});
