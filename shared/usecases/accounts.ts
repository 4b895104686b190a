import { authorize } from '#shared/auth/authorize.ts';
import { type RequestContext, systemContext } from '#shared/context.ts';
import { accounts } from '#shared/db/accounts.ts';
import type { AuditEntry } from '#shared/db/entities/audit.ts';
import { mentorKeys } from '#shared/db/entities/mentoring.ts';
import { newId } from '#shared/db/ids.ts';
import type { Page, Store, WriteOp } from '#shared/db/store.ts';
import {
  type AccountChange,
  type AccountDirectory,
  type AccountRecord,
  type HrAccountInput,
  type PendingAccountChange,
  type WorkerAccountInput,
  withPendingChange,
} from '#shared/domain/accounts.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { AppError, conflict, notFound, unprocessable } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { stale } from '#shared/usecases/stale-read.ts';
import { loadWorker, workerLookup, workerResource } from '#shared/usecases/workers.ts';

/** OIDC mode: the provider owns the accounts; the system neither creates nor disables them. */
function refuseExternal(directory: AccountDirectory) {
  if (directory.kind === 'external')
    throw unprocessable(
      'ACCOUNTS_IN_IDENTITY_PROVIDER',
      'Sign-in accounts live in the external identity provider; create or disable them there',
    );
}

export async function loadAccount(store: Store, username: string): Promise<AccountRecord | undefined> {
  return accounts.get(store, username);
}

/** A change the provider still has to take: on the record, in the change's own transaction. */
function pendingAfter(
  account: AccountRecord,
  directory: AccountDirectory['kind'],
  change: AccountChange,
  now: string,
): PendingAccountChange | null {
  if (directory === 'local') return null;
  return withPendingChange(account.pending, change, now);
}

async function createAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  account: AccountRecord,
  alsoCheck: WriteOp[],
): Promise<AccountRecord> {
  const record = account;
  const ops: WriteOp[] = [
    ...accounts.create(record, {
      exists: () =>
        conflict('ACCOUNT_EXISTS', `An account ${account.username} already exists`, {
          username: account.username,
        }),
      emailTaken: () =>
        conflict('ACCOUNT_EMAIL_TAKEN', `The e-mail ${account.email} already signs in to another account`, {
          email: account.email,
        }),
    }),
    ...alsoCheck,
  ];
  const audit: AuditEntry[] = [
    { entity: `account:${account.username}`, org: account.org, action: 'account.created', after: record },
  ];
  if (account.workerId)
    audit.push({
      entity: `worker:${account.workerId}`,
      org: account.org,
      action: 'account.created',
      after: { username: account.username, role: account.role, email: account.email },
    });
  await store.transact(ctx, ops, audit);
  return settleAccount(store, directory, account.username, ctx.now);
}

/** POST /v1/workers/{id}/account: HR of the worker's subtree; a worker's or a designated mentor's account. */
export async function createWorkerAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  workerId: string,
  input: WorkerAccountInput,
): Promise<AccountRecord> {
  refuseExternal(directory);
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'account:manage', workerResource(worker), workerLookup(worker.id));
  if (worker.status !== 'active')
    throw conflict('ALREADY_EXITED', `Worker ${worker.id} has already exited`, { exit: worker.exit });
  if (input.role === 'mentor' && !(await store.get(mentorKeys.key(worker.id))))
    throw unprocessable('NOT_A_MENTOR', `Worker ${worker.id} is not a designated mentor`, {
      workerId: worker.id,
    });
  const now = ctx.now.toISOString();
  const account: AccountRecord = {
    username: worker.id,
    role: input.role,
    org: worker.org,
    workerId: worker.id,
    name: worker.name,
    email: input.email,
    ...(input.phone ? { phone: input.phone } : {}),
    status: 'enabled',
    directory: directory.kind === 'cognito' ? 'cognito' : 'local',
    disabledReason: null,
    pending:
      directory.kind === 'local' ? null : { changes: ['create'], since: now, attempts: 0, lastError: null },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  // The worker must still be active and where we read it: an exit or a move racing this creation
  // fails here (and the caller retries) rather than leaving an enabled account behind.
  return createAccount(store, directory, ctx, account, [accounts.workerUnchanged(worker, stale)]);
}

/**
 * POST /v1/accounts: an HR officer's account for a unit inside the caller's subtree; only a city's
 * city-level HR officers create them (checked as the city itself lying in the caller's subtree).
 */
export async function createHrAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  input: HrAccountInput,
): Promise<AccountRecord> {
  refuseExternal(directory);
  authorize(ctx.actor, 'account:manage-hr', { org: rootOf(input.org) });
  authorize(ctx.actor, 'account:manage-hr', { org: input.org });
  const unit = await loadOrgUnit(store, input.org);
  const now = ctx.now.toISOString();
  const account: AccountRecord = {
    username: newId('hr'),
    role: 'hr',
    org: unit.id,
    ...(input.department ? { department: input.department } : {}),
    name: input.name,
    email: input.email,
    ...(input.phone ? { phone: input.phone } : {}),
    status: 'enabled',
    directory: directory.kind === 'cognito' ? 'cognito' : 'local',
    disabledReason: null,
    pending:
      directory.kind === 'local' ? null : { changes: ['create'], since: now, attempts: 0, lastError: null },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return createAccount(store, directory, ctx, account, []);
}

/** GET an account's state: HR of its subtree, and the account's own worker. */
export async function getAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  username: string,
): Promise<AccountRecord> {
  refuseExternal(directory);
  const account = await loadAccount(store, username);
  if (!account) throw notFound('account', username);
  authorize(
    ctx.actor,
    'account:read',
    { org: account.org, ...(account.workerId ? { workerId: account.workerId } : {}) },
    { what: 'account', id: username },
  );
  // A change still pending is tried again on every read, besides the retry job.
  return account.pending ? settleAccount(store, directory, username, ctx.now) : account;
}

/**
 * GET /v1/accounts: the accounts of one role (HR officers' unless asked otherwise) in an org
 * subtree inside the caller's (their own by default), by org path, a page at a time. Pending
 * changes are shown as they are (the retry job and a read of the account settle them).
 */
export async function listAccounts(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  query: {
    org?: string | undefined;
    role: AccountRecord['role'];
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<AccountRecord>> {
  refuseExternal(directory);
  const org = query.org ?? ctx.actor.org;
  authorize(ctx.actor, 'account:list', { org });
  return accounts.page(store, { org, role: query.role, cursor: query.cursor, limit: query.limit });
}

/** GET /v1/workers/{id}/account: the worker's account (404 NOT_FOUND `account` when none). */
export async function getWorkerAccount(
  store: Store,
  directory: AccountDirectory,
  ctx: RequestContext,
  workerId: string,
): Promise<AccountRecord> {
  refuseExternal(directory);
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'account:read', workerResource(worker), workerLookup(worker.id));
  return getAccount(store, directory, ctx, worker.id);
}

/**
 * The account side of a worker's exit or move, for the same transaction: the account is disabled
 * (exit) or follows the worker to its new org (move), and the change is left pending for the
 * identity provider. No account: a guard that none appears meanwhile.
 */
export async function accountFollowOps(
  store: Store,
  ctx: RequestContext,
  worker: Pick<WorkerRecord, 'id' | 'org'>,
  change: { kind: 'disable'; reason: string } | { kind: 'move'; org: string },
): Promise<{ ops: WriteOp[]; audit: AuditEntry[] }> {
  const current = await loadAccount(store, worker.id);
  if (!current) return { ops: [accounts.mustNotExist(worker.id, stale)], audit: [] };
  if (change.kind === 'disable' && current.status === 'disabled') return { ops: [], audit: [] };
  return accountChangeOps(ctx, current, change);
}

export type AccountStateChange =
  | { kind: 'disable'; reason: string }
  | { kind: 'enable'; reason: string }
  | { kind: 'move'; org: string; reason?: string };

const CHANGE_ACTIONS = {
  disable: 'account.disabled',
  enable: 'account.enabled',
  move: 'account.moved',
} as const satisfies Record<AccountStateChange['kind'], string>;

/** The record after a change: disabled with its reason, enabled again, or acting for another unit. */
function changed(change: AccountStateChange): Partial<AccountRecord> {
  switch (change.kind) {
    case 'disable':
      return { status: 'disabled', disabledReason: change.reason };
    case 'enable':
      return { status: 'enabled', disabledReason: null };
    case 'move':
      return { org: change.org };
  }
}

/**
 * Disabling, enabling or moving one account, for the caller's transaction: the record (guarded by
 * its version) with the change left pending for the identity provider, and its audit entry.
 */
export function accountChangeOps(
  ctx: RequestContext,
  current: AccountRecord,
  change: AccountStateChange,
): { ops: WriteOp[]; audit: AuditEntry[]; next: AccountRecord } {
  const now = ctx.now.toISOString();
  const next: AccountRecord = {
    ...current,
    ...changed(change),
    pending: pendingAfter(current, current.directory, change.kind, now),
    updatedAt: now,
    version: current.version + 1,
  };
  return {
    ops: [accounts.replace(next, current.version, stale)],
    audit: [
      {
        entity: `account:${current.username}`,
        org: current.org,
        action: CHANGE_ACTIONS[change.kind],
        before: { status: current.status, org: current.org },
        after: {
          status: next.status,
          org: next.org,
          reason: change.reason ?? null,
        },
      },
    ],
    next,
  };
}

/**
 * Applies an account's pending changes to the identity provider and clears them; on failure the
 * record keeps them (attempts, last error) for the next try. Safe to call at any time, by anyone.
 */
export async function settleAccount(
  store: Store,
  directory: AccountDirectory,
  username: string,
  now: Date,
): Promise<AccountRecord> {
  for (let round = 0; ; round++) {
    const account = await loadAccount(store, username);
    if (!account) throw notFound('account', username);
    const pending = account.pending;
    if (!pending || directory.kind !== account.directory || round >= 3) return account;
    const ctx = systemContext('account-sync', now, account.org);
    let failure: string | null = null;
    try {
      await directory.apply(account, pending.changes);
    } catch (error) {
      failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    const next: AccountRecord = failure
      ? {
          ...account,
          pending: { ...pending, attempts: pending.attempts + 1, lastError: failure.slice(0, 500) },
        }
      : { ...account, pending: null, updatedAt: now.toISOString() };
    next.version = account.version + 1;
    try {
      await store.transact(
        ctx,
        [accounts.replace(next, account.version, stale)],
        failure
          ? []
          : [
              {
                entity: `account:${username}`,
                org: account.org,
                action: 'account.applied-in-identity-provider',
                after: { changes: pending.changes },
              },
            ],
      );
    } catch (error) {
      // Changed meanwhile (another change or another settler): look again.
      if (error instanceof AppError && error.status === 409) continue;
      throw error;
    }
    return next;
  }
}

/** The retry job: every account with a pending change, oldest first (one Query on the sparse index). */
export async function settlePendingAccounts(store: Store, directory: AccountDirectory, now: Date) {
  const items = await accounts.pending(store);
  let settled = 0;
  let failed = 0;
  for (const item of items) {
    const account = await settleAccount(store, directory, item.username, now);
    if (account.pending) failed++;
    else settled++;
  }
  return { pending: items.length, settled, failed };
}

/** Local sign-in: the enabled account with this e-mail, or undefined. */
export async function accountByEmail(store: Store, email: string): Promise<AccountRecord | undefined> {
  const username = await accounts.usernameForEmail(store, email);
  return username ? loadAccount(store, username) : undefined;
}

/** What a caller is shown: the record without its bookkeeping. */
export function accountView(account: AccountRecord) {
  const { version: _version, pending, ...rest } = account;
  return {
    ...rest,
    pending: pending ? { changes: pending.changes, since: pending.since, attempts: pending.attempts } : null,
  };
}

/**
 * After a change committed (an exit, a move): try the identity provider at once. Never fails the
 * request: what it could not apply stays pending for the next read and the account-sync job.
 */
export async function settleAfterChange(
  store: Store,
  directory: AccountDirectory,
  username: string,
  now: Date,
) {
  if (directory.kind !== 'cognito') return;
  try {
    const account = await loadAccount(store, username);
    if (account?.pending) await settleAccount(store, directory, username, now);
  } catch {
    // Left pending: retried later.
  }
}
