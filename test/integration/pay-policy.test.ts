import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayPolicy } from '#shared/domain/pay.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  // 2026-03-02 10:00 in Asia/Shanghai.
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  await seedOrgTree(h);
});
afterAll(async () => h?.stop());

const raised = () => ({
  ...structuredClone(defaultPayPolicy),
  baseMonthlyPayFen: defaultPayPolicy.baseMonthlyPayFen.map((fen) => fen + 10_000),
});

const issuePaths = (body: { error: { details: { path: string }[] } }) =>
  body.error.details.map((d) => d.path);

describe('pay policy: effective-dated and versioned (PUT /v1/policies/pay/{effectiveFrom})', () => {
  it('serves the rule-book defaults until a city stores its own', async () => {
    const hr = await h.client('hr', 'qth');
    const res = await hr.get('/v1/policies/pay');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('pay/default');
    expect(res.body.document.baseMonthlyPayFen).toHaveLength(18);
    expect(res.body.document.bands).toEqual({
      principal: { min: 7, max: 18 },
      deputy: { min: 4, max: 15 },
      staff: { min: 1, max: 12 },
    });
    expect(res.body.document.certificateAllowanceFen).toEqual({
      assistant: 20_000,
      intermediate: 30_000,
      senior: 50_000,
    });
  });

  it('refuses an invalid policy with 400 naming each offending field', async () => {
    const hr = await h.client('hr', 'qth');
    const put = (doc: unknown) => hr.put('/v1/policies/pay/2026-07-01', doc);

    const seventeen = await put({ ...raised(), baseMonthlyPayFen: raised().baseMonthlyPayFen.slice(0, 17) });
    expect(seventeen.status).toBe(400);
    expect(seventeen.body.error.code).toBe('VALIDATION_FAILED');
    expect(issuePaths(seventeen.body)).toContain('baseMonthlyPayFen');

    const outside = await put({
      ...raised(),
      bands: { ...defaultPayPolicy.bands, staff: { min: 1, max: 19 } },
    });
    expect(outside.status).toBe(400);
    expect(issuePaths(outside.body)).toContain('bands.staff.max');
    const zero = await put({
      ...raised(),
      bands: { ...defaultPayPolicy.bands, deputy: { min: 0, max: 15 } },
    });
    expect(issuePaths(zero.body)).toContain('bands.deputy.min');
    const inverted = await put({
      ...raised(),
      bands: { ...defaultPayPolicy.bands, principal: { min: 12, max: 7 } },
    });
    expect(issuePaths(inverted.body)).toContain('bands.principal.min');

    const table = raised().baseMonthlyPayFen;
    table[0] = 290_000.5;
    const floatFen = await put({ ...raised(), baseMonthlyPayFen: table });
    expect(floatFen.status).toBe(400);
    expect(issuePaths(floatFen.body)).toContain('baseMonthlyPayFen.0');

    const negative = await put({
      ...raised(),
      postAllowanceFen: { ...defaultPayPolicy.postAllowanceFen, deputy: -1 },
      certificateAllowanceFen: { ...defaultPayPolicy.certificateAllowanceFen, senior: 1.5 },
      evaluationBonusFen: { ...defaultPayPolicy.evaluationBonusFen, excellent: -100 },
    });
    expect(negative.status).toBe(400);
    expect(issuePaths(negative.body)).toEqual(
      expect.arrayContaining([
        'postAllowanceFen.deputy',
        'certificateAllowanceFen.senior',
        'evaluationBonusFen.excellent',
      ]),
    );
    const missing = await put({ baseMonthlyPayFen: raised().baseMonthlyPayFen });
    expect(missing.status).toBe(400);
    expect(issuePaths(missing.body)).toEqual(
      expect.arrayContaining(['bands', 'postAllowanceFen', 'certificateAllowanceFen', 'evaluationBonusFen']),
    );
    // Nothing was stored by the refused attempts.
    expect((await hr.get('/v1/policies/pay/versions')).body.items).toEqual([]);
  });

  it('stores a future version, lets it be revised until it takes effect, then only superseded', async () => {
    const hr = await h.client('hr', 'qth');
    const first = await hr.put('/v1/policies/pay/2026-07-01', raised());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      version: 'pay/2026-07-01/r1',
      revision: 1,
      effectiveFrom: '2026-07-01',
    });

    const revisedDoc = {
      ...raised(),
      evaluationBonusFen: { excellent: 50_000, competent: 0, basic: 0, failed: 0 },
    };
    const revised = await hr.put('/v1/policies/pay/2026-07-01', revisedDoc);
    expect(revised.status).toBe(200);
    expect(revised.body.version).toBe('pay/2026-07-01/r2');

    expect((await hr.get('/v1/policies/pay?at=2026-06-30')).body.version).toBe('pay/default');
    const july = await hr.get('/v1/policies/pay?at=2026-07-01');
    expect(july.body.version).toBe('pay/2026-07-01/r2');
    expect(july.body.document.evaluationBonusFen.excellent).toBe(50_000);
    expect(july.body.document.baseMonthlyPayFen[0]).toBe(290_000);

    // The version takes effect: from then on it is history.
    h.setNow('2026-07-02T02:00:00.000Z');
    const rewrite = await hr.put('/v1/policies/pay/2026-07-01', raised());
    expect(rewrite.status).toBe(409);
    expect(rewrite.body.error.code).toBe('POLICY_IN_EFFECT');
    const backdated = await hr.put('/v1/policies/pay/2026-06-15', raised());
    expect(backdated.status).toBe(422);
    expect(backdated.body.error.code).toBe('POLICY_BACKDATED');
    // A version starting today is allowed once; rewriting it the same day is refused.
    const today = await hr.put('/v1/policies/pay/2026-07-02', revisedDoc);
    expect(today.status).toBe(200);
    expect((await hr.put('/v1/policies/pay/2026-07-02', revisedDoc)).body.error.code).toBe(
      'POLICY_IN_EFFECT',
    );
    // Superseding with a later version is how it changes.
    const later = await hr.put('/v1/policies/pay/2027-01-01', {
      ...revisedDoc,
      postAllowanceFen: { principal: 70_000, deputy: 45_000, staff: 25_000 },
    });
    expect(later.status).toBe(200);
    const versions = await hr.get('/v1/policies/pay/versions');
    expect(versions.body.items.map((v: { version: string }) => v.version)).toEqual([
      'pay/2026-07-01/r2',
      'pay/2026-07-02/r1',
      'pay/2027-01-01/r1',
    ]);
    expect((await hr.get('/v1/policies/pay?at=2026-12-31')).body.version).toBe('pay/2026-07-02/r1');
  });

  it('lets only city-level HR officers set pay policy', async () => {
    const district = await h.client('hr', 'qth/xinxing');
    const worker = await h.client('worker', 'qth/xinxing/hongqi/c1', 'w_someone');
    expect((await district.put('/v1/policies/pay/2027-03-01', raised())).status).toBe(403);
    expect((await worker.put('/v1/policies/pay/2027-03-01', raised())).status).toBe(403);
    expect((await worker.get('/v1/policies/pay')).status).toBe(403);
    // A district officer may read the policy in force.
    expect((await district.get('/v1/policies/pay')).status).toBe(200);
  });
});
