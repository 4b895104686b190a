import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayPolicy } from '#shared/domain/pay.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  // 2026-06-10 10:00 in Asia/Shanghai.
  h = await startHarness({ now: '2026-06-10T02:00:00.000Z' });
  await seedOrgTree(h);
});
afterAll(async () => h?.stop());

describe('GET /v1/me: what 我的 shows', () => {
  it('names the org units above the worker, the band and the next step under the pay policy in force', async () => {
    const worker = await seedWorker(h, { name: '赵网格', grade: 3, hiredOn: '2025-03-01' });
    const self = await h.client('worker', worker.org, worker.id);
    const res = await self.get('/v1/me');
    expect(res.status).toBe(200);
    expect(res.body.orgPath).toEqual([
      { id: 'qth', name: '七台河市', level: 'city', levelLabel: '市' },
      { id: 'qth/xinxing', name: '新兴区', level: 'district', levelLabel: '县（区）' },
      { id: 'qth/xinxing/hongqi', name: '红旗街道', level: 'street', levelLabel: '街道' },
      { id: 'qth/xinxing/hongqi/c1', name: '红旗社区', level: 'community', levelLabel: '社区' },
      { id: 'qth/xinxing/hongqi/c1/g1', name: '第一网格', level: 'grid', levelLabel: '网格' },
    ]);
    expect(res.body).toMatchObject({
      band: defaultPayPolicy.bands.staff,
      gradeSince: '2025-03-01',
      // 2025 was not held whole: 2026, 2027 and 2028 count → 1 January 2029.
      nextStep: { on: '2029-01-01', yearsToCount: 3, yearsInGrade: 3, minGrade: 'competent', grade: 4 },
      payPolicy: { version: 'pay/default' },
      probationEndsOn: '2026-02-28',
      contractEndsOn: '2028-02-29',
    });

    // A policy version in force from today with a shorter step rule and a narrower band.
    const hr = await h.client('hr', 'qth');
    const policy = structuredClone(defaultPayPolicy);
    policy.step.yearsInGrade = 2;
    policy.bands.staff = { min: 1, max: 10 };
    const put = await hr.put('/v1/policies/pay/2026-06-10', policy);
    expect(put.status).toBeLessThan(300);
    const after = await self.get('/v1/me');
    expect(after.body).toMatchObject({
      band: { min: 1, max: 10 },
      nextStep: { on: '2028-01-01', yearsInGrade: 2 },
      payPolicy: { version: put.body.version, effectiveFrom: '2026-06-10' },
    });
  });

  it('no next step at the top of the band', async () => {
    const top = await seedWorker(h, { name: '钱顶格', grade: 10, org: 'qth/xinxing/hongqi/c1' });
    const res = await (await h.client('worker', top.org, top.id)).get('/v1/me');
    expect(res.status).toBe(200);
    expect(res.body.nextStep).toEqual({ on: null, reason: 'top-of-band', reasonLabel: '已到本岗位最高等级' });
    expect(res.body.orgPath.map((u: { name: string }) => u.name)).toEqual([
      '七台河市',
      '新兴区',
      '红旗街道',
      '红旗社区',
    ]);
  });
});
