import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayPolicy } from '#shared/domain/pay.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-01T02:00:00.000Z' });
  await seedOrgTree(h);
});
afterAll(async () => h?.stop());

describe('a promotion and the grade steps and pay around it', () => {
  it('keeps the early-step count career-wide through a promotion (at most twice)', async () => {
    const hr = await h.client('hr', 'qth');
    const w = await seedWorker(h, {
      grade: 6,
      hiredOn: '2018-01-01',
      step: {
        grade: 6,
        yearsCountedInGrade: 1,
        consecutiveExcellent: 0,
        earlyStepsTaken: 2,
        lastStepYear: 2026,
      },
    });
    const res = await hr.post(`/v1/workers/${w.id}/promotions`, {
      committee: 'party',
      role: 'member',
      effectiveOn: '2026-03-01',
      outsidePoolReason: 'x',
    });
    expect(res.status).toBe(201);
    const grade = (await hr.get(`/v1/workers/${w.id}/grade`)).body;
    expect(grade.post).toBe('deputy');
    expect(grade.step.earlyStepsTaken).toBe(2);
  });

  it('never lowers the month’s pay when a promotion takes effect mid-month after a policy change', async () => {
    const hr = await h.client('hr', 'qth');
    // staff grade 12: 445,000 + 20,000 = 465,000 fen
    const w = await seedWorker(h, { grade: 12, hiredOn: '2020-01-01' });
    // From 10 March the deputy post allowance is much higher: the mapping under it lands low in the band.
    const v2 = {
      ...structuredClone(defaultPayPolicy),
      postAllowanceFen: { ...defaultPayPolicy.postAllowanceFen, deputy: 200_000 },
    };
    expect((await hr.put('/v1/policies/pay/2026-03-10', v2)).status).toBe(200);
    h.setNow('2026-03-15T02:00:00.000Z');
    const february = (await hr.get(`/v1/workers/${w.id}/statements/2026-02`)).body.totalFen as number;
    const res = await hr.post(`/v1/workers/${w.id}/promotions`, {
      committee: 'residents',
      role: 'member',
      effectiveOn: '2026-03-15',
      outsidePoolReason: 'x',
    });
    expect(res.status).toBe(201);
    const march = (await hr.get(`/v1/workers/${w.id}/statements/2026-03`)).body;
    expect(march.post).toBe('deputy');
    expect(march.totalFen).toBeGreaterThanOrEqual(february);
    h.setNow('2026-04-02T02:00:00.000Z');
    const april = (await hr.get(`/v1/workers/${w.id}/statements/2026-04`)).body;
    expect(april.totalFen).toBeGreaterThanOrEqual(february);
  });
});
