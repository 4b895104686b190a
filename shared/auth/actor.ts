import { z } from 'zod';
import { orgIdSchema } from '#shared/domain/org-paths.ts';

export const roles = ['hr', 'mentor', 'worker'] as const;
export type Role = (typeof roles)[number];

/** Who is calling: the verified identity reduced to what authorisation needs. */
export interface Actor {
  /** Stable subject id from the token (audit "who"; idempotency keys are per subject). */
  sub: string;
  role: Role;
  /** The org unit subtree the actor may act in. */
  org: string;
  /** Workers and mentors are workers themselves. */
  workerId?: string;
}

export const actorClaimsSchema = z
  .object({
    sub: z.string().min(1),
    role: z.enum(roles),
    org: orgIdSchema,
    workerId: z.string().min(1).optional(),
  })
  .refine((claims) => claims.role === 'hr' || claims.workerId !== undefined, {
    message: 'mentor and worker tokens must carry a workerId',
    path: ['workerId'],
  });
