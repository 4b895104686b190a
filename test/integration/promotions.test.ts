import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { defaultPayPolicy, mapGradeForPay } from '#shared/domain/pay.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let staff: WorkerRecord; // staff grade 5: 340,000 + 20,000 = 360,000 fen
let pooled: WorkerRecord; // staff grade 8: 385,000 + 20,000 = 405,000 fen
let statsBefore: any;

const TODAY = '2026-03-02';

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  await seedOrgTree(h);
  staff = await seedWorker(h, { name: '张伟', grade: 5 });
  pooled = await seedWorker(h, { name: '刘芳', grade: 8, isPartyMember: true });
  statsBefore = (await (await h.client('hr', 'qth')).get('/v1/stats?org=qth&year=2026')).body.careers;
});
afterAll(async () => h?.stop());

describe('reserve pool (后备力量)', () => {
  it('adds, lists by subtree, refuses duplicates and removes', async () => {
    const hr = await h.client('hr', 'qth/xinxing');
    const added = await hr.post('/v1/reserve-pool', { workerId: pooled.id, reason: '表现突出，列入后备' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      workerId: pooled.id,
      org: pooled.org,
      post: 'staff',
      grade: 8,
      addedOn: TODAY,
    });
    const dup = await hr.post('/v1/reserve-pool', { workerId: pooled.id, reason: 'again' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ALREADY_IN_RESERVE_POOL');
    expect((await hr.post('/v1/reserve-pool', { workerId: staff.id, reason: '试用' })).status).toBe(201);

    const list = await hr.get('/v1/reserve-pool?org=qth/xinxing');
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { workerId: string }) => e.workerId).sort()).toEqual(
      [pooled.id, staff.id].sort(),
    );
    const city = await h.client('hr', 'qth');
    expect((await city.get('/v1/reserve-pool?org=qth/taoshan')).body.items).toEqual([]);

    const removed = await hr.delete(`/v1/reserve-pool/${staff.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.removed.workerId).toBe(staff.id);
    expect((await hr.delete(`/v1/reserve-pool/${staff.id}`)).status).toBe(404);
    expect((await hr.get('/v1/reserve-pool?org=qth/xinxing')).body.items).toHaveLength(1);

    // Someone who has left since entering the pool is no longer listed.
    const leaver = await seedWorker(h, { name: '离职者' });
    expect((await hr.post('/v1/reserve-pool', { workerId: leaver.id, reason: '后备' })).status).toBe(201);
    await h.store.transact(
      systemContext('exit-test', h.now()),
      [
        {
          Update: {
            Key: workerKeys.key(leaver.id),
            UpdateExpression: 'SET #status = :exited',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':exited': 'exited' },
          },
        },
      ],
      [],
    );
    const listed = await hr.get('/v1/reserve-pool?org=qth/xinxing');
    expect(listed.body.items.map((e: { workerId: string }) => e.workerId)).toEqual([pooled.id]);
  });

  it('is managed by HR of the subtree only', async () => {
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    const worker = await h.client('worker', staff.org, staff.id);
    // Outside the subtree: as if the worker (or entry) did not exist; the worker may see itself: 403.
    expect((await otherDistrict.post('/v1/reserve-pool', { workerId: staff.id, reason: 'x' })).status).toBe(
      404,
    );
    expect((await worker.post('/v1/reserve-pool', { workerId: staff.id, reason: 'x' })).status).toBe(403);
    expect((await otherDistrict.get('/v1/reserve-pool?org=qth/xinxing')).status).toBe(403);
    expect((await otherDistrict.delete(`/v1/reserve-pool/${pooled.id}`)).status).toBe(404);
    expect((await worker.get('/v1/reserve-pool?org=qth/xinxing')).status).toBe(403);
  });
});

describe('promotion into the two committees (两委)', () => {
  it('needs a reason to promote someone outside the reserve pool, and records it', async () => {
    const hr = await h.client('hr', 'qth');
    const body = { committee: 'party', role: 'member', effectiveOn: TODAY, reason: '换届选举' };
    const refused = await hr.post(`/v1/workers/${staff.id}/promotions`, body);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('OUTSIDE_RESERVE_POOL');

    const res = await hr.post(`/v1/workers/${staff.id}/promotions`, {
      ...body,
      outsidePoolReason: '选举产生，群众推荐',
    });
    expect(res.status).toBe(201);
    // Member → deputy post (副职, band 4–15); pay ≥ 360,000: deputy grade 4 = 325,000 + 40,000.
    expect(res.body).toMatchObject({
      workerId: staff.id,
      committee: 'party',
      role: 'member',
      roleLabel: '社区党组织委员会 委员',
      effectiveOn: TODAY,
      from: { post: 'staff', grade: 5 },
      to: { post: 'deputy', grade: 4 },
      payBeforeFen: 360_000,
      payAfterFen: 365_000,
      payPolicyVersion: 'pay/default',
      fromReservePool: false,
      outsidePoolReason: '选举产生，群众推荐',
      reason: '换届选举',
    });

    const grade = await hr.get(`/v1/workers/${staff.id}/grade`);
    expect(grade.body).toMatchObject({
      post: 'deputy',
      grade: 4,
      band: { min: 4, max: 15 },
      gradeSince: TODAY,
      committeeRoles: [{ committee: 'party', role: 'member', since: TODAY }],
    });
    expect(grade.body.history.at(-1)).toMatchObject({
      reason: 'promotion',
      from: { post: 'staff', grade: 5 },
      post: 'deputy',
      grade: 4,
      ref: `promotion:${res.body.id}`,
    });
    const statement = await (await h.client('worker', staff.org, staff.id)).get(`/v1/me/statements/2026-03`);
    expect(statement.body).toMatchObject({ post: 'deputy', grade: 4, totalFen: 365_000 });
  });

  it('draws from the reserve pool and takes the worker out of it', async () => {
    const hr = await h.client('hr', 'qth/xinxing');
    // 'director' = head of the residents' committee (主任) → principal post (正职, band 7–18).
    const res = await hr.post(`/v1/workers/${pooled.id}/promotions`, {
      committee: 'residents',
      role: 'director',
      effectiveOn: TODAY,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      role: 'head',
      roleLabel: '居民委员会 主任',
      from: { post: 'staff', grade: 8 },
      to: { post: 'principal', grade: 7 },
      payBeforeFen: 405_000,
      payAfterFen: 370_000 + 60_000,
      fromReservePool: true,
      outsidePoolReason: null,
    });
    expect((await hr.get('/v1/reserve-pool?org=qth/xinxing')).body.items).toEqual([]);
    const history = await hr.get(`/v1/workers/${pooled.id}/promotions`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      post: 'principal',
      grade: 7,
      committeeRoles: [{ committee: 'residents', role: 'head' }],
    });
    expect(history.body.items).toHaveLength(1);
    const worker = await h.client('worker', pooled.org, pooled.id);
    expect((await worker.get(`/v1/workers/${pooled.id}/promotions`)).status).toBe(200);
    expect((await worker.get(`/v1/workers/${staff.id}/promotions`)).status).toBe(404); // another's: as if missing
  });

  it('keeps post and grade for a role in the same post (a deputy joining the other committee)', async () => {
    const hr = await h.client('hr', 'qth');
    const res = await hr.post(`/v1/workers/${staff.id}/promotions`, {
      committee: 'residents',
      role: 'member',
      effectiveOn: TODAY,
      outsidePoolReason: '交叉任职',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ from: { post: 'deputy', grade: 4 }, to: { post: 'deputy', grade: 4 } });
    const grade = await hr.get(`/v1/workers/${staff.id}/grade`);
    expect(grade.body.committeeRoles).toEqual([
      { committee: 'party', committeeLabel: '社区党组织', role: 'member', roleLabel: '委员', since: TODAY },
      {
        committee: 'residents',
        committeeLabel: '社区居民委员会',
        role: 'member',
        roleLabel: '委员',
        since: TODAY,
      },
    ]);
    expect(grade.body.history.filter((e: { reason: string }) => e.reason === 'promotion')).toHaveLength(1);
  });

  it('refuses what is not a promotion, unknown roles, duplicates and bad dates', async () => {
    const hr = await h.client('hr', 'qth');
    const post = (id: string, body: object) =>
      hr.post(`/v1/workers/${id}/promotions`, { outsidePoolReason: 'x', effectiveOn: TODAY, ...body });
    const down = await post(pooled.id, { committee: 'party', role: 'member' });
    expect(down.status).toBe(422);
    expect(down.body.error).toMatchObject({
      code: 'NOT_A_PROMOTION',
      details: { currentPost: 'principal', rolePost: 'deputy' },
    });
    expect((await post(pooled.id, { committee: 'residents', role: 'secretary' })).body.error.code).toBe(
      'ROLE_NOT_IN_COMMITTEE',
    );
    const twice = await post(staff.id, { committee: 'party', role: 'member' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_IN_ROLE');
    expect((await post(staff.id, { committee: 'party', role: 'chair' })).status).toBe(400);
    expect(
      (await post(staff.id, { committee: 'party', role: 'deputy', effectiveOn: '2026-03-09' })).body.error
        .code,
    ).toBe('EFFECTIVE_DATE_IN_FUTURE');
    expect(
      (await post(staff.id, { committee: 'party', role: 'deputy', effectiveOn: '2026-02-01' })).body.error
        .code,
    ).toBe('EFFECTIVE_DATE_BEFORE_LAST_CHANGE');
    const exited = await seedWorker(h, {
      status: 'exited',
      exit: {
        situation: 5,
        effectiveOn: '2026-02-01',
        evidence: '辞职',
        recordedAt: '2026-02-01T00:00:00.000Z',
      },
    });
    expect((await post(exited.id, { committee: 'party', role: 'member' })).body.error.code).toBe(
      'WORKER_NOT_ACTIVE',
    );
    const worker = await h.client('worker', staff.org, staff.id);
    expect(
      (
        await worker.post(`/v1/workers/${staff.id}/promotions`, {
          committee: 'party',
          role: 'head',
          effectiveOn: TODAY,
          outsidePoolReason: 'x',
        })
      ).status,
    ).toBe(403);
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    expect(
      (
        await otherDistrict.post(`/v1/workers/${staff.id}/promotions`, {
          committee: 'party',
          role: 'head',
          effectiveOn: TODAY,
          outsidePoolReason: 'x',
        })
      ).status,
    ).toBe(404); // outside the subtree: as if missing
  });
});

describe('a transfer then a promotion: pay never drops (同工同酬)', () => {
  it('keeps pay at or above the pre-transfer pay through two promotions, month by month', async () => {
    const previousMonthlyPayFen = 372_345;
    const mapped = mapGradeForPay('staff', previousMonthlyPayFen, defaultPayPolicy);
    expect(mapped.shortfallFen).toBe(0);
    const transferred = await seedWorker(h, {
      name: '网格员转任',
      channel: 'transfer',
      hiredOn: '2026-02-01',
      grade: mapped.grade,
      source: { previousMonthlyPayFen, batch: 'grid-2026' },
    });
    const hr = await h.client('hr', 'qth');
    const me = await h.client('worker', transferred.org, transferred.id);
    const total = async (month: string) =>
      (await me.get(`/v1/me/statements/${month}`)).body.totalFen as number;

    const february = await total('2026-02');
    expect(february).toBeGreaterThanOrEqual(previousMonthlyPayFen);

    const member = await hr.post(`/v1/workers/${transferred.id}/promotions`, {
      committee: 'party',
      role: 'member',
      effectiveOn: TODAY,
      outsidePoolReason: '转任网格员中选拔',
    });
    expect(member.status).toBe(201);
    expect(member.body.payAfterFen).toBeGreaterThanOrEqual(member.body.payBeforeFen);
    expect(member.body.payBeforeFen).toBeGreaterThanOrEqual(previousMonthlyPayFen);
    const march = await total('2026-03');
    expect(march).toBeGreaterThanOrEqual(february);

    // Mid-April the party committee elects them secretary: the change counts for all of April.
    h.setNow('2026-04-15T02:00:00.000Z');
    const secretary = await hr.post(`/v1/workers/${transferred.id}/promotions`, {
      committee: 'party',
      role: 'secretary',
      effectiveOn: '2026-04-15',
      outsidePoolReason: '换届选举',
    });
    expect(secretary.status).toBe(201);
    expect(secretary.body).toMatchObject({ role: 'head', to: { post: 'principal' } });
    expect(secretary.body.payAfterFen).toBeGreaterThanOrEqual(secretary.body.payBeforeFen);
    const april = await total('2026-04');
    expect(april).toBeGreaterThanOrEqual(march);
    expect((await me.get('/v1/me/statements/2026-04')).body).toMatchObject({
      post: 'principal',
      gradeBasis: { effectiveOn: '2026-04-15', reason: 'promotion' },
    });
    // History is kept: past months still show the post and grade of their time.
    expect((await me.get('/v1/me/statements/2026-02')).body).toMatchObject({
      post: 'staff',
      grade: mapped.grade,
    });
    expect((await me.get('/v1/me/statements/2026-03')).body).toMatchObject({ post: 'deputy' });
    expect(await total('2026-02')).toBe(february);
    expect(await total('2026-03')).toBe(march);
    const history = await hr.get(`/v1/workers/${transferred.id}/promotions`);
    expect(history.body.items.map((p: { role: string }) => p.role)).toEqual(['member', 'head']);
    expect(history.body.committeeRoles).toEqual([
      {
        committee: 'party',
        committeeLabel: '社区党组织',
        role: 'head',
        roleLabel: '书记（主任）',
        since: '2026-04-15',
      },
    ]);
  });

  it('refuses a promotion the new band cannot pay (422 PAY_WOULD_DROP), changing nothing', async () => {
    const hr = await h.client('hr', 'qth');
    const top = await seedWorker(h, { grade: 12, hiredOn: '2020-01-01' }); // 445,000 + 20,000
    // A policy that caps the deputy band at grade 6 (355,000 + 40,000 < 465,000).
    const narrow = {
      ...structuredClone(defaultPayPolicy),
      bands: { ...defaultPayPolicy.bands, deputy: { min: 4, max: 6 } },
    };
    expect((await hr.put('/v1/policies/pay/2026-05-01', narrow)).status).toBe(200);
    h.setNow('2026-05-02T02:00:00.000Z');
    const res = await hr.post(`/v1/workers/${top.id}/promotions`, {
      committee: 'residents',
      role: 'deputy',
      effectiveOn: '2026-05-02',
      outsidePoolReason: 'x',
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'PAY_WOULD_DROP',
      details: {
        payBeforeFen: 465_000,
        payAfterFen: 395_000,
        shortfallFen: 70_000,
        payPolicyVersion: 'pay/2026-05-01/r1',
      },
    });
    expect((await hr.get(`/v1/workers/${top.id}/grade`)).body).toMatchObject({
      post: 'staff',
      grade: 12,
      history: [],
    });
  });
});

describe('stats', () => {
  it('counts promotions by committee and role, and moves workers between posts and grades', async () => {
    const hr = await h.client('hr', 'qth');
    const stats = (await hr.get('/v1/stats?org=qth&year=2026')).body.careers;
    expect(stats.promotions).toEqual({
      party: { member: 2, deputy: 0, head: 1, total: 3 },
      residents: { member: 1, deputy: 0, head: 1, total: 2 },
      total: 5,
    });
    const n = (s: any, post: string, g: number) => s.workersByPostAndGrade[post].byGrade[String(g)] ?? 0;
    expect(n(stats, 'deputy', 4) - n(statsBefore, 'deputy', 4)).toBe(1); // staff → party member
    // pooled → director, and the transferred worker → secretary (via deputy 5, which they left).
    expect(n(stats, 'principal', 7) - n(statsBefore, 'principal', 7)).toBe(2);
    expect(n(stats, 'deputy', 5) - n(statsBefore, 'deputy', 5)).toBe(0);
    const district = (await hr.get('/v1/stats?org=qth/taoshan&year=2026')).body.careers;
    expect(district.promotions.total).toBe(0);
  });
});
