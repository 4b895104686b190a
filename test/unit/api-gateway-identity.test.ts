import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { apiGatewayIdentitySource } from '#functions/identity/api-gateway.ts';
import { AppError } from '#shared/errors.ts';

/** A tiny app answering the actor API Gateway's claims make, or the 401's code; a Lambda event as env. */
function identityApp() {
  const identity = apiGatewayIdentitySource();
  const actors: unknown[] = [];
  const app = new Hono();
  app.get('/', async (c) => {
    const actor = await identity(c);
    actors.push(actor);
    return c.json(actor);
  });
  app.onError((error, c) => c.json({ code: error instanceof AppError ? error.code : String(error) }, 401));
  const call = (claims: Record<string, unknown> | undefined, token?: string) =>
    app.request('/', token ? { headers: { authorization: `Bearer ${token}` } } : {}, {
      event: { requestContext: claims ? { authorizer: { jwt: { claims } } } : {} },
    });
  return { call, actors };
}

const hr = { sub: 'u-1', 'cognito:groups': '[hr]', 'custom:org': 'qth' };

describe('apiGatewayIdentity: a token’s actor is made once per container', () => {
  it('answers the same (frozen) actor for the same token', async () => {
    const { call, actors } = identityApp();
    for (let i = 0; i < 3; i++) {
      const res = await call(hr, 'token-a');
      expect(await res.json()).toEqual({ sub: 'u-1', role: 'hr', org: 'qth' });
    }
    expect(actors[1]).toBe(actors[0]);
    expect(actors[2]).toBe(actors[0]);
    expect(Object.isFrozen(actors[0])).toBe(true);
  });

  it('makes another token’s actor from its own claims', async () => {
    const { call } = identityApp();
    await call(hr, 'token-a');
    const res = await call({ sub: 'u-2', role: 'worker', org: 'qth/a', workerId: 'w_1' }, 'token-b');
    expect(await res.json()).toEqual({ sub: 'u-2', role: 'worker', org: 'qth/a', workerId: 'w_1' });
  });

  it('without an Authorization header, reads the claims afresh every time', async () => {
    const { call, actors } = identityApp();
    await call(hr);
    await call({ ...hr, 'custom:org': 'qth/b' });
    expect(actors).toEqual([
      { sub: 'u-1', role: 'hr', org: 'qth' },
      { sub: 'u-1', role: 'hr', org: 'qth/b' },
    ]);
  });

  it('refuses a request without claims, or with claims lacking a role, and remembers no refusal', async () => {
    const { call } = identityApp();
    expect(await (await call(undefined, 'token-c')).json()).toEqual({ code: 'UNAUTHENTICATED' });
    expect(await (await call({ sub: 'u-3', 'custom:org': 'qth' }, 'token-c')).json()).toEqual({
      code: 'UNAUTHENTICATED',
    });
    expect(await (await call(hr, 'token-c')).json()).toEqual({ sub: 'u-1', role: 'hr', org: 'qth' });
  });
});
