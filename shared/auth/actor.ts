import { z } from 'zod';
import { orgIdSchema } from '#shared/domain/org-paths.ts';
import { type Role, roles } from '#shared/auth/roles.ts';

export { type Role, roles };

/** Who is calling: the verified identity reduced to what authorisation needs. */
export interface Actor {
  /** Stable subject id from the token (audit "who"; idempotency keys are per subject). */
  sub: string;
  role: Role;
  /** The org unit subtree the actor may act in. */
  org: string;
  /** Workers and mentors are workers themselves. */
  workerId?: string;
  /**
   * HR officers only: the joint-review department (联审部门) they hold, e.g. `civil-affairs` (a code
   * from the recruitment policy's `jointReviewDepartments`). Only its holders record its decisions.
   */
  department?: string;
}

export const actorClaimsSchema = z
  .object({
    sub: z.string().min(1),
    role: z.enum(roles),
    org: orgIdSchema,
    workerId: z.string().min(1).optional(),
    department: z.string().min(1).max(64).optional(),
  })
  .refine((claims) => claims.role === 'hr' || claims.workerId !== undefined, {
    message: 'mentor and worker tokens must carry a workerId',
    path: ['workerId'],
  })
  .refine((claims) => claims.role === 'hr' || claims.department === undefined, {
    message: 'only HR tokens carry a department',
    path: ['department'],
  });
