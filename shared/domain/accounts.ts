/** The roles an account signs in with (the same as the token's). */
type Role = 'hr' | 'mentor' | 'worker';

/**
 * Sign-in accounts. Every account is recorded in the table (its state, one GetItem); where the
 * identity provider is Cognito, the same change is then applied there through `AccountDirectory`.
 * A change not yet applied there is `pending` on the record (written in the change's own
 * transaction), so a failed or interrupted call is retried, never lost.
 */
export const accountStatuses = ['enabled', 'disabled'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** What the identity provider still has to be told: create the user, disable or enable it, move its org. */
export const accountChanges = ['create', 'disable', 'enable', 'move'] as const;
export type AccountChange = (typeof accountChanges)[number];

export interface PendingAccountChange {
  changes: AccountChange[];
  since: string;
  attempts: number;
  lastError: string | null;
}

/**
 * The changes the provider still has to take after one more. Enabling and disabling cancel each
 * other: only the latest of the two is sent (an account disabled and enabled again before the
 * provider took the first must end enabled). A new change resets the attempts.
 */
export function withPendingChange(
  pending: PendingAccountChange | null,
  change: AccountChange,
  now: string,
): PendingAccountChange {
  const opposite: AccountChange | null =
    change === 'enable' ? 'disable' : change === 'disable' ? 'enable' : null;
  const changes = (pending?.changes ?? []).filter((c) => c !== change && c !== opposite);
  return { changes: [...changes, change], since: pending?.since ?? now, attempts: 0, lastError: null };
}

export interface AccountRecord {
  /** The user name in the identity provider: the worker id for workers and mentors, `hr_…` for HR. */
  username: string;
  role: Role;
  org: string;
  workerId?: string;
  /** HR officers of a reviewing department (joint review): the department code they decide for. */
  department?: string;
  name: string;
  email: string;
  phone?: string;
  status: AccountStatus;
  /** Where the account signs in: the table itself (local mode) or the Cognito user pool. */
  directory: 'local' | 'cognito';
  disabledReason: string | null;
  pending: PendingAccountChange | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface WorkerAccountInput {
  role: 'worker' | 'mentor';
  email: string;
  phone?: string | undefined;
}

export interface HrAccountInput {
  org: string;
  name: string;
  email: string;
  phone?: string | undefined;
  department?: string | undefined;
}

/**
 * The identity provider's side of an account (the port; use-cases never import AWS).
 * - `local`: local mode; the table is the directory and local sign-in reads it.
 * - `cognito`: AdminCreateUser / AdminDisableUser / AdminUpdateUserAttributes on the user pool.
 * - `external`: an OIDC provider the system does not manage; accounts live there.
 */
export interface AccountDirectory {
  kind: 'local' | 'cognito' | 'external';
  /** Applies the pending changes to the provider. Must be safe to repeat (a retry after a crash). */
  apply(account: AccountRecord, changes: readonly AccountChange[]): Promise<void>;
}

export const localAccountDirectory: AccountDirectory = { kind: 'local', apply: async () => {} };

/** OIDC mode: the provider owns the accounts (the routes answer ACCOUNTS_IN_IDENTITY_PROVIDER). */
export const externalAccountDirectory: AccountDirectory = {
  kind: 'external',
  apply: async () => {
    throw new Error('accounts live in the external identity provider');
  },
};
