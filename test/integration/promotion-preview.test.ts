import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;
let staff: WorkerRecord; // staff grade 12: 445,000 + 20,000 = 465,000 fen
let pooled: WorkerRecord; // staff grade 8: 385,000 + 20,000 = 405,000 fen

const TODAY = '2026-03-02';

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  await seedOrgTree(h);
  staff = await seedWorker(h, { name: '张伟', grade: 12 });
  pooled = await seedWorker(h, { name: '刘芳', grade: 8 });
  const hr = await h.client('hr', 'qth');
  expect((await hr.post('/v1/reserve-pool', { workerId: pooled.id, reason: '表现突出' })).status).toBe(201);
});
afterAll(async () => h?.stop());

/** What a preview must leave untouched: the worker, its audit trail, the pool, its promotions. */
async function stateOf(id: string) {
  const hr = await h.client('hr', 'qth');
  const [worker, audit, pool, promotions] = await Promise.all([
    hr.get(`/v1/workers/${id}`),
    hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${id}`)}`),
    hr.get('/v1/reserve-pool?org=qth'),
    hr.get(`/v1/workers/${id}/promotions`),
  ]);
  return { worker: worker.body, audit: audit.body, pool: pool.body, promotions: promotions.body };
}

describe('POST /v1/workers/{id}/promotions/preview', () => {
  it('shows the new post, grade and pay of a promotion from the pool, writes nothing, and equals the promotion', async () => {
    const hr = await h.client('hr', 'qth/xinxing');
    const body = { committee: 'party', role: 'secretary', effectiveOn: TODAY };
    const before = await stateOf(pooled.id);
    const preview = await hr.post(`/v1/workers/${pooled.id}/promotions/preview`, body);
    expect(preview.status).toBe(200);
    // 书记 → principal post (正职, band 7–18): lowest grade paying ≥ 405,000 is 7 (370,000 + 60,000).
    expect(preview.body).toEqual({
      workerId: pooled.id,
      name: '刘芳',
      org: pooled.org,
      committee: 'party',
      committeeLabel: '社区党组织',
      role: 'head',
      roleLabel: '社区党组织委员会 书记',
      effectiveOn: TODAY,
      from: { post: 'staff', postLabel: '社区工作者', grade: 8 },
      to: { post: 'principal', postLabel: '正职', grade: 7 },
      payBeforeFen: 405_000,
      payAfterFen: 430_000,
      shortfallFen: 0,
      payPolicyVersion: 'pay/default',
      promotionPolicyVersion: 'promotion/default',
      fromReservePool: true,
      allowed: true,
      refusals: [],
    });
    expect(await stateOf(pooled.id)).toEqual(before);

    const promoted = await hr.post(`/v1/workers/${pooled.id}/promotions`, body);
    expect(promoted.status).toBe(201);
    for (const field of [
      'from',
      'to',
      'payBeforeFen',
      'payAfterFen',
      'payPolicyVersion',
      'roleLabel',
    ] as const) {
      expect(promoted.body[field]).toEqual(preview.body[field]);
    }
  });

  it('lists every refusal the promotion would give, in Chinese from the catalogue, with the pay effect', async () => {
    const hr = await h.client('hr', 'qth');
    const body = { committee: 'party', role: 'member', effectiveOn: '2026-03-05', expectedVersion: 9 };
    const before = await stateOf(staff.id);
    const preview = await hr.post(`/v1/workers/${staff.id}/promotions/preview`, body);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      allowed: false,
      fromReservePool: false,
      to: { post: 'deputy', grade: 11 },
      payBeforeFen: 465_000,
      payAfterFen: 470_000,
    });
    expect(preview.body.refusals).toEqual([
      {
        status: 409,
        code: 'VERSION_MISMATCH',
        message: '记录版本已变化，请刷新后重试',
        details: { version: 1 },
      },
      {
        status: 422,
        code: 'EFFECTIVE_DATE_IN_FUTURE',
        message: '变动须在生效日期当天或之后登记',
        details: { effectiveOn: '2026-03-05', today: TODAY },
      },
      {
        status: 422,
        code: 'OUTSIDE_RESERVE_POOL',
        message: '该人员不在后备力量库中；如确需晋升请填写理由（outsidePoolReason）',
        details: { workerId: staff.id },
      },
    ]);
    expect(await stateOf(staff.id)).toEqual(before);

    // The promotion itself refuses with the first of them.
    const refused = await hr.post(`/v1/workers/${staff.id}/promotions`, body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('VERSION_MISMATCH');

    // In English on request: the sentence given where the refusal arises.
    const english = await hr.post(`/v1/workers/${staff.id}/promotions/preview`, body, {
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.refusals[2].message).toMatch(/not in the reserve pool/);
  });

  it('a role its committee does not have: no pay effect, ROLE_NOT_IN_COMMITTEE', async () => {
    const hr = await h.client('hr', 'qth');
    const preview = await hr.post(`/v1/workers/${staff.id}/promotions/preview`, {
      committee: 'residents',
      role: 'secretary',
      effectiveOn: TODAY,
      outsidePoolReason: '换届',
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      role: null,
      roleLabel: null,
      to: null,
      payAfterFen: null,
      allowed: false,
    });
    expect(preview.body.refusals.map((r: { code: string }) => r.code)).toEqual(['ROLE_NOT_IN_COMMITTEE']);
    expect(preview.body.refusals[0].message).toBe('该组织没有此职务');
  });

  it('validates the body as the promotion does and is authorised the same way', async () => {
    const hr = await h.client('hr', 'qth');
    const invalid = await hr.post(`/v1/workers/${staff.id}/promotions/preview`, {
      committee: 'street',
      role: 'member',
      effectiveOn: '2026-02-30',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');

    const body = { committee: 'party', role: 'member', effectiveOn: TODAY, outsidePoolReason: 'x' };
    const sibling = await h.client('hr', 'qth/taoshan');
    expect((await sibling.post(`/v1/workers/${staff.id}/promotions/preview`, body)).status).toBe(404);
    const self = await h.client('worker', staff.org, staff.id);
    expect((await self.post(`/v1/workers/${staff.id}/promotions/preview`, body)).status).toBe(403);
    expect((await hr.post('/v1/workers/w_missing/promotions/preview', body)).status).toBe(404);
  });
});
