import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { type AppOptions, createApp } from '#functions/api/app.ts';
import type { AppEnv } from '#functions/api/env.ts';
import { errorBody } from '#functions/api/middleware/errors.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { localIdentity, signLocalToken } from '#functions/identity/local-jwt.ts';
import type { BusinessClock } from '#functions/local/business-clock.ts';
import { messageConsumers } from '#functions/jobs/registry.ts';
import { inProcessQueue } from '#functions/queues/in-process.ts';
import { actorClaimsSchema, roles } from '#shared/auth/actor.ts';
import { createDocumentClient, createReadClient } from '#shared/db/client.ts';
import { Store } from '#shared/db/store.ts';
import { AppError, badRequest } from '#shared/errors.ts';
import { accountByEmail, accountView, loadAccount } from '#shared/usecases/accounts.ts';

export interface LocalOptions {
  endpoint: string;
  tableName?: string;
  secret: string;
  clock?: () => Date;
}

/** Local mode's wiring: DynamoDB Local, our own JWTs, and an in-process queue with the real consumers. */
export function localDependencies(options: LocalOptions) {
  const queue = inProcessQueue();
  const deps: Dependencies = {
    store: new Store(createDocumentClient({ endpoint: options.endpoint }), options.tableName, {
      reads: createReadClient({ endpoint: options.endpoint }),
    }),
    identity: null as unknown as Dependencies['identity'],
    queue,
    clock: options.clock ?? (() => new Date()),
  };
  deps.identity = localIdentity(options.secret, deps.store);
  for (const [name, consume] of Object.entries(messageConsumers)) {
    queue.consume(name, (message) => consume(deps, message));
  }
  return { deps, queue };
}

const clockRequest = z.object({
  now: z.iso.datetime({ offset: true }),
});

/** An account signs in with its e-mail or its user name (the worker id, or hr_… for HR). */
const signInRequest = z.union([
  z.object({ email: z.email().max(254) }),
  z.object({ username: z.string().trim().min(1).max(100) }),
]);

const tokenRequest = z.object({
  role: z.enum(roles),
  org: z.string(),
  workerId: z.string().min(1).optional(),
  department: z.string().min(1).optional(),
  sub: z.string().min(1).optional(),
});

/**
 * The full app plus `POST /local/token` and, given the business clock, `GET/POST /local/clock`
 * (local mode only; there are no such routes in Lambda).
 */
export function createLocalApp(
  deps: Dependencies,
  secret: string,
  options: { clock?: BusinessClock } & Omit<AppOptions, 'extend'> = {},
) {
  const { clock: _clock, ...appOptions } = options;
  return createApp(deps, {
    ...appOptions,
    extend: (app: OpenAPIHono<AppEnv>) => {
      const { clock } = options;
      if (clock) {
        app.get('/local/clock', (c) => c.json({ now: clock.now().toISOString() }));
        // Moves the business clock forward; jobs due by the new instant run before the reply.
        app.post('/local/clock', async (c) => {
          let body: unknown;
          try {
            body = await c.req.json();
          } catch {
            return c.json(errorBody('BAD_REQUEST', 'The request body is not valid JSON'), 400);
          }
          const parsed = clockRequest.safeParse(body);
          if (!parsed.success) {
            return c.json(
              errorBody(
                'VALIDATION_FAILED',
                'now must be an ISO instant with an offset, e.g. 2026-07-01T09:00:00+08:00',
                parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
              ),
              400,
            );
          }
          const from = clock.moveTo(new Date(parsed.data.now));
          const jobsRun = (
            await Promise.all(clock.listeners().map((listener) => listener(from, clock.now())))
          )
            .flat()
            .filter(Boolean);
          return c.json({ now: clock.now().toISOString(), from: from.toISOString(), jobsRun });
        });
      }
      // Signing in with a recorded account (no passwords in local mode, as with /local/token).
      app.post('/local/sign-in', async (c) => {
        // Thrown, not returned, so the messages come in the caller's language like every API error.
        const body: unknown = await c.req.json().catch(() => {
          throw badRequest('The request body is not valid JSON');
        });
        const parsed = signInRequest.safeParse(body);
        if (!parsed.success)
          throw badRequest(
            'Sign-in needs the account e-mail or user name',
            parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            'VALIDATION_FAILED',
          );
        const account =
          'email' in parsed.data
            ? await accountByEmail(deps.store, parsed.data.email)
            : await loadAccount(deps.store, parsed.data.username);
        if (!account)
          throw new AppError(401, 'SIGN_IN_FAILED', 'No account signs in with this e-mail or user name');
        if (account.status !== 'enabled')
          throw new AppError(401, 'ACCOUNT_DISABLED', 'This sign-in account is disabled');
        const token = await signLocalToken(
          secret,
          {
            role: account.role,
            org: account.org,
            ...(account.workerId ? { workerId: account.workerId } : {}),
            ...(account.department ? { department: account.department } : {}),
            sub: `account:${account.username}`,
            account: account.username,
          },
          new Date(),
        );
        return c.json({ token, account: accountView(account) });
      });
      app.post('/local/token', async (c) => {
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          return c.json(errorBody('BAD_REQUEST', 'The request body is not valid JSON'), 400);
        }
        const parsed = tokenRequest.safeParse(body);
        const claims = parsed.success ? actorClaimsSchema.safeParse({ sub: 'x', ...parsed.data }) : parsed;
        if (!parsed.success || !claims.success) {
          const issues = (!parsed.success ? parsed.error : (claims as { error: z.ZodError }).error).issues;
          return c.json(
            errorBody(
              'VALIDATION_FAILED',
              'Token requests need role, org and (for mentors and workers) workerId',
              issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            ),
            400,
          );
        }
        // Expiry is checked against the wall clock, so tokens are minted on it too.
        return c.json({ token: await signLocalToken(secret, parsed.data, new Date()) });
      });
    },
  });
}
