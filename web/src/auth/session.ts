import { type Role, roles } from '../../../shared/auth/roles.ts';

export type { Role };

/** The signed-in user as the app sees it: the bearer token and the claims routing needs. */

export interface Session {
  token: string;
  role: Role;
  org: string;
  workerId?: string;
  /**
   * HR officers only: the joint-review department (联审部门) the identity holds, e.g.
   * `civil-affairs`; the console offers that department's decisions and no other's.
   */
  department?: string;
  /** Seconds since the epoch (the token's `exp`). */
  expiresAt: number;
  mode: 'local' | 'cognito' | 'oidc';
}

const STORAGE_KEY = 'shegong.session';

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)));
  return JSON.parse(json) as Record<string, unknown>;
}

function groupRole(groups: unknown): Role | undefined {
  const list = Array.isArray(groups) ? groups.map(String) : [];
  return roles.find((r) => list.includes(r));
}

/** The department claim as the API reads it: plain from local and OIDC tokens, `custom:` from Cognito. */
function departmentClaim(claims: Record<string, unknown>): string | undefined {
  const value = claims.department ?? claims['custom:department'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads role, org, worker id and department the way the API does (functions/identity/claims.ts): plain claims
 * from local and OIDC tokens, `cognito:groups` and `custom:` attributes from Cognito ID tokens.
 */
export function sessionFromToken(token: string, mode: Session['mode']): Session {
  const claims = decodePayload(token);
  const role = (claims.role as Role | undefined) ?? groupRole(claims['cognito:groups']);
  const org = (claims.org ?? claims['custom:org']) as string | undefined;
  const workerId = (claims.workerId ?? claims['custom:workerId']) as string | undefined;
  if (!role || !org) throw new Error('账号缺少角色或所属单位，请联系人事部门');
  const department = role === 'hr' ? departmentClaim(claims) : undefined;
  return {
    token,
    role,
    org,
    ...(workerId ? { workerId } : {}),
    ...(department ? { department } : {}),
    expiresAt: Number(claims.exp ?? 0),
    mode,
  };
}

export function isExpired(session: Session, nowMs = Date.now()): boolean {
  return session.expiresAt * 1000 <= nowMs;
}

export function storedSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    // The department is the token's, always: a session stored before it was kept reads it here.
    const department = session.role === 'hr' ? departmentOfToken(session.token) : undefined;
    const { department: _stored, ...rest } = session;
    return department ? { ...rest, department } : rest;
  } catch {
    return null;
  }
}

function departmentOfToken(token: string): string | undefined {
  try {
    return departmentClaim(decodePayload(token));
  } catch {
    return undefined;
  }
}

export function storeSession(session: Session | null) {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

/** Where each role lands after signing in. */
export const homeFor = (role: Role) => (role === 'hr' ? '/hr' : role === 'mentor' ? '/mentor' : '/me');

/** The roles each area's routes admit (routes.tsx); other paths are open to every role. */
const areaRoles: Record<string, readonly Role[]> = {
  '/me': ['worker', 'mentor'],
  '/mentor': ['mentor'],
  '/hr': ['hr'],
};

/** Whether a page asked for before sign-in (`?next=`) is one this role may open. */
export function mayOpen(role: Role, path: string): boolean {
  const area = Object.keys(areaRoles).find((a) => path === a || path.startsWith(`${a}/`));
  return !area || areaRoles[area]!.includes(role);
}
