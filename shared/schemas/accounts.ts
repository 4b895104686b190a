import { z } from '@hono/zod-openapi';
import { roles } from '#shared/auth/actor.ts';
import {
  accountChanges,
  accountStatuses,
  type HrAccountInput,
  type WorkerAccountInput,
} from '#shared/domain/accounts.ts';
import { cursorQuery, pageOf } from '#shared/schemas/common.ts';
import { orgId } from '#shared/schemas/org-unit.ts';

const email = z.email().max(254).openapi({ example: 'limei@example.cn' });
/** E.164, as Cognito wants it (+86 and 11 digits for a mainland mobile). */
const phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/)
  .openapi({ example: '+8613800000000', description: 'E.164 (+86…)' });

export const workerAccountBody = z
  .object({
    role: z.enum(['worker', 'mentor']).default('worker').openapi({
      description: 'mentor: the worker must be a designated mentor',
    }),
    email: email.openapi({ description: 'Signs in with it; the invitation goes there' }),
    phone: phone.optional(),
  })
  .openapi('WorkerAccountRequest');
workerAccountBody satisfies z.ZodType<WorkerAccountInput>;

export const hrAccountBody = z
  .object({
    org: orgId.openapi({ description: 'The unit (inside the caller’s city subtree) the officer acts for' }),
    name: z.string().trim().min(1).max(60),
    email,
    phone: phone.optional(),
    department: z.string().trim().min(1).max(64).optional().openapi({
      description:
        'The reviewing department the officer decides for in a joint review (organisation, civil-affairs, public-security, or one the recruitment policy names)',
    }),
  })
  .openapi('HrAccountRequest');
hrAccountBody satisfies z.ZodType<HrAccountInput>;

export const accountSchema = z
  .object({
    username: z.string().openapi({ description: 'The worker id for workers and mentors; hr_… for HR' }),
    role: z.enum(roles),
    org: z.string(),
    workerId: z.string().optional(),
    department: z.string().optional(),
    name: z.string(),
    email: z.string(),
    phone: z.string().optional(),
    status: z.enum(accountStatuses).openapi({ description: 'enabled / disabled (an exit disables it)' }),
    directory: z.enum(['local', 'cognito']).openapi({
      description: 'Where it signs in: local mode’s own records, or the Cognito user pool',
    }),
    disabledReason: z.string().nullable(),
    pending: z
      .object({ changes: z.array(z.enum(accountChanges)), since: z.string(), attempts: z.number().int() })
      .nullable()
      .openapi({
        description:
          'Changes the identity provider has not taken yet (retried on every read and by the account-sync job); null when in step',
      }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Account');

export const moveBody = z
  .object({
    org: orgId.openapi({ description: 'The community or grid the worker moves to' }),
    reason: z.string().trim().min(1).max(2000),
  })
  .openapi('WorkerMove');

export const hrAccountDisableBody = z
  .object({ reason: z.string().trim().min(1).max(2000).openapi({ example: '调离人事岗位' }) })
  .openapi('HrAccountDisable');

export const hrAccountMoveBody = z
  .object({
    org: orgId.openapi({ description: 'The unit (inside the same city) the officer now acts for' }),
    reason: z.string().trim().min(1).max(2000).openapi({ example: '调任新兴区' }),
  })
  .openapi('HrAccountMove');

export const hrAccountEnableBody = z
  .object({ reason: z.string().trim().min(1).max(2000).openapi({ example: '重回人事岗位' }) })
  .openapi('HrAccountEnable');

export const accountListQuery = cursorQuery.extend({
  org: orgId
    .optional()
    .openapi({ description: "The subtree (inside the caller's); the caller's own unit by default" }),
  role: z.enum(roles).default('hr').openapi({ description: "Whose accounts: HR officers' by default" }),
});

export const accountPage = pageOf(accountSchema).openapi('AccountPage');
