import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Actor } from '#shared/auth/actor.ts';
import type { IdempotencyClaim, RequestContext } from '#shared/context.ts';
import { validationHook } from '#functions/api/middleware/errors.ts';

/** Hono variables set by our middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor;
    idempotency?: IdempotencyClaim;
    now: Date;
  };
}

/** A sub-app for one resource; mounted by the root app with `app.route()`. */
export function resourceApp() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** The use-case context of this request (actor, request id, instant, idempotency claim). */
export function requestContext(c: Context<AppEnv>): RequestContext {
  const idempotency = c.get('idempotency');
  return {
    actor: c.get('actor'),
    requestId: c.get('requestId'),
    now: c.get('now'),
    ...(idempotency ? { idempotency } : {}),
  };
}

/** Standard error responses for route definitions (documented in OpenAPI). */
export { errorSchema } from '#shared/schemas/common.ts';
