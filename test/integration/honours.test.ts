import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let cycleId: string;
let nominees: WorkerRecord[];
let taoshanMember: WorkerRecord;

const C1 = 'qth/xinxing/hongqi/c1';

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  await seedOrgTree(h, { communityQuota: 100 });
  nominees = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      seedWorker(h, { name: `党员${i + 1}`, isPartyMember: true, annualGrades: { '2025': 'competent' } }),
    ),
  );
  taoshanMember = await seedWorker(h, { org: 'qth/taoshan/taoxi/c2/g1', isPartyMember: true });
});
afterAll(async () => h?.stop());

describe('honour cycles', () => {
  it('opens a cycle with seats reserved per org unit', async () => {
    const hr = await h.client('hr', 'qth');
    const res = await hr.post('/v1/honour-cycles', {
      honourType: 'outstanding-party-member',
      name: '2026年优秀共产党员推荐',
      year: 2026,
      quotas: [
        { org: C1, seats: 5 },
        { org: 'qth/taoshan', seats: 1 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      honourType: 'outstanding-party-member',
      honourName: '优秀共产党员',
      group: 'two-excellents-one-advanced',
      year: 2026,
      evaluationYears: [2025, 2026],
      org: 'qth',
    });
    cycleId = res.body.id;
    const detail = await hr.get(`/v1/honour-cycles/${cycleId}`);
    expect(detail.body.quotas).toEqual(
      expect.arrayContaining([
        { org: C1, seats: 5, used: 0, available: 5 },
        { org: 'qth/taoshan', seats: 1, used: 0, available: 1 },
      ]),
    );
    const list = await hr.get('/v1/honour-cycles?year=2026');
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(cycleId);
    expect((await hr.get('/v1/honour-cycles?year=2025')).body.items).toEqual([]);
  });

  it('validates the cycle and who may open it', async () => {
    const hr = await h.client('hr', 'qth');
    const base = { honourType: 'cppcc-member', name: 'x', year: 2026 };
    const invalid = await hr.post('/v1/honour-cycles', { ...base, honourType: 'best-worker', quotas: [] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['honourType', 'quotas']),
    );
    expect((await hr.post('/v1/honour-cycles', { ...base, quotas: [{ org: C1, seats: 0 }] })).status).toBe(
      400,
    );
    expect(
      (
        await hr.post('/v1/honour-cycles', {
          ...base,
          quotas: [
            { org: C1, seats: 1 },
            { org: C1, seats: 2 },
          ],
        })
      ).status,
    ).toBe(400);
    expect(
      (await hr.post('/v1/honour-cycles', { ...base, quotas: [{ org: 'qth/nowhere', seats: 1 }] })).status,
    ).toBe(404);
    const district = await h.client('hr', 'qth/taoshan');
    expect(
      (await district.post('/v1/honour-cycles', { ...base, quotas: [{ org: C1, seats: 1 }] })).status,
    ).toBe(403);
    const worker = await h.client('worker', C1, nominees[0]!.id);
    expect(
      (await worker.post('/v1/honour-cycles', { ...base, quotas: [{ org: C1, seats: 1 }] })).status,
    ).toBe(403);
  });
});

describe('nominations', () => {
  it('refuses non-members for party honours, failed evaluations in the cycle, and units without seats', async () => {
    const hr = await h.client('hr', 'qth');
    const nonMember = await seedWorker(h, { isPartyMember: false });
    const res = await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, {
      workerId: nonMember.id,
      reason: '优秀',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('NOT_PARTY_MEMBER');

    const failed = await seedWorker(h, { isPartyMember: true, annualGrades: { '2025': 'failed' } });
    const failedRes = await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, {
      workerId: failed.id,
      reason: 'x',
    });
    expect(failedRes.status).toBe(422);
    expect(failedRes.body.error).toMatchObject({
      code: 'FAILED_EVALUATION_IN_CYCLE',
      details: { failedYears: [2025] },
    });

    const street = await seedWorker(h, { org: 'qth/xinxing/hongqi', isPartyMember: true });
    const noSeat = await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, {
      workerId: street.id,
      reason: 'x',
    });
    expect(noSeat.status).toBe(422);
    expect(noSeat.body.error.code).toBe('NO_QUOTA_FOR_ORG');

    const exited = await seedWorker(h, {
      isPartyMember: true,
      status: 'exited',
      exit: {
        situation: 5,
        effectiveOn: '2026-02-01',
        evidence: '辞职',
        recordedAt: '2026-02-01T00:00:00.000Z',
      },
    });
    expect(
      (await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, { workerId: exited.id, reason: 'x' })).body
        .error.code,
    ).toBe('NOT_ACTIVE');
    expect(
      (await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, { workerId: 'w_none', reason: 'x' })).status,
    ).toBe(404);
    expect(
      (await hr.post('/v1/honour-cycles/hc_none/nominations', { workerId: nonMember.id, reason: 'x' }))
        .status,
    ).toBe(404);
    expect((await hr.get(`/v1/honour-cycles/${cycleId}`)).body.summary.nominated).toBe(0);
  });

  it('takes exactly the reserved seats when 20 nominations race for 5', async () => {
    const hr = await h.client('hr', 'qth/xinxing');
    const results = await Promise.all(
      nominees.map((n) =>
        hr.post(`/v1/honour-cycles/${cycleId}/nominations`, { workerId: n.id, reason: '先进事迹' }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status !== 201);
    expect(created).toHaveLength(5);
    expect(refused).toHaveLength(15);
    expect(refused.every((r) => r.status === 409 && r.body.error.code === 'HONOUR_QUOTA_EXCEEDED')).toBe(
      true,
    );
    expect(created[0]!.body).toMatchObject({
      quotaOrg: C1,
      honourType: 'outstanding-party-member',
      result: null,
    });

    const detail = await (await h.client('hr', 'qth')).get(`/v1/honour-cycles/${cycleId}`);
    expect(detail.body.quotas.find((q: { org: string }) => q.org === C1)).toEqual({
      org: C1,
      seats: 5,
      used: 5,
      available: 0,
    });
    expect(detail.body.nominations).toHaveLength(5);
    expect(new Set(detail.body.nominations.map((n: { workerId: string }) => n.workerId)).size).toBe(5);
  });

  it('takes a seat of the nearest enclosing quota unit, once per worker', async () => {
    const hr = await h.client('hr', 'qth/taoshan');
    const first = await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, {
      workerId: taoshanMember.id,
      reason: '好',
    });
    expect(first.status).toBe(201);
    expect(first.body.quotaOrg).toBe('qth/taoshan');
    const again = await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, {
      workerId: taoshanMember.id,
      reason: '好',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_NOMINATED');
    // A district officer sees the cycle but only the nominations in their subtree.
    const seen = await hr.get(`/v1/honour-cycles/${cycleId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.nominations.map((n: { workerId: string }) => n.workerId)).toEqual([taoshanMember.id]);
    // Nominating someone outside one's subtree is refused as if they did not exist.
    expect(
      (await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, { workerId: nominees[0]!.id, reason: 'x' }))
        .status,
    ).toBe(404);
    const worker = await h.client('worker', taoshanMember.org, taoshanMember.id);
    expect((await worker.get(`/v1/honour-cycles/${cycleId}`)).status).toBe(404);
  });

  it('lets non-members be nominated for honours open to them', async () => {
    const hr = await h.client('hr', 'qth');
    const cycle = await hr.post('/v1/honour-cycles', {
      honourType: 'peoples-congress-deputy',
      name: '人大代表推荐',
      year: 2026,
      quotas: [{ org: 'qth', seats: 3 }],
    });
    expect(cycle.status).toBe(201);
    expect(cycle.body.group).toBe('two-representatives-one-member');
    const nonMember = await seedWorker(h, { isPartyMember: false });
    const res = await hr.post(`/v1/honour-cycles/${cycle.body.id}/nominations`, {
      workerId: nonMember.id,
      reason: '履职',
    });
    expect(res.status).toBe(201);
    expect(res.body.quotaOrg).toBe('qth');
  });
});

describe('results and stats', () => {
  it('records each result once, and counts nominations and awards by honour', async () => {
    const city = await h.client('hr', 'qth');
    const detail = await city.get(`/v1/honour-cycles/${cycleId}`);
    const [a, b, c] = detail.body.nominations as { id: string }[];
    const record = (id: string, body: object) =>
      city.post(`/v1/honour-cycles/${cycleId}/nominations/${id}/result`, body);
    const awarded = await record(a!.id, { awarded: true, note: '市委表彰' });
    expect(awarded.status).toBe(200);
    expect(awarded.body.result).toMatchObject({ awarded: true, note: '市委表彰' });
    expect((await record(b!.id, { awarded: true })).status).toBe(200);
    expect((await record(c!.id, { awarded: false, note: '未当选' })).body.result.awarded).toBe(false);
    const again = await record(a!.id, { awarded: false });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RESULT_ALREADY_RECORDED');
    expect((await record('nom_missing', { awarded: true })).status).toBe(404);
    // Only HR of the cycle's org unit records results.
    const district = await h.client('hr', 'qth/xinxing');
    expect(
      (await district.post(`/v1/honour-cycles/${cycleId}/nominations/${a!.id}/result`, { awarded: true }))
        .status,
    ).toBe(403);

    const after = await city.get(`/v1/honour-cycles/${cycleId}`);
    expect(after.body.summary).toEqual({ nominated: 6, awarded: 2, notAwarded: 1, pending: 3, withdrawn: 0 });

    const stats = (await city.get('/v1/stats?org=qth&year=2026')).body.careers.honours;
    expect(stats.byType['outstanding-party-member']).toEqual({ nominations: 6, awards: 2 });
    expect(stats.byType['peoples-congress-deputy']).toEqual({ nominations: 1, awards: 0 });
    expect(stats).toMatchObject({ nominations: 7, awards: 2 });
    const taoshan = (await city.get('/v1/stats?org=qth/taoshan&year=2026')).body.careers.honours;
    expect(taoshan.byType['outstanding-party-member']).toEqual({ nominations: 1, awards: 0 });
  });
});
