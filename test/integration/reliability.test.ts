import { createHash } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '#shared/db/entities/idempotency.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/** Regression tests for issue 13's defects 4, 5, 7 and 9, through HTTP against DynamoDB Local. */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const GRID = 'qth/xinxing/hongqi/c1/g1';

beforeAll(async () => {
  h = await startHarness({ now: '2026-05-06T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
});
afterAll(() => h?.stop());

const expectErrorBody = (res: { status: number; body: any; text: string }, status: number, code?: string) => {
  expect(res.status, res.text).toBe(status);
  expect(res.body.error).toEqual(
    expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }),
  );
};

describe('defect 4: a retry that lands after the commit never gets a fake replay', () => {
  // What the idempotency middleware stores: per subject (local tokens: `role:org`) and key.
  const recordFor = (key: string, path: string, body: unknown, lockedUntil: number) => ({
    ...idempotencyKeys.key('hr:qth', key),
    type: 'idempotency',
    state: 'committed',
    owner: 'someone-else',
    requestHash: createHash('sha256')
      .update(`POST ${path}\napplication/json\n${JSON.stringify(body)}`)
      .digest('hex'),
    lockedUntil,
    expiresAt: lockedUntil + 86_400,
  });
  const nowSeconds = () => Math.floor(h.now().getTime() / 1000);
  const unit = (id: string) => ({
    id,
    name: '测试社区',
    level: 'community',
    parentId: 'qth/taoshan/taoxi',
    approvedQuota: 5,
  });

  it('waits for the stored response, then replays it', async () => {
    const body = unit('qth/taoshan/taoxi/wait');
    await h.store.client.send(
      new PutCommand({
        TableName: h.tableName,
        Item: recordFor('k-wait', '/v1/org-units', body, nowSeconds() + 30),
      }),
    );
    // The stored response must be a real org unit (the contract check reads replays too): take one
    // created for the purpose and mark it so a replay is told apart from a fresh execution.
    const model = await hr.post('/v1/org-units', unit('qth/taoshan/taoxi/wait-model'));
    expect(model.status).toBe(201);
    const storedUnit = { ...model.body, id: 'qth/taoshan/taoxi/wait', name: 'the stored response' };
    const stored = JSON.stringify(storedUnit);
    const retry = hr.post('/v1/org-units', body, { headers: { 'idempotency-key': 'k-wait' } });
    await new Promise((r) => setTimeout(r, 300));
    await h.store.client.send(
      new UpdateCommand({
        TableName: h.tableName,
        Key: idempotencyKeys.key('hr:qth', 'k-wait'),
        UpdateExpression: 'SET #state = :completed, #status = :status, #body = :body, contentType = :ct',
        ExpressionAttributeNames: { '#state': 'state', '#status': 'status', '#body': 'body' },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':status': 201,
          ':body': stored,
          ':ct': 'application/json',
        },
      }),
    );
    const res = await retry;
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(res.body).toEqual(storedUnit);
  });

  it('answers 409 IDEMPOTENCY_IN_PROGRESS with Retry-After while the response is still missing', async () => {
    const body = unit('qth/taoshan/taoxi/slow');
    await h.store.client.send(
      new PutCommand({
        TableName: h.tableName,
        Item: recordFor('k-slow', '/v1/org-units', body, nowSeconds() + 30),
      }),
    );
    const res = await hr.post('/v1/org-units', body, { headers: { 'idempotency-key': 'k-slow' } });
    expectErrorBody(res, 409, 'IDEMPOTENCY_IN_PROGRESS');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    // Nothing was applied a second time.
    expect((await hr.get('/v1/org-units/qth%2Ftaoshan%2Ftaoxi%2Fslow')).status).toBe(404);
  });

  it('says so when the first attempt committed and died before storing its response', async () => {
    const body = unit('qth/taoshan/taoxi/lost');
    await h.store.client.send(
      new PutCommand({
        TableName: h.tableName,
        Item: recordFor('k-lost', '/v1/org-units', body, nowSeconds() - 120),
      }),
    );
    const res = await hr.post('/v1/org-units', body, { headers: { 'idempotency-key': 'k-lost' } });
    expectErrorBody(res, 409, 'IDEMPOTENCY_RESPONSE_LOST');
  });

  it('20 concurrent retries: the first response or 409 with Retry-After, never null', async () => {
    const body = unit('qth/taoshan/taoxi/race');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        hr.post('/v1/org-units', body, { headers: { 'idempotency-key': 'k-race' } }),
      ),
    );
    for (const res of results) {
      if (res.status === 201) expect(res.body).toMatchObject({ id: 'qth/taoshan/taoxi/race', version: 1 });
      else {
        expectErrorBody(res, 409, 'IDEMPOTENCY_IN_PROGRESS');
        expect(res.headers.get('retry-after')).toBe('1');
      }
    }
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent('org-unit:qth/taoshan/taoxi/race')}`);
    expect(audit.body.items).toHaveLength(1);
  });
});

describe('defect 5: over-long ids are 400, never 500', () => {
  const longId = `w_${'x'.repeat(2100)}`;

  it('every operation with an id in its path answers 400 in the error format', async () => {
    const doc = (await h.anonymous.get('/openapi.json')).body;
    const calls: [string, string][] = [];
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      if (!path.includes('{')) continue;
      for (const [method, op] of Object.entries<any>(ops)) {
        const params = (op.parameters ?? []).filter((p: any) => p.in === 'path');
        // Only operations addressed by an id (kinds, dates and months have their own formats).
        if (!params.some((p: any) => /id$/i.test(p.name))) continue;
        const url = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
          /id$/i.test(name) ? longId : name === 'month' || name === 'yyyy-mm' ? '2026-04' : name,
        );
        calls.push([method, url]);
      }
    }
    expect(calls.length).toBeGreaterThanOrEqual(20);
    for (const [method, url] of calls) {
      const res = await (hr as any)[method](url, method === 'get' || method === 'delete' ? undefined : {});
      expect(res.status, `${method.toUpperCase()} ${url.slice(0, 60)}…: ${res.text.slice(0, 200)}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('GET /v1/evaluation-inputs with a 10,000-character workerId is 400', async () => {
    const res = await hr.get(`/v1/evaluation-inputs?workerId=${'w'.repeat(10_000)}&period=2026-04`);
    expectErrorBody(res, 400, 'VALIDATION_FAILED');
  });
});

describe('defect 7: JSON values are never coerced into personnel records', () => {
  it('refuses non-number scores (single and bulk)', async () => {
    for (const written of [true, null, '', [88], '88']) {
      const single = await hr.put('/v1/recruitments/r_x/candidates/c_x/scores', { written });
      expectErrorBody(single, 400, 'VALIDATION_FAILED');
      const bulk = await hr.post('/v1/recruitments/r_x/scores', { rows: [{ candidateId: 'c_x', written }] });
      expectErrorBody(bulk, 400, 'VALIDATION_FAILED');
    }
  });

  it("refuses a transfer's null or empty pay and an exit's boolean situation; CSV cells still parse", async () => {
    const worker = await seedWorker(h, { org: GRID });
    for (const situation of [true, null, '', [5]]) {
      const res = await hr.post(`/v1/workers/${worker.id}/exits`, {
        situation,
        effectiveOn: '2026-05-01',
        evidence: '辞职',
      });
      expectErrorBody(res, 400, 'VALIDATION_FAILED');
    }
    expect((await hr.get(`/v1/workers/${worker.id}`)).body.status).toBe('active');
  });
});

describe('defect 9: request bodies are limited to 10 MB', () => {
  it('answers 413 in the error format and does not process it', async () => {
    const big = { rows: [{ name: 'x'.repeat(11 * 1024 * 1024) }] };
    const res = await hr.post('/v1/transfers', big);
    expectErrorBody(res, 413, 'PAYLOAD_TOO_LARGE');
    const fine = await hr.post('/v1/transfers', { rows: [{ name: 'x'.repeat(1024 * 1024) }] });
    expectErrorBody(fine, 400, 'VALIDATION_FAILED');
  });
});

describe('defect 10: an exit withdraws pending honour nominations and frees their seats', () => {
  it('in the same change, audited; the freed seat can be used; a withdrawn nomination gets no result', async () => {
    const C1 = 'qth/xinxing/hongqi/c1';
    const cycle = await hr.post('/v1/honour-cycles', {
      honourType: 'outstanding-party-member',
      name: '2026年优秀共产党员推荐',
      year: 2026,
      quotas: [
        { org: C1, seats: 1 },
        { org: 'qth/taoshan', seats: 2 },
      ],
    });
    expect(cycle.status, cycle.text).toBe(201);
    const id = cycle.body.id as string;
    const leaving = await seedWorker(h, { org: GRID, isPartyMember: true });
    const next = await seedWorker(h, { org: GRID, isPartyMember: true });
    const nomination = await hr.post(`/v1/honour-cycles/${id}/nominations`, {
      workerId: leaving.id,
      reason: '表现突出',
    });
    expect(nomination.status, nomination.text).toBe(201);
    const full = await hr.post(`/v1/honour-cycles/${id}/nominations`, {
      workerId: next.id,
      reason: '表现突出',
    });
    expect(full.body.error.code).toBe('HONOUR_QUOTA_EXCEEDED');

    const exit = await hr.post(`/v1/workers/${leaving.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-05-01',
      evidence: '本人辞职',
    });
    expect(exit.status, exit.text).toBe(201);
    const detail = (await hr.get(`/v1/honour-cycles/${id}`)).body;
    expect(detail.quotas).toEqual(expect.arrayContaining([{ org: C1, seats: 1, used: 0, available: 1 }]));
    expect(detail.nominations[0]).toMatchObject({
      workerId: leaving.id,
      result: null,
      withdrawn: { reason: 'exit' },
    });
    expect(detail.summary).toMatchObject({ nominated: 1, pending: 0, withdrawn: 1 });
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`honour-cycle:${id}`)}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'honour.withdrawn',
      'honour.nominated',
      'honour-cycle.created',
    ]);

    const result = await hr.post(`/v1/honour-cycles/${id}/nominations/${nomination.body.id}/result`, {
      awarded: true,
    });
    expectErrorBody(result, 409, 'NOMINATION_WITHDRAWN');
    const freed = await hr.post(`/v1/honour-cycles/${id}/nominations`, {
      workerId: next.id,
      reason: '表现突出',
    });
    expect(freed.status, freed.text).toBe(201);

    // Defect 8 (over-sharing): a district sees only its own seats of a city-wide cycle.
    const taoshan = await h.client('hr', 'qth/taoshan');
    const seen = await taoshan.get(`/v1/honour-cycles/${id}`);
    expect(seen.status, seen.text).toBe(200);
    expect(seen.body.quotas).toEqual([{ org: 'qth/taoshan', seats: 2, used: 0, available: 2 }]);
    expect(seen.body.nominations).toEqual([]);
  });
});

describe('defect 8: no existence oracle in the audit list, no org path or worker id in 403 bodies', () => {
  it('answers an out-of-scope and a missing audit trail alike, and 403s name no resource', async () => {
    const worker = await seedWorker(h, { org: 'qth/taoshan/taoxi/c2/g1' });
    const xinxing = await h.client('hr', 'qth/xinxing');
    const outside = await xinxing.get(`/v1/audit?entity=${encodeURIComponent(`worker:${worker.id}`)}`);
    const missing = await xinxing.get(`/v1/audit?entity=${encodeURIComponent('worker:w_missing')}`);
    expectErrorBody(outside, 404, 'NOT_FOUND');
    expectErrorBody(missing, 404, 'NOT_FOUND');
    expect(
      (await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${worker.id}`)}`)).body.items,
    ).toHaveLength(1);

    // A worker outside the caller's subtree answers exactly as a missing one (no existence oracle).
    const outsideWorker = await xinxing.get(`/v1/workers/${worker.id}`);
    const missingWorker = await xinxing.get('/v1/workers/w_missing');
    expectErrorBody(outsideWorker, 404, 'NOT_FOUND');
    expect(outsideWorker.body.error.message.replace(worker.id, 'ID')).toBe(
      missingWorker.body.error.message.replace('w_missing', 'ID'),
    );
    expect(outsideWorker.text).not.toContain('qth/taoshan');
    // A 403 (the caller may see the worker but not do this) names no org path or worker id.
    const self = await h.client('worker', worker.org, worker.id);
    const forbidden = await self.post(`/v1/workers/${worker.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-05-01',
      evidence: '辞职',
    });
    expectErrorBody(forbidden, 403, 'FORBIDDEN');
    expect(forbidden.text).not.toContain(worker.id);
    expect(forbidden.text).not.toContain('qth/taoshan');
  });
});
