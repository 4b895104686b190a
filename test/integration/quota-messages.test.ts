import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/** QUOTA_EXCEEDED says which unit is full, by its Chinese name, with its quota and headcount. */
let h: Harness;
const C1 = 'qth/xinxing/hongqi/c1';
const C1_GRID = 'qth/xinxing/hongqi/c1/g1';
const C2_GRID = 'qth/taoshan/taoxi/c2/g1';

beforeAll(async () => {
  h = await startHarness();
  // 红旗社区 and 桃西社区 hold one seat each.
  await seedOrgTree(h, { communityQuota: 1 });
});
afterAll(async () => h?.stop());

describe('QUOTA_EXCEEDED names the full unit', () => {
  it('a move into a full community: the message names 红旗社区 with its quota and headcount, in Chinese and English', async () => {
    await seedWorker(h, { org: C1_GRID });
    const mover = await seedWorker(h, { org: C2_GRID });
    const hr = await h.client('hr', 'qth');

    const refused = await hr.post(`/v1/workers/${mover.id}/moves`, { org: C1_GRID, reason: '工作需要' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      message: '红旗社区编制已满（核定 1，在编 1）',
      details: { org: C1, name: '红旗社区', quota: 1, used: 1, available: 0, requested: 1 },
    });

    const english = await hr.post(
      `/v1/workers/${mover.id}/moves`,
      { org: C1_GRID, reason: '工作需要' },
      { headers: { 'accept-language': 'en' } },
    );
    expect(english.status).toBe(409);
    expect(english.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(english.body.error.message).toContain('红旗社区');
    expect(english.body.error.message).toContain('quota 1');

    // Nothing moved: the worker is still in 桃西社区's grid.
    expect((await hr.get(`/v1/workers/${mover.id}`)).body.org).toBe(C2_GRID);
  });

  it('a transfer batch bigger than the free seats: the message names the unit and how many it needed', async () => {
    const hr = await h.client('hr', 'qth');
    const rows = ['1985-09-09', '1986-10-10'].map((birth, i) => ({
      nationalId: nationalIdFor(birth),
      name: `调入人员${i + 1}`,
      org: C2_GRID,
      currentMonthlyPayFen: 310_000,
      education: 'college',
    }));
    const refused = await hr.post('/v1/transfers', { rows });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('QUOTA_EXCEEDED');
    // 桃西社区 already holds the one seat it has (the worker seeded there above).
    expect(refused.body.error.message).toBe('桃西社区编制不足（核定 1，在编 1，本次需 2 个）');
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ org: 'qth/taoshan/taoxi/c2', name: '桃西社区', quota: 1, used: 1 }),
    ]);
  });
});
