import { type Actor, actorClaimsSchema, type Role, roles } from '#shared/auth/actor.ts';
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
 * HR officers may carry the joint-review department they hold (`custom:department` / `department`).
 */
export function actorFromClaims(claims: Record<string, unknown>): Actor {
  const role = claims.role ?? firstGroup(claims['cognito:groups']);
  const candidate = {
    sub: claims.sub,
    role,
    org: claims.org ?? claims['custom:org'],
    workerId: claims.workerId ?? claims['custom:workerId'] ?? undefined,
    department: nonEmpty(claims.department ?? claims['custom:department']),
  };
  const parsed = actorClaimsSchema.safeParse(candidate);
  if (!parsed.success) {
    throw unauthenticated(
      'The token lacks a valid role, org, workerId or department claim',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

function firstGroup(groups: unknown): string | undefined {
  if (Array.isArray(groups)) return groups.find((g) => isRole(String(g)));
  if (typeof groups === 'string') {
    return groups
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .find(isRole);
  }
  return undefined;
}

const isRole = (group: string): group is Role => (roles as readonly string[]).includes(group);

/** An empty claim (Cognito keeps "" for a cleared attribute) is no claim. */
function nonEmpty(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}
