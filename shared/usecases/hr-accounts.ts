import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { AccountDirectory, AccountRecord } from '#shared/domain/accounts.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import { conflict, notFound, unprocessable } from '#shared/errors.ts';
import type { Store } from '#shared/db/store.ts';
import { accountChangeOps, loadAccount, settleAfterChange } from '#shared/usecases/accounts.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';

/**
 * HR officers' accounts over their career: an officer who leaves the post is disabled (and enabled
 * again on return), one who changes unit is moved. Workers' and mentors' accounts follow the worker's exit and moves instead.
 * Only a city's city-level HR officers do this (as they create them), for accounts inside their city.
 */
async function loadHrAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  username: string,
  expected: AccountRecord['status'],
): Promise<AccountRecord> {
  if (directory.kind === 'external')
    throw unprocessable(
      'ACCOUNTS_IN_IDENTITY_PROVIDER',
      'Sign-in accounts live in the external identity provider; create or disable them there',
    );
  const account = await loadAccount(store, username);
  if (!account) throw notFound('account', username);
  // Whoever may not even read the account learns nothing of it (404, as for a missing one).
  authorize(ctx.actor, 'account:read', { org: account.org }, { what: 'account', id: username });
  authorize(ctx.actor, 'account:manage-hr', { org: rootOf(account.org) });
  authorize(ctx.actor, 'account:manage-hr', { org: account.org });
  if (account.role !== 'hr')
    throw unprocessable(
      'ACCOUNT_FOLLOWS_WORKER',
      "A worker's or mentor's account follows the worker: exit or move the worker instead",
      { username, workerId: account.workerId ?? null },
    );
  if (account.status !== expected)
    throw account.status === 'disabled'
      ? conflict('ACCOUNT_ALREADY_DISABLED', `The account ${username} is already disabled`, { username })
      : conflict('ACCOUNT_NOT_DISABLED', `The account ${username} is enabled`, { username });
  return account;
}

/** POST /v1/accounts/{username}/disable: the officer left the post; sessions end at once. */
export async function disableHrAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  username: string,
  input: { reason: string },
): Promise<AccountRecord> {
  const account = await loadHrAccount(store, directory, ctx, username, 'enabled');
  const change = accountChangeOps(ctx, account, { kind: 'disable', reason: input.reason });
  await store.transact(ctx, change.ops, change.audit);
  await settleAfterChange(store, directory, username, ctx.now);
  return (await loadAccount(store, username)) ?? change.next;
}

/** POST /v1/accounts/{username}/enable: the officer is back in the post; signs in again at once. */
export async function enableHrAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  username: string,
  input: { reason: string },
): Promise<AccountRecord> {
  const account = await loadHrAccount(store, directory, ctx, username, 'disabled');
  const change = accountChangeOps(ctx, account, { kind: 'enable', reason: input.reason });
  await store.transact(ctx, change.ops, change.audit);
  await settleAfterChange(store, directory, username, ctx.now);
  return (await loadAccount(store, username)) ?? change.next;
}

/** POST /v1/accounts/{username}/moves: the officer now acts for another unit of the same city. */
export async function moveHrAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  username: string,
  input: { org: string; reason: string },
): Promise<AccountRecord> {
  const account = await loadHrAccount(store, directory, ctx, username, 'enabled');
  authorize(ctx.actor, 'account:manage-hr', { org: input.org });
  const target = await loadOrgUnit(store, input.org);
  if (target.id === account.org)
    throw unprocessable('ALREADY_IN_UNIT', `The account already acts for ${target.id}`, { org: target.id });
  const change = accountChangeOps(ctx, account, { kind: 'move', org: target.id, reason: input.reason });
  await store.transact(ctx, change.ops, change.audit);
  await settleAfterChange(store, directory, username, ctx.now);
  return (await loadAccount(store, username)) ?? change.next;
}
