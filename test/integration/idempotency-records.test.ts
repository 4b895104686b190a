import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '#shared/context.ts';
import { IDEMPOTENCY_LOCK_SECONDS, IDEMPOTENCY_TTL_SECONDS } from '#shared/db/entities/idempotency.ts';
import { idempotency } from '#shared/db/idempotency.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The Idempotency-Key record's operations (`shared/db/idempotency.ts`) straight against DynamoDB
 * Local: who may claim a key when, and which attempt may store its response or free the key. The
 * HTTP tests (reliability, batches, fault injection, crash-kill) go through the middleware.
 */
let h: Harness;
const SUB = 'hr:qth';
const NOW = 1_780_000_000;
const hash = 'a'.repeat(64);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const attempt = (owner: string, nowSeconds = NOW) => ({ owner, requestHash: hash, nowSeconds });
/** The committed marker exactly as a change's transaction writes it (`Store.transact`). */
const commit = (claim: NonNullable<RequestContext['idempotency']>) =>
  h.store.transact(
    {
      actor: { sub: SUB, role: 'hr', org: 'qth' },
      requestId: 'req-commit',
      now: new Date(NOW * 1000),
      idempotency: claim,
    },
    [],
    [],
  );

describe('idempotency records', () => {
  it('claims a free key once: in-progress, locked and expiring, then refused to others while locked', async () => {
    expect(await idempotency.read(h.store, SUB, 'k-free')).toBeUndefined();
    const claim = await idempotency.claim(h.store, SUB, 'k-free', attempt('first'));
    expect(claim).toEqual({ pk: `IDEMPOTENCY#${SUB}#k-free`, sk: 'IDEMPOTENCY', owner: 'first' });
    expect(await idempotency.read(h.store, SUB, 'k-free')).toEqual({
      state: 'in-progress',
      owner: 'first',
      requestHash: hash,
      lockedUntil: NOW + IDEMPOTENCY_LOCK_SECONDS,
      expiresAt: NOW + IDEMPOTENCY_TTL_SECONDS,
    });
    // Still locked, even one second before it runs out.
    expect(
      await idempotency.claim(h.store, SUB, 'k-free', attempt('second', NOW + IDEMPOTENCY_LOCK_SECONDS - 1)),
    ).toBeUndefined();
    expect((await idempotency.read(h.store, SUB, 'k-free'))?.owner).toBe('first');
  });

  it('takes over an expired lock; the old attempt can then neither store its response nor free the key', async () => {
    const old = await idempotency.claim(h.store, SUB, 'k-expired', attempt('dead'));
    const later = NOW + IDEMPOTENCY_LOCK_SECONDS;
    const taken = await idempotency.claim(h.store, SUB, 'k-expired', attempt('retry', later));
    expect(taken?.owner).toBe('retry');
    expect(await idempotency.complete(h.store, old!, { status: 201, body: '{}', contentType: 'x' })).toBe(
      false,
    );
    expect(await idempotency.release(h.store, old!)).toBe(false);
    expect(await idempotency.read(h.store, SUB, 'k-expired')).toEqual(
      expect.objectContaining({
        state: 'in-progress',
        owner: 'retry',
        lockedUntil: later + IDEMPOTENCY_LOCK_SECONDS,
      }),
    );
  });

  it('release frees an uncommitted key for the next claim', async () => {
    const claim = await idempotency.claim(h.store, SUB, 'k-release', attempt('failing'));
    expect(await idempotency.release(h.store, claim!)).toBe(true);
    expect(await idempotency.read(h.store, SUB, 'k-release')).toBeUndefined();
    expect(await idempotency.claim(h.store, SUB, 'k-release', attempt('next'))).toBeDefined();
  });

  it('complete stores the response for replay; a completed key is never claimed again', async () => {
    const claim = await idempotency.claim(h.store, SUB, 'k-done', attempt('owner'));
    await commit(claim!);
    const response = { status: 201, body: '{"id":"x"}', contentType: 'application/json' };
    expect(await idempotency.complete(h.store, claim!, response)).toBe(true);
    expect(await idempotency.read(h.store, SUB, 'k-done')).toEqual(
      expect.objectContaining({ state: 'completed', owner: 'owner', ...response }),
    );
    const muchLater = NOW + 10 * IDEMPOTENCY_LOCK_SECONDS;
    expect(await idempotency.claim(h.store, SUB, 'k-done', attempt('retry', muchLater))).toBeUndefined();
  });

  it('a committed change keeps its key: not released, and without a batch never taken over', async () => {
    const claim = await idempotency.claim(h.store, SUB, 'k-committed', attempt('crashed'));
    await commit(claim!);
    expect(await idempotency.release(h.store, claim!)).toBe(false);
    expect((await idempotency.read(h.store, SUB, 'k-committed'))?.state).toBe('committed');
    const muchLater = NOW + 10 * IDEMPOTENCY_LOCK_SECONDS;
    expect(await idempotency.claim(h.store, SUB, 'k-committed', attempt('retry', muchLater))).toBeUndefined();
  });

  it("a committed durable batch is taken over only once its owner's lock ran out a lock period ago", async () => {
    const claim = await idempotency.claim(h.store, SUB, 'k-batch', attempt('crashed'));
    await commit({ ...claim!, batchId: 'b_1' });
    expect(await idempotency.read(h.store, SUB, 'k-batch')).toEqual(
      expect.objectContaining({ state: 'committed', batchId: 'b_1' }),
    );
    const abandonedAt = NOW + 2 * IDEMPOTENCY_LOCK_SECONDS;
    expect(
      await idempotency.claim(h.store, SUB, 'k-batch', attempt('early', abandonedAt - 1)),
    ).toBeUndefined();
    const taken = await idempotency.claim(h.store, SUB, 'k-batch', attempt('retry', abandonedAt));
    expect(taken?.owner).toBe('retry');
    // The claim replaces the record: in progress again, the batch id gone (the retry finds the batch by its key).
    const record = await idempotency.read(h.store, SUB, 'k-batch');
    expect(record).toEqual(expect.objectContaining({ state: 'in-progress', owner: 'retry' }));
    expect(record?.batchId).toBeUndefined();
  });
});
