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

/** At most this many verified tokens are remembered per process (oldest forgotten first). */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Local mode: verifies our own HS256 tokens. Lambda never uses this (API Gateway verifies there).
 * A token from an account sign-in is checked against the account on every request (given the
 * store): a disabled account is refused at once, and a moved one acts in its new org.
 *
 * A token's signature is verified once: its claims are kept (keyed by the whole token, so a
 * token differing in any byte is verified afresh) until it expires, which is checked on every
 * request. Verifying an HMAC with WebCrypto on every request was the largest cost of our own on
 * the hot reads. A token without an account makes the same actor every time: it is kept too.
 */
export function localIdentity(secret: string, store?: Store): IdentitySource {
  /** A verified token: its claims, expiry and (for a token without an account) its actor. */
  interface Verified {
    claims: Record<string, unknown>;
    exp: number | undefined;
    actor?: Actor;
  }
  const verified = new Map<string, Verified>();
  const verifiedToken = async (token: string): Promise<Verified> => {
    const known = verified.get(token);
    if (known && (known.exp === undefined || known.exp > Math.floor(Date.now() / 1000))) return known;
    if (known) verified.delete(token);
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
    if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value as string);
    const entry: Verified = { claims, exp: typeof claims.exp === 'number' ? claims.exp : undefined };
    verified.set(token, entry);
    return entry;
  };
  return async (c) => {
    const entry = await verifiedToken(bearerToken(c.req.header('authorization')));
    let claims = entry.claims;
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
      return actorFromClaims(claims) satisfies Actor;
    }
    // The token alone makes the actor: checked (zod) once, then shared (frozen) by its requests.
    entry.actor ??= Object.freeze(actorFromClaims(claims));
    return entry.actor;
  };
}
