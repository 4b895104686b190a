import { createRoute, z } from '@hono/zod-openapi';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import { accountDirectoryOf, type Dependencies } from '#functions/dependencies.ts';
import {
  accountListQuery,
  accountPage,
  accountSchema,
  hrAccountBody,
  hrAccountDisableBody,
  hrAccountEnableBody,
  hrAccountMoveBody,
  moveBody,
  workerAccountBody,
} from '#shared/schemas/accounts.ts';
import { workerSchema } from '#shared/schemas/hiring.ts';
import {
  accountView,
  createHrAccount,
  createWorkerAccount,
  getAccount,
  getWorkerAccount,
  listAccounts,
  settleAfterChange,
} from '#shared/usecases/accounts.ts';
import { disableHrAccount, enableHrAccount, moveHrAccount } from '#shared/usecases/hr-accounts.ts';
import { moveWorker } from '#shared/usecases/worker-moves.ts';

const tags = ['Accounts'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'w_0123456789abcdef' }),
});
const usernameParam = z.object({
  username: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'username', in: 'path' }, example: 'hr_0123456789abcdef' }),
});
const inProvider =
  'With an external OIDC provider (no Cognito) every account route answers 422 ACCOUNTS_IN_IDENTITY_PROVIDER: accounts live there.';

const createWorkerAccountRoute = createRoute({
  method: 'post',
  path: '/{id}/account',
  tags,
  summary: "Create a worker's or mentor's sign-in account (Cognito: AdminCreateUser with an invitation)",
  description: `HR officers of the worker's subtree. The account's user name is the worker id; it carries the role as its group, custom:org and custom:workerId, and signs in with the e-mail. 409 ACCOUNT_EXISTS, ACCOUNT_EMAIL_TAKEN, ALREADY_EXITED; 422 NOT_A_MENTOR. Local mode records it in the table (sign in with POST /local/sign-in). An exit disables it; a move (POST /v1/workers/{id}/moves) moves its org. ${inProvider}`,
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(workerAccountBody) },
  responses: { 201: jsonContent(accountSchema, 'The account'), ...commonErrors },
});

const getWorkerAccountRoute = createRoute({
  method: 'get',
  path: '/{id}/account',
  tags,
  summary: "A worker's sign-in account and its state",
  description: `HR officers of the worker's subtree and the worker. 404 when the worker has none. A change the identity provider has not taken yet is tried again. ${inProvider}`,
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: jsonContent(accountSchema, 'The account'), ...commonErrors },
});

const moveRoute = createRoute({
  method: 'post',
  path: '/{id}/moves',
  tags: ['Workers'],
  summary: 'Move a serving worker to another community or grid (调动)',
  description:
    "HR officers holding both the worker's unit and the target. Seats follow on every quota-holding unit the two chains do not share (409 QUOTA_EXCEEDED), the stock figures follow, history and audit record it, and the sign-in account's org follows (custom:org in Cognito). 422 ALREADY_IN_UNIT, MOVE_TARGET_LEVEL; 409 ALREADY_EXITED.",
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(moveBody) },
  responses: { 200: jsonContent(workerSchema, 'The worker in the new unit'), ...commonErrors },
});

const createHrAccountRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: "Create an HR officer's sign-in account for a unit inside the caller's city subtree",
  description: `City-level HR officers only. The account acts for \`org\` (its subtree) and may carry the reviewing \`department\` (custom:department) it decides for in joint reviews. 409 ACCOUNT_EMAIL_TAKEN; 404 for an unknown unit. ${inProvider}`,
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(hrAccountBody) },
  responses: { 201: jsonContent(accountSchema, 'The account'), ...commonErrors },
});

const listAccountsRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: "The sign-in accounts of an org subtree (HR officers' by default), by org path",
  description: `HR officers, for a subtree inside their own (\`org\`, their own unit by default; 403 outside it): city HR sees the whole city, a district's HR its district. One Query on the accounts' collection (the subtree is a key range), paged by \`cursor\`. Each account with its unit, department and state. ${inProvider}`,
  security: bearerSecurity,
  request: { query: accountListQuery },
  responses: { 200: jsonContent(accountPage, 'A page of accounts'), ...commonErrors },
});

const getAccountRoute = createRoute({
  method: 'get',
  path: '/{username}',
  tags,
  summary: 'A sign-in account and its state (enabled or disabled, changes pending in the identity provider)',
  description: `HR officers of the account's subtree, and a worker or mentor for their own. ${inProvider}`,
  security: bearerSecurity,
  request: { params: usernameParam },
  responses: { 200: jsonContent(accountSchema, 'The account'), ...commonErrors },
});

const disableHrAccountRoute = createRoute({
  method: 'post',
  path: '/{username}/disable',
  tags,
  summary: "Disable an HR officer's account (the officer left the post)",
  description: `City-level HR officers of the account's city. Its sessions are refused at once (local mode) and Cognito gets AdminDisableUser and a global sign-out (retried until it takes them). 422 ACCOUNT_FOLLOWS_WORKER for a worker's or mentor's account (an exit disables those); 409 ACCOUNT_ALREADY_DISABLED. ${inProvider}`,
  security: bearerSecurity,
  request: { params: usernameParam, headers: idempotencyHeader, body: jsonBody(hrAccountDisableBody) },
  responses: { 200: jsonContent(accountSchema, 'The disabled account'), ...commonErrors },
});

const enableHrAccountRoute = createRoute({
  method: 'post',
  path: '/{username}/enable',
  tags,
  summary: "Enable a disabled HR officer's account again (the officer is back in the post)",
  description: `City-level HR officers of the account's city. It signs in again at once (local mode); Cognito gets AdminEnableUser (retried until it takes it; a disable it has not taken yet is dropped). 422 ACCOUNT_FOLLOWS_WORKER for a worker's or mentor's account; 409 ACCOUNT_NOT_DISABLED. ${inProvider}`,
  security: bearerSecurity,
  request: { params: usernameParam, headers: idempotencyHeader, body: jsonBody(hrAccountEnableBody) },
  responses: { 200: jsonContent(accountSchema, 'The enabled account'), ...commonErrors },
});

const moveHrAccountRoute = createRoute({
  method: 'post',
  path: '/{username}/moves',
  tags,
  summary: "Move an HR officer's account to another unit of the city (custom:org in Cognito)",
  description: `City-level HR officers holding the account's unit and the target. The officer's sessions act for the new unit at once (local mode); Cognito gets the new custom:org. 422 ALREADY_IN_UNIT, ACCOUNT_FOLLOWS_WORKER (move the worker instead); 409 ACCOUNT_ALREADY_DISABLED. ${inProvider}`,
  security: bearerSecurity,
  request: { params: usernameParam, headers: idempotencyHeader, body: jsonBody(hrAccountMoveBody) },
  responses: { 200: jsonContent(accountSchema, 'The account in its new unit'), ...commonErrors },
});

/** Under /v1/workers: a worker's account and moves. */
export function workerAccountRoutes(deps: Dependencies) {
  const { store } = deps;
  const directory = accountDirectoryOf(deps);
  return resourceApp()
    .openapi(createWorkerAccountRoute, async (c) => {
      const account = await createWorkerAccount(
        store,
        directory,
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(accountView(account), 201);
    })
    .openapi(getWorkerAccountRoute, async (c) =>
      c.json(
        accountView(await getWorkerAccount(store, directory, requestContext(c), c.req.valid('param').id)),
        200,
      ),
    )
    .openapi(moveRoute, async (c) => {
      const ctx = requestContext(c);
      const moved = await moveWorker(store, ctx, c.req.valid('param').id, c.req.valid('json'));
      await settleAfterChange(store, directory, moved.id, ctx.now);
      return c.json(moved, 200);
    });
}

/** /v1/accounts: HR accounts. */
export function accountRoutes(deps: Dependencies) {
  const { store } = deps;
  const directory = accountDirectoryOf(deps);
  return resourceApp()
    .openapi(listAccountsRoute, async (c) => {
      const page = await listAccounts(store, directory, requestContext(c), c.req.valid('query'));
      return c.json({ ...page, items: page.items.map(accountView) }, 200);
    })
    .openapi(createHrAccountRoute, async (c) =>
      c.json(
        accountView(await createHrAccount(store, directory, requestContext(c), c.req.valid('json'))),
        201,
      ),
    )
    .openapi(getAccountRoute, async (c) =>
      c.json(
        accountView(await getAccount(store, directory, requestContext(c), c.req.valid('param').username)),
        200,
      ),
    )
    .openapi(disableHrAccountRoute, async (c) =>
      c.json(
        accountView(
          await disableHrAccount(
            store,
            directory,
            requestContext(c),
            c.req.valid('param').username,
            c.req.valid('json'),
          ),
        ),
        200,
      ),
    )
    .openapi(enableHrAccountRoute, async (c) =>
      c.json(
        accountView(
          await enableHrAccount(
            store,
            directory,
            requestContext(c),
            c.req.valid('param').username,
            c.req.valid('json'),
          ),
        ),
        200,
      ),
    )
    .openapi(moveHrAccountRoute, async (c) =>
      c.json(
        accountView(
          await moveHrAccount(
            store,
            directory,
            requestContext(c),
            c.req.valid('param').username,
            c.req.valid('json'),
          ),
        ),
        200,
      ),
    );
}
