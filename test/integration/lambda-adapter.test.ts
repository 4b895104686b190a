import { handle } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#functions/api/app.ts';
import { apiGatewayIdentity } from '#functions/identity/api-gateway.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * The Lambda entry path: API Gateway (HTTP API, payload v2) has verified the JWT and hands the
 * claims over in the request context; the same Hono app serves the context's routes.
 */
let h: Harness;
let handler: ReturnType<typeof handle>;

beforeAll(async () => {
  h = await startHarness();
  await seedOrgTree(h);
  handler = handle(createApp({ ...h.deps, identity: apiGatewayIdentity }, { contexts: ['organisation'] }));
});
afterAll(async () => h?.stop());

function event(method: string, rawPath: string, claims?: Record<string, string>, body?: unknown) {
  return {
    version: '2.0',
    routeKey: `${method} ${rawPath}`,
    rawPath,
    rawQueryString: '',
    headers: { host: 'api.example', 'content-type': 'application/json' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: `${method} ${rawPath}`,
      stage: '$default',
      time: '02/Mar/2026:02:00:00 +0000',
      timeEpoch: 1772416800000,
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    ...(body ? { body: JSON.stringify(body), isBase64Encoded: false } : { isBase64Encoded: false }),
  };
}

const invoke = async (e: ReturnType<typeof event>) => {
  const res = (await handler(e as any, {} as any)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) };
};

describe('Lambda adapter with API Gateway JWT claims', () => {
  it('reads Cognito claims (group + custom attributes) and serves the route', async () => {
    const res = await invoke(
      event('GET', `/v1/org-units/${orgPath('qth/xinxing')}`, {
        sub: 'u-1',
        'cognito:groups': '[hr]',
        'custom:org': 'qth',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'qth/xinxing', quota: 270 });
  });

  it('routes org ids with raw slashes as local mode does', async () => {
    const hr = { sub: 'u-1', 'cognito:groups': '[hr]', 'custom:org': 'qth' };
    const unit = await invoke(event('GET', '/v1/org-units/qth/xinxing', hr));
    expect(unit.status).toBe(200);
    expect(unit.body.id).toBe('qth/xinxing');
    const children = await invoke(event('GET', '/v1/org-units/qth/xinxing/children', hr));
    expect(children.status).toBe(200);
    expect(children.body.items.map((u: { id: string }) => u.id)).toContain('qth/xinxing/hongqi');
  });

  it('reads plain OIDC claims from an external identity platform', async () => {
    const res = await invoke(
      event('GET', `/v1/org-units/${orgPath('qth/xinxing')}`, { sub: 'u-2', role: 'hr', org: 'qth/taoshan' }),
    );
    expect(res.status).toBe(403);
    const created = await invoke(
      event(
        'POST',
        '/v1/org-units',
        { sub: 'u-2', role: 'hr', org: 'qth/taoshan' },
        {
          id: 'qth/taoshan/new',
          name: '新',
          level: 'street',
          parentId: 'qth/taoshan',
          urbanPopulation: 1000,
        },
      ),
    );
    expect(created.status).toBe(201);
    const audit = await h.store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'AUDIT#org-unit:qth/taoshan/new' },
    });
    expect(audit[0]?.actor).toEqual({ sub: 'u-2', role: 'hr', org: 'qth/taoshan' });
  });

  it('no claims or claims without a role → 401', async () => {
    expect((await invoke(event('GET', `/v1/org-units/${orgPath('qth')}`))).status).toBe(401);
    const noRole = await invoke(
      event('GET', `/v1/org-units/${orgPath('qth')}`, { sub: 'u-3', 'custom:org': 'qth' }),
    );
    expect(noRole.status).toBe(401);
    expect(noRole.body.error.details[0].path).toBe('role');
  });

  it('a context function serves only its own routes, and no local token endpoint', async () => {
    const claims = { sub: 'u-1', 'cognito:groups': '[hr]', 'custom:org': 'qth' };
    expect((await invoke(event('GET', '/v1/stats', claims))).status).toBe(404);
    expect((await invoke(event('POST', '/local/token', undefined, { role: 'hr', org: 'qth' }))).status).toBe(
      404,
    );
  });
});
