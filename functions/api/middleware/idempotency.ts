import { createHash, randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Dependencies } from '#functions/dependencies.ts';
import type { AppEnv } from '#functions/api/env.ts';
import { IDEMPOTENCY_LOCK_SECONDS } from '#shared/db/entities/idempotency.ts';
import { idempotency as records } from '#shared/db/idempotency.ts';
import { AppError, badRequest, conflict, unprocessable } from '#shared/errors.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a retry waits for the first attempt's response once its change has committed. */
const COMMITTED_WAIT_MS = 3000;
const COMMITTED_POLL_MS = 100;

const inProgress = (key: string) =>
  new AppError(
    409,
    'IDEMPOTENCY_IN_PROGRESS',
    'A request with this Idempotency-Key is still being processed; retry shortly',
    { key },
    1,
  );

/**
 * `Idempotency-Key` on any mutating request: the first attempt takes effect, retries with the
 * same key and body get the first response (header `Idempotent-Replayed: true`), the same key with
 * another body is 422. The store marks the record "committed" inside the change's own transaction,
 * so a crash between commit and reply can't make a retry apply the change twice.
 */
export function idempotency(deps: Dependencies): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (!key || !MUTATING.has(c.req.method)) return next();
    // A bulk dry run changes nothing: nothing to replay, and its preview must never answer the commit.
    if (c.req.query('dryRun') === 'true') return next();
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw badRequest(
        'Idempotency-Key must be 1–200 visible ASCII characters',
        { key },
        'INVALID_IDEMPOTENCY_KEY',
      );
    }
    const actor = c.get('actor');
    const { store } = deps;
    // Bytes, not text: an .xlsx body must not hash equal to another through lossy decoding.
    const body = Buffer.from(await c.req.arrayBuffer());
    const requestHash = createHash('sha256')
      .update(`${c.req.method} ${c.req.path}\n${c.req.header('content-type') ?? ''}\n`)
      .update(body)
      .digest('hex');
    const owner = randomUUID();
    const now = deps.clock();
    const nowSeconds = Math.floor(now.getTime() / 1000);

    const read = () => records.read(store, actor.sub, key);

    const replayOrRefuse = async () => {
      let existing = await read();
      if (!existing) return undefined;
      // The change has committed but its response is not stored yet: wait for it rather than replay
      // a response we don't have.
      for (
        const waitUntil = Date.now() + COMMITTED_WAIT_MS;
        existing?.state === 'committed' && Date.now() < waitUntil;
      ) {
        await new Promise((resolve) => setTimeout(resolve, COMMITTED_POLL_MS));
        existing = await read();
      }
      if (!existing) return undefined;
      if (existing.requestHash !== requestHash) {
        throw unprocessable(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used with a different request',
          { key },
        );
      }
      if (existing.state === 'committed') {
        // Its owner died between commit and storing the response (its lock long expired): the
        // change took effect once, and its response is gone.
        if (existing.lockedUntil + IDEMPOTENCY_LOCK_SECONDS <= nowSeconds) {
          // A durable batch keeps its own response (and its id follows from the key): run the
          // request again and it answers from the completed batch without writing anything.
          if (existing.batchId) return 'committed-batch' as const;
          throw conflict(
            'IDEMPOTENCY_RESPONSE_LOST',
            'The request with this Idempotency-Key took effect, but its response was not kept; read the resource to see the result',
            { key },
          );
        }
        throw inProgress(key);
      }
      if (existing.state === 'completed') {
        c.header('Idempotent-Replayed', 'true');
        return new Response(existing.body, {
          status: existing.status ?? 200,
          headers: {
            'content-type': existing.contentType ?? 'application/json',
            'idempotent-replayed': 'true',
          },
        });
      }
      if (existing.lockedUntil > nowSeconds) throw inProgress(key);
      return 'expired-lock' as const;
    };

    const first = await replayOrRefuse();
    if (first instanceof Response) return first;
    // Claim the key (or take over an attempt whose lock expired without committing).
    const claim = await records.claim(store, actor.sub, key, { owner, requestHash, nowSeconds });
    if (!claim) {
      const again = await replayOrRefuse();
      if (again instanceof Response) return again;
      throw inProgress(key);
    }

    c.set('idempotency', claim);
    // Nothing took effect (the change's transaction would have marked it committed): free the key.
    const release = () => records.release(store, claim).catch(() => undefined);
    try {
      await next();
    } catch (error) {
      await release();
      throw error;
    }
    if (c.res.status >= 400 || c.error) {
      await release();
      return;
    }
    const stored = await records.complete(store, claim, {
      status: c.res.status,
      body: await c.res.clone().text(),
      contentType: c.res.headers.get('content-type') ?? 'application/json',
    });
    // This attempt outlived its lock and another took the key over before this response was kept:
    // the key's outcome is the other attempt's, which a retry reads (as a change's transaction
    // answers when its committed marker finds the key taken over).
    if (!stored)
      throw conflict(
        'IDEMPOTENCY_KEY_TAKEN_OVER',
        'Another attempt with this Idempotency-Key took over; retry to see its result',
        { key },
      );
  };
}
