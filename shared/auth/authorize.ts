import { forbidden, notFound } from '#shared/errors.ts';
import type { Actor, Role } from '#shared/auth/actor.ts';
import { isWithinSubtree, rootOf } from '#shared/domain/org-paths.ts';

/**
 * The one place that decides who may do what. Every use-case calls `authorize` before it reads or
 * writes; the grants table below is the whole policy and is tested as a matrix.
 *
 * Scopes: `subtree` – the resource's org unit lies inside the actor's org subtree (HR officers);
 * `self` – the resource is the actor's own worker record; `mentee` – the actor is a current mentor
 * of the worker the resource belongs to; `city` – the resource belongs to the actor's own city (the
 * city's policies, which apply to every unit in it); `department` – as `subtree`, and the actor holds
 * the resource's joint-review department (the `department` claim of HR identities).
 */
export type Scope = 'subtree' | 'self' | 'mentee' | 'city' | 'department';

export const grants = {
  'org-unit:read': { hr: ['subtree'] },
  'org-unit:write': { hr: ['subtree'] },
  'policy:read': { hr: ['city'] },
  'policy:write': { hr: ['subtree'] },
  'audit:read': { hr: ['subtree'] },
  'batch:manage': { hr: ['subtree'] },
  // Blank upload templates hold no data: any HR officer (checked against their own unit).
  'template:read': { hr: ['subtree'] },
  'stats:read': { hr: ['subtree'] },
  'recruitment:manage': { hr: ['subtree'] },
  // A department's joint-review decision (and its withdrawal): only an HR officer of the subtree
  // who holds that department (联审部门), never any HR officer on its behalf.
  'recruitment:review': { hr: ['department'] },
  'worker:list': { hr: ['subtree'] },
  'worker:read': { hr: ['subtree'], mentor: ['self', 'mentee'], worker: ['self'] },
  'worker:write': { hr: ['subtree'] },
  // Onboarding a city's serving workforce and entering historical policies: checked against the
  // city itself, so city-level HR only.
  'worker:onboard': { hr: ['subtree'] },
  'training:manage': { hr: ['subtree'] },
  'training:read': { hr: ['subtree'], mentor: ['self', 'mentee'], worker: ['self'] },
  'mentorship:manage': { hr: ['subtree'] },
  'mentees:read': { hr: ['subtree'], mentor: ['self'] },
  'coaching:write': { mentor: ['mentee'] },
  'coaching:read': { hr: ['subtree'], mentor: ['self', 'mentee'], worker: ['self'] },
  'certificate:write': { hr: ['subtree'] },
  'pay:read': { hr: ['subtree'], mentor: ['self'], worker: ['self'] },
  'pay:write': { hr: ['subtree'] },
  'honour:manage': { hr: ['subtree'] },
  'evaluation:manage': { hr: ['subtree'] },
  'evaluation:read': { hr: ['subtree'], mentor: ['self', 'mentee'], worker: ['self'] },
  // Running a scheduled job for a past period: checked against the caller's city, so city HR only.
  'job:run': { hr: ['subtree'] },
  // Sign-in accounts: a worker's or mentor's by HR of the worker's subtree; HR accounts by city HR
  // (checked against the city itself, as for jobs); an account's state by HR and its own worker;
  // the accounts of a subtree by its HR officers.
  'account:manage': { hr: ['subtree'] },
  'account:manage-hr': { hr: ['subtree'] },
  'account:read': { hr: ['subtree'], mentor: ['self'], worker: ['self'] },
  'account:list': { hr: ['subtree'] },
} as const satisfies Record<string, Partial<Record<Role, readonly Scope[]>>>;

export type Permission = keyof typeof grants;

/** What the permission is being exercised on. Supply every fact you know about the resource. */
export interface Resource {
  /** Org unit the resource belongs to (for workers: their org unit). */
  org?: string;
  /** Worker the resource belongs to. */
  workerId?: string;
  /** Current mentors of that worker (for the `mentee` scope). */
  mentorIds?: readonly string[];
  /** The joint-review department acted for (for the `department` scope). */
  department?: string;
}

function scopeMatches(scope: Scope, actor: Actor, resource: Resource): boolean {
  switch (scope) {
    case 'subtree':
      return resource.org !== undefined && isWithinSubtree(resource.org, actor.org);
    case 'self':
      return actor.workerId !== undefined && resource.workerId === actor.workerId;
    case 'city':
      return resource.org !== undefined && rootOf(resource.org) === rootOf(actor.org);
    case 'department':
      return (
        resource.department !== undefined &&
        actor.department === resource.department &&
        scopeMatches('subtree', actor, resource)
      );
    case 'mentee':
      return (
        actor.workerId !== undefined &&
        resource.workerId !== actor.workerId &&
        (resource.mentorIds ?? []).includes(actor.workerId)
      );
  }
}

export function can(actor: Actor, permission: Permission, resource: Resource): boolean {
  const scopes: readonly Scope[] =
    (grants[permission] as Partial<Record<Role, readonly Scope[]>>)[actor.role] ?? [];
  return scopes.some((scope) => scopeMatches(scope, actor, resource));
}

/** A record the caller asked for by an id (path or query) rather than one it names by org unit. */
export interface LookedUp {
  /** What a missing one is called in the 404 (`notFound(what, id)`, as the loader throws it). */
  what: string;
  id: string;
  /**
   * The permission that shows the record itself (e.g. `worker:read` for a write on a worker's
   * records): a caller who may see it but not do this gets 403, since its existence is no secret
   * to them.
   */
  seenWith?: Permission;
}

/**
 * Throws unless `can` allows it. The body names the permission only: the resource's org path and
 * worker id are not the caller's to learn. For a record looked up by an id the caller sent
 * (`lookedUp`), a refusal answers exactly what a missing record answers (404), so nobody outside
 * its scope learns whether it exists.
 */
export function authorize(
  actor: Actor,
  permission: Permission,
  resource: Resource,
  lookedUp?: LookedUp,
): void {
  if (can(actor, permission, resource)) return;
  if (lookedUp && !(lookedUp.seenWith && can(actor, lookedUp.seenWith, resource)))
    throw notFound(lookedUp.what, lookedUp.id);
  // In scope but not holding the department the resource is decided by: say so, not just "forbidden".
  if (
    resource.department !== undefined &&
    can({ ...actor, department: resource.department }, permission, resource)
  )
    throw forbidden(
      `Only an officer holding the ${resource.department} department may do this`,
      { permission, department: resource.department },
      'DEPARTMENT_NOT_HELD',
    );
  throw forbidden(`A ${actor.role} of ${actor.org} may not ${permission.replace(':', ' ')} here`, {
    permission,
  });
}

/** Only the given roles (no resource scope), e.g. endpoints that exist for one role. */
export function requireRole(actor: Actor, ...allowed: Role[]): void {
  if (!allowed.includes(actor.role))
    throw forbidden(`This is for ${allowed.join(' or ')} users`, { role: actor.role });
}
