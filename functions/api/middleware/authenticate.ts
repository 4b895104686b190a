import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '#functions/api/env.ts';
import type { Dependencies } from '#functions/dependencies.ts';

/** Every /v1 request must carry a verified identity; the one place an Actor is made. */
export function authenticate(deps: Dependencies): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', await deps.identity(c));
    await next();
  };
}
