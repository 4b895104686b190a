import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sign, verify } from 'hono/jwt';
import type { Actor, Role } from '#shared/auth/actor.ts';
import type { IdentitySource } from '#functions/dependencies.ts';
import { bearerToken, actorFromClaims } from '#functions/identity/claims.ts';
import { unauthenticated } from '#shared/errors.ts';

export const LOCAL_ISSUER = 'shegong-local';
export const LOCAL_AUDIENCE = 'shegong';

/** The local signing key lives in `.data/` so tokens survive restarts; created on first use. */
export function loadOrCreateLocalSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export interface TokenRequest {
  role: Role;
  org: string;
  workerId?: string;
  /** HR only: the joint-review department held (see Actor.department). */
  department?: string;
  sub?: string;
}

export async function signLocalToken(
  secret: string,
  request: TokenRequest,
  now: Date,
  ttlSeconds = 12 * 3600,
) {
  const iat = Math.floor(now.getTime() / 1000);
  return sign(
    {
      iss: LOCAL_ISSUER,
      aud: LOCAL_AUDIENCE,
      sub: request.sub ?? `${request.role}:${request.workerId ?? request.org}`,
      role: request.role,
      org: request.org,
      ...(request.workerId ? { workerId: request.workerId } : {}),
      ...(request.department ? { department: request.department } : {}),
      iat,
      exp: iat + ttlSeconds,
    },
    secret,
    'HS256',
  );
}

/** Local mode: verifies our own HS256 tokens. Lambda never uses this (API Gateway verifies there). */
export function localIdentity(secret: string): IdentitySource {
  return async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    let claims: Record<string, unknown>;
    try {
      claims = (await verify(token, secret, {
        alg: 'HS256',
        iss: LOCAL_ISSUER,
        aud: LOCAL_AUDIENCE,
      })) as Record<string, unknown>;
    } catch (error) {
      throw unauthenticated('The bearer token is invalid or expired', { reason: (error as Error).name });
    }
    return actorFromClaims(claims) satisfies Actor;
  };
}
