import { Hono } from 'hono';
import * as jwt from 'hono/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localIdentity, signLocalToken } from '#functions/identity/local-jwt.ts';
import { AppError } from '#shared/errors.ts';

// The real verify, watched: the tests below count how often a signature is checked.
vi.mock('hono/jwt', async (importOriginal) => {
  const original = await importOriginal<typeof import('hono/jwt')>();
  return { ...original, verify: vi.fn(original.verify) };
});

const SECRET = 'unit-test-secret-0123456789abcdef';

/** A tiny app that answers the actor of the request's token, or the 401's code and reason. */
function identityApp(secret = SECRET) {
  const identity = localIdentity(secret);
  const app = new Hono();
  app.get('/', async (c) => c.json(await identity(c)));
  app.onError((error, c) =>
    error instanceof AppError
      ? c.json({ status: error.status, code: error.code, details: error.details }, 401)
      : c.json({ status: 500, message: String(error) }, 500),
  );
  return (token: string) => app.request('/', { headers: { authorization: `Bearer ${token}` } });
}

const verifications = () => vi.mocked(jwt.verify).mock.calls.length;

afterEach(() => {
  vi.useRealTimers();
  vi.mocked(jwt.verify).mockClear();
});

describe('localIdentity: each token is verified once, its expiry on every request', () => {
  it('answers the same actor for a token already verified, without checking its signature again', async () => {
    const call = identityApp();
    const token = await signLocalToken(SECRET, { role: 'worker', org: 'qth/a', workerId: 'w_1' }, new Date());
    for (let i = 0; i < 3; i++) {
      const res = await call(token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ sub: 'worker:w_1', role: 'worker', org: 'qth/a', workerId: 'w_1' });
    }
    expect(verifications()).toBe(1);
  });

  it('shares one frozen actor between the requests of a token without an account', async () => {
    const identity = localIdentity(SECRET);
    const actors: unknown[] = [];
    const app = new Hono();
    app.get('/', async (c) => {
      actors.push(await identity(c));
      return c.body(null, 204);
    });
    const token = await signLocalToken(SECRET, { role: 'hr', org: 'qth' }, new Date());
    for (let i = 0; i < 2; i++) await app.request('/', { headers: { authorization: `Bearer ${token}` } });
    expect(actors[1]).toBe(actors[0]);
    expect(Object.isFrozen(actors[0])).toBe(true);
  });

  it('refuses a token differing from a verified one in its signature', async () => {
    const call = identityApp();
    const token = await signLocalToken(SECRET, { role: 'hr', org: 'qth' }, new Date());
    expect((await call(token)).status).toBe(200);
    // The signature's first character (its last one holds padding bits a decoder may ignore).
    const at = token.lastIndexOf('.') + 1;
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    const res = await call(tampered);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token signed with another secret', async () => {
    const call = identityApp();
    const foreign = await signLocalToken(
      'another-secret-0123456789abcdefgh',
      { role: 'hr', org: 'qth' },
      new Date(),
    );
    expect((await call(foreign)).status).toBe(401);
  });

  it('refuses a verified token once it has expired', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T02:00:00Z'), toFake: ['Date'] });
    const call = identityApp();
    const token = await signLocalToken(SECRET, { role: 'hr', org: 'qth' }, new Date(), 60);
    expect((await call(token)).status).toBe(200);
    vi.setSystemTime(new Date('2026-12-01T02:00:59Z'));
    expect((await call(token)).status).toBe(200);
    expect(verifications()).toBe(1);
    vi.setSystemTime(new Date('2026-12-01T02:01:00Z'));
    const res = await call(token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      code: 'UNAUTHENTICATED',
      details: { reason: 'JwtTokenExpired' },
    });
  });
});
