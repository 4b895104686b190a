import { type Actor, actorClaimsSchema } from '#shared/auth/actor.ts';
import { unauthenticated } from '#shared/errors.ts';

export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) throw unauthenticated();
  return match[1]!;
}

/**
 * Normalises verified claims from any issuer to an Actor. Cognito ID tokens carry the role as a
 * group (`cognito:groups`, which API Gateway flattens to a string such as "[hr]") and the org and
 * worker id as custom attributes; external OIDC providers send plain `role`, `org`, `workerId`.
 */
export function actorFromClaims(claims: Record<string, unknown>): Actor {
  const role = claims.role ?? firstGroup(claims['cognito:groups']);
  const candidate = {
    sub: claims.sub,
    role,
    org: claims.org ?? claims['custom:org'],
    workerId: claims.workerId ?? claims['custom:workerId'] ?? undefined,
  };
  const parsed = actorClaimsSchema.safeParse(candidate);
  if (!parsed.success) {
    throw unauthenticated(
      'The token lacks a valid role, org or workerId claim',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

function firstGroup(groups: unknown): string | undefined {
  if (Array.isArray(groups)) return groups.find((g) => ['hr', 'mentor', 'worker'].includes(String(g)));
  if (typeof groups === 'string') {
    return groups
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .find((g) => ['hr', 'mentor', 'worker'].includes(g));
  }
  return undefined;
}
