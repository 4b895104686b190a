import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app.ts';
import type { ContractViolation } from '#functions/api/middleware/response-contract.ts';
import { commonErrors, jsonContent } from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { conflict } from '#shared/errors.ts';

/**
 * The test-mode response check (createApp's onContractViolation) on probe routes with deliberate
 * mismatches: each must be reported with its route, status and the offending field, and a
 * response that matches must not be. The probes are added through createApp's own `extend`, so
 * this is the same middleware and route registry the integration harness runs.
 */
process.env.LOG_REQUESTS = '0';

const probeSchema = z.object({ name: z.string(), count: z.number().int() });
const probe = (path: string) =>
  createRoute({
    method: 'get',
    path,
    responses: { 200: jsonContent(probeSchema, 'A probe'), ...commonErrors },
  });
const csvProbe = createRoute({
  method: 'get',
  path: '/probe/csv',
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } },
});
const onlyOk = createRoute({
  method: 'get',
  path: '/probe/only-ok/{id}',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: jsonContent(probeSchema, 'A probe') },
});

function appWithProbes() {
  const violations: ContractViolation[] = [];
  const deps = { clock: () => new Date('2026-03-02T02:00:00Z') } as Dependencies;
  const app = createApp(deps, {
    contexts: [],
    onContractViolation: (violation) => violations.push(violation),
    extend: (root) => {
      root.openapi(probe('/probe/ok'), (c) => c.json({ name: '甲', count: 1 }, 200));
      // Deliberately off-schema bodies, cast past the typed handler the way a bug would slip by.
      root.openapi(probe('/probe/wrong-type'), (c) => c.json({ name: '甲', count: '1' } as never, 200));
      root.openapi(probe('/probe/missing'), (c) => c.json({ name: '甲' } as never, 200));
      root.openapi(probe('/probe/extra'), (c) => c.json({ name: '甲', count: 1, secret: 'x' } as never, 200));
      root.openapi(probe('/probe/bad-error'), (c) => c.json({ message: 'no' } as never, 409 as never));
      root.openapi(probe('/probe/conflict'), () => {
        throw conflict('TAKEN', 'already there');
      });
      root.openapi(csvProbe, (c) => c.json({ csv: 'a,b' }) as never);
      root.openapi(onlyOk, () => {
        throw conflict('TAKEN', 'already there');
      });
      root.get('/probe/plain-error', (c) => c.json({ oops: true }, 400));
    },
  });
  return { app, violations };
}

describe('response contract check (test mode)', () => {
  it('passes a response that matches its declared schema, and a declared error', async () => {
    const { app, violations } = appWithProbes();
    const ok = await app.request('/probe/ok');
    expect(ok.status).toBe(200);
    expect((await app.request('/probe/conflict')).status).toBe(409);
    expect((await app.request('/no-such-route')).status).toBe(404);
    expect(violations).toEqual([]);
  });

  it('reports a field of the wrong type, naming the route, status and field', async () => {
    const { app, violations } = appWithProbes();
    const res = await app.request('/probe/wrong-type');
    expect(res.status).toBe(200); // the response itself is left alone
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ method: 'GET', route: '/probe/wrong-type', status: 200 });
    expect(violations[0]!.problems.join()).toMatch(/^count: /);
  });

  it('reports a missing required field and a field the schema does not declare', async () => {
    const { app, violations } = appWithProbes();
    await app.request('/probe/missing');
    await app.request('/probe/extra');
    expect(violations.map((v) => [v.route, v.problems])).toEqual([
      ['/probe/missing', [expect.stringMatching(/^count: /)]],
      ['/probe/extra', ['secret: not declared in the schema']],
    ]);
  });

  it('reports an error body that is not the common error shape', async () => {
    const { app, violations } = appWithProbes();
    await app.request('/probe/bad-error');
    expect(violations).toHaveLength(1);
    expect(violations[0]!.problems.join()).toMatch(/^error: /);
  });

  it('reports a status the route does not declare, and JSON where it declares CSV', async () => {
    const { app, violations } = appWithProbes();
    expect((await app.request('/probe/only-ok/1')).status).toBe(409);
    await app.request('/probe/csv');
    expect(violations.map((v) => [v.route, v.status, v.problems])).toEqual([
      ['/probe/only-ok/{id}', 409, ['status 409 is not declared (declared: 200)']],
      ['/probe/csv', 200, ['a JSON body, but 200 declares text/csv']],
    ]);
  });

  it('checks error responses from undocumented routes against the common error shape', async () => {
    const { app, violations } = appWithProbes();
    await app.request('/probe/plain-error');
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ route: '/probe/plain-error', status: 400 });
    expect(violations[0]!.problems.join()).toMatch(/^error: /);
  });
});
