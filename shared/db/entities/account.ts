import type { AccountRecord } from '#shared/domain/accounts.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import { withoutKeys } from '#shared/db/items.ts';

export const accountKeys = {
  key: (username: string) => ({ pk: `ACCOUNT#${username}`, sk: 'ACCOUNT' }),
  /**
   * ByCollection: a city's accounts of one role (an account never changes role) sorted by
   * `<org>/#<username>`, so "the HR officers' accounts of a subtree" is one key range (`subtreeQuery`).
   */
  byCity: (org: string, role: AccountRecord['role']) => `ACCOUNTS#${rootOf(org)}#${role}`,
  /** One sign-in e-mail per account (Cognito signs in by e-mail; local sign-in looks it up here). */
  email: (email: string) => ({ pk: `ACCOUNTEMAIL#${email.toLowerCase()}`, sk: 'ACCOUNTEMAIL' }),
  orgSort: (org: string, username: string) => `${org}/#${username}`,
  /**
   * ByRelation, sparse (the outbox): accounts with a change the identity provider has not taken
   * yet, oldest first. The retry job reads this one partition; a settled account leaves it.
   */
  pendingPartition: 'ACCOUNT-PENDING',
  pendingSort: (since: string, username: string) => `${since}#${username}`,
};

export function accountItem(account: AccountRecord) {
  return {
    ...accountKeys.key(account.username),
    type: 'account',
    gsi1pk: accountKeys.byCity(account.org, account.role),
    gsi1sk: accountKeys.orgSort(account.org, account.username),
    ...(account.pending
      ? {
          gsi2pk: accountKeys.pendingPartition,
          gsi2sk: accountKeys.pendingSort(account.pending.since, account.username),
        }
      : {}),
    ...account,
  };
}

export function toAccount(item: Record<string, unknown>): AccountRecord {
  return withoutKeys<AccountRecord>(item);
}
