import type { IdentitySource } from '#functions/dependencies.ts';
import { actorFromClaims } from '#functions/identity/claims.ts';
import { unauthenticated } from '#shared/errors.ts';

/**
 * Lambda behind the HTTP API JWT authorizer: the token was verified by API Gateway (issuer,
 * audience, signature, expiry) and its claims arrive in the request context.
 */
export const apiGatewayIdentity: IdentitySource = async (c) => {
  const env = c.env as {
    event?: { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };
  };
  const claims = env?.event?.requestContext?.authorizer?.jwt?.claims;
  if (!claims) throw unauthenticated();
  return actorFromClaims(claims);
};
