import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sign, verify } from 'hono/jwt';
import type { Actor, Role } from '#shared/auth/actor.ts';
import type { IdentitySource } from '#functions/dependencies.ts';
import { bearerToken, actorFromClaims } from '#functions/identity/claims.ts';
import { accountKeys, toAccount } from '#shared/db/entities/account.ts';
import type { Store } from '#shared/db/store.ts';
import { AppError, unauthenticated } from '#shared/errors.ts';

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
  /** Signed in with a recorded account (POST /local/sign-in): its user name. */
  account?: string;
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
      ...(request.account ? { account: request.account } : {}),
      ...(request.department ? { department: request.department } : {}),
      iat,
      exp: iat + ttlSeconds,
    },
    secret,
    'HS256',
  );
}

/**
 * Local mode: verifies our own HS256 tokens. Lambda never uses this (API Gateway verifies there).
 * A token from an account sign-in is checked against the account on every request (given the
 * store): a disabled account is refused at once, and a moved one acts in its new org.
 */
export function localIdentity(secret: string, store?: Store): IdentitySource {
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
    if (store && typeof claims.account === 'string') {
      const item = await store.get(accountKeys.key(claims.account));
      const account = item ? toAccount(item) : undefined;
      if (account?.status !== 'enabled')
        throw new AppError(401, 'ACCOUNT_DISABLED', 'This sign-in account is disabled', null);
      claims = {
        ...claims,
        role: account.role,
        org: account.org,
        workerId: account.workerId,
        department: account.department,
      };
    }
    return actorFromClaims(claims) satisfies Actor;
  };
}
