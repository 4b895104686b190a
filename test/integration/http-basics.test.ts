import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app.ts';
import { commonErrors, jsonContent } from '#functions/api/openapi.ts';
import { type Harness, startHarness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

describe('HTTP basics', () => {
  it('GET /health answers without a token', async () => {
    const res = await h.anonymous.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', service: 'shegong' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('every answer, a refusal too, says the business time it was made at (the web app dates its forms by it)', async () => {
    // The harness's business clock runs from 2026-03-02 02:00 UTC, not the wall clock's time.
    const health = await h.anonymous.get<{ time: string }>('/health');
    const refused = await h.anonymous.get('/v1/me');
    const missing = await h.anonymous.get('/no-such-route');
    expect([refused.status, missing.status]).toEqual([401, 404]);
    for (const answer of [health, refused, missing]) {
      const said = answer.headers.get('x-business-time') ?? '';
      expect(said).toMatch(/^2026-03-0\dT/);
      expect(Math.abs(Date.parse(said) - Date.parse(health.body.time))).toBeLessThan(60_000);
    }
  });

  it('GET /openapi.json is OpenAPI 3.1 with every route, its schemas and bearer security', async () => {
    const res = await h.anonymous.get('/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const create = doc.paths['/v1/org-units'].post;
    expect(create.security).toEqual([{ bearerAuth: [] }]);
    expect(create.requestBody.content['application/json'].schema).toBeTruthy();
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409']),
    );
    for (const path of [
      '/v1/org-units/{id}',
      '/v1/org-units/{id}/children',
      '/v1/policies/{kind}',
      '/v1/audit',
      '/v1/stats',
    ]) {
      expect(doc.paths[path], path).toBeTruthy();
    }
  });

  it('every /v1 operation declares bearer security, a 2xx response with a schema, and its errors', async () => {
    const doc = (await h.anonymous.get('/openapi.json')).body;
    const problems: string[] = [];
    let operations = 0;
    for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, op] of Object.entries<any>(ops)) {
        operations++;
        const name = `${method.toUpperCase()} ${path}`;
        if (JSON.stringify(op.security) !== JSON.stringify([{ bearerAuth: [] }]))
          problems.push(`${name}: security`);
        const success = Object.keys(op.responses ?? {}).filter((status) => status.startsWith('2'));
        if (success.length === 0) problems.push(`${name}: no 2xx`);
        for (const status of success)
          if (!op.responses[status].content) problems.push(`${name}: ${status} has no schema`);
        for (const status of ['400', '401', '403'])
          if (!op.responses?.[status]) problems.push(`${name}: no ${status}`);
      }
    }
    expect(problems).toEqual([]);
    // Every context contributes: org units … evaluation.
    expect(operations).toBeGreaterThan(60);
  });

  it('GET /docs serves Swagger UI', async () => {
    const res = await h.anonymous.get('/docs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
    expect(res.text).toContain('/openapi.json');
    // Offline: the page's assets come from this server (swagger-ui-dist), not a CDN.
    expect(res.text).not.toMatch(/https?:\/\//);
    const bundle = await h.anonymous.get('/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.text).toContain('SwaggerUIBundle');
    expect((await h.anonymous.get('/docs/assets/package.json')).status).toBe(404);
  });

  it('unknown routes are 404 JSON', async () => {
    const hr = await h.client('hr', 'qth');
    const res = await hr.get('/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('/v1/no-such-thing'),
    });
    expect((await h.anonymous.get('/nowhere')).status).toBe(404);
  });

  it('401 without a token, with a malformed one, a forged one, or one missing claims', async () => {
    expect((await h.anonymous.get('/v1/stats?org=qth')).status).toBe(401);
    const malformed = await h.as('not-a-jwt').get('/v1/stats?org=qth');
    expect(malformed.status).toBe(401);
    expect(malformed.body.error.code).toBe('UNAUTHENTICATED');
    const good = await h.token('hr', 'qth');
    const [header, payload] = good.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    expect((await h.as(forged).get('/v1/stats?org=qth')).status).toBe(401);
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), org: 'x' })).toString('base64url')}.${good.split('.')[2]}`;
    expect((await h.as(tampered).get('/v1/stats?org=qth')).status).toBe(401);
    const noWorker = await h.anonymous.post('/local/token', { role: 'worker', org: 'qth' });
    expect(noWorker.status).toBe(400);
    expect(noWorker.body.error.details[0].path).toBe('workerId');
  });

  it('validation errors are 400 with the offending fields; malformed JSON is 400, never 500', async () => {
    const hr = await h.client('hr', 'qth');
    const res = await hr.post('/v1/org-units', { id: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'id' })]));
    const broken = await hr.post('/v1/org-units', undefined, {
      raw: '{"id": ',
      contentType: 'application/json',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toBeTruthy();
    const wrongType = await hr.post('/v1/org-units', undefined, {
      raw: 'id=qth',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const badQuery = await hr.get('/v1/stats?org=qth&year=abc');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.details[0].path).toBe('year');
    const badKey = await hr.post(
      '/v1/org-units',
      { id: 'qth', name: 'x', level: 'city' },
      { headers: { 'idempotency-key': 'has space' } },
    );
    expect(badKey.status).toBe(400);
    expect(badKey.body.error.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('policies: defaults until stored; only city HR write; backdating and rewriting history refused', async () => {
    const cityHr = await h.client('hr', 'qth');
    const quota = await cityHr.get('/v1/policies/quota');
    expect(quota.status).toBe(200);
    expect(quota.body).toMatchObject({ version: 'quota/default', document: { workersPer10kResidents: 18 } });
    const next = { workersPer10kResidents: 20, quotaLevels: ['city', 'district', 'street', 'community'] };
    const districtHr = await h.client('hr', 'qth/xinxing');
    expect((await districtHr.put('/v1/policies/quota/2026-04-01', next)).status).toBe(403);
    const stored = await cityHr.put('/v1/policies/quota/2026-04-01', next);
    expect(stored.status).toBe(200);
    expect(stored.body.version).toBe('quota/2026-04-01/r1');
    const revised = await cityHr.put('/v1/policies/quota/2026-04-01', {
      ...next,
      workersPer10kResidents: 19,
    });
    expect(revised.body.version).toBe('quota/2026-04-01/r2');
    expect((await cityHr.get('/v1/policies/quota?at=2026-03-31')).body.version).toBe('quota/default');
    expect((await cityHr.get('/v1/policies/quota?at=2026-04-01')).body.document.workersPer10kResidents).toBe(
      19,
    );
    const backdated = await cityHr.put('/v1/policies/quota/2026-01-01', next);
    expect(backdated.status).toBe(422);
    expect(backdated.body.error.code).toBe('POLICY_BACKDATED');
    h.setNow('2026-04-02T02:00:00Z');
    const rewrite = await cityHr.put('/v1/policies/quota/2026-04-01', next);
    expect(rewrite.status).toBe(409);
    expect(rewrite.body.error.code).toBe('POLICY_IN_EFFECT');
    const invalid = await cityHr.put('/v1/policies/quota/2026-05-01', { workersPer10kResidents: 1.5 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['workersPer10kResidents', 'quotaLevels']),
    );
    expect((await cityHr.get('/v1/policies/unknown-kind')).status).toBe(404);
    const versions = await cityHr.get('/v1/policies/quota/versions');
    expect(versions.body.items).toHaveLength(1);
    const audit = await cityHr.get(`/v1/audit?entity=${encodeURIComponent('policy:qth/quota/2026-04-01')}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'policy.revised',
      'policy.created',
    ]);
    // Each action with its Chinese name beside it (the `<field>Label` convention).
    expect(audit.body.items.map((e: { actionLabel: string }) => e.actionLabel)).toEqual([
      '修订政策版本',
      '新建政策版本',
    ]);
  });

  it('the harness records a response that breaks its declared schema, naming the test (and fails the file on stop)', async () => {
    const offSchema = createRoute({
      method: 'get',
      path: '/contract-probe',
      responses: { 200: jsonContent(z.object({ fen: z.number().int() }), 'Probe'), ...commonErrors },
    });
    const app = createApp(h.deps, {
      contexts: [],
      onContractViolation: h.onContractViolation,
      extend: (root) => root.openapi(offSchema, (c) => c.json({ fen: '12.50' } as never, 200)),
    });
    expect((await app.request('/contract-probe')).status).toBe(200);
    // Taken here so this file's stop() does not fail on the deliberate mismatch.
    const recorded = h.takeViolations();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      route: '/contract-probe',
      status: 200,
      test: expect.stringContaining('harness records'),
    });
    expect(recorded[0]!.problems[0]).toMatch(/^fen: /);
  });
});
