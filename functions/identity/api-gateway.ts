import type { IdentitySource } from '#functions/dependencies.ts';
import { actorFromClaims } from '#functions/identity/claims.ts';
import type { Actor } from '#shared/auth/actor.ts';
import { unauthenticated } from '#shared/errors.ts';

/** At most this many tokens' actors are remembered per container (oldest forgotten first). */
const ACTORS_KEPT = 10_000;

/**
 * Lambda behind the HTTP API JWT authorizer: the token was verified by API Gateway (issuer,
 * audience, signature, expiry) and its claims arrive in the request context.
 *
 * The claims are the token's own, so a token's actor is made (zod-checked) once per container and
 * kept, keyed by the whole `Authorization` header; a request without that header is checked afresh.
 */
export function apiGatewayIdentitySource(): IdentitySource {
  const actors = new Map<string, Actor>();
  return async (c) => {
    const env = c.env as {
      event?: { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };
    };
    const claims = env?.event?.requestContext?.authorizer?.jwt?.claims;
    if (!claims) throw unauthenticated();
    const token = c.req.header('authorization');
    const known = token === undefined ? undefined : actors.get(token);
    if (known) return known;
    const actor = Object.freeze(actorFromClaims(claims));
    if (token !== undefined) {
      if (actors.size >= ACTORS_KEPT) actors.delete(actors.keys().next().value as string);
      actors.set(token, actor);
    }
    return actor;
  };
}

/** The identity source of the deployed API functions (one per container). */
export const apiGatewayIdentity: IdentitySource = apiGatewayIdentitySource();
