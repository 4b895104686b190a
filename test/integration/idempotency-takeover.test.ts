import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '#functions/api/env.ts';
import { onError } from '#functions/api/middleware/errors.ts';
import { idempotency } from '#functions/api/middleware/idempotency.ts';
import { IDEMPOTENCY_LOCK_SECONDS } from '#shared/db/entities/idempotency.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The Idempotency-Key middleware when an attempt outlives its lock: a second attempt takes the key
 * over, so the first can no longer store its response. The first then answers 409
 * IDEMPOTENCY_KEY_TAKEN_OVER (retry to read the outcome), as a change's transaction does in that
 * case, not a 500; the second attempt's response is the one kept and replayed. Against DynamoDB
 * Local, with a route that holds the first attempt until the second has finished.
 */
let h: Harness;
let app: Hono<AppEnv>;
let releaseFirst: () => void = () => {};
let calls = 0;

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('actor', { sub: 'hr:qth', role: 'hr', org: 'qth' } as never);
    await next();
  });
  app.use('*', idempotency(h.deps));
  app.post('/held', async (c) => {
    const call = ++calls;
    if (call === 1) await new Promise<void>((resolve) => (releaseFirst = resolve));
    return c.json({ call }, 201);
  });
  app.onError(onError);
});
afterAll(() => h?.stop());

const post = (key: string) =>
  app.request('/held', {
    method: 'POST',
    headers: { 'idempotency-key': key, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
    body: '{}',
  });

describe('an attempt whose Idempotency-Key was taken over', () => {
  it('answers 409 IDEMPOTENCY_KEY_TAKEN_OVER in Chinese, and the key keeps the attempt that took over', async () => {
    const first = post('takeover-1');
    // Let the first attempt claim the key and reach the route.
    for (let i = 0; i < 100 && calls === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(1);
    // Meanwhile its lock runs out: a retry takes the key over and finishes.
    h.setNow(
      new Date(Date.parse('2026-03-02T02:00:00.000Z') + (IDEMPOTENCY_LOCK_SECONDS + 5) * 1000).toISOString(),
    );
    const second = await post('takeover-1');
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual({ call: 2 });

    releaseFirst();
    const late = await first;
    expect(late.status).toBe(409);
    const body = (await late.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('IDEMPOTENCY_KEY_TAKEN_OVER');
    expect(body.error.message).toMatch(/Idempotency-Key.*接手/);

    const replay = await post('takeover-1');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual({ call: 2 });
    expect(calls).toBe(2);
  });
});
