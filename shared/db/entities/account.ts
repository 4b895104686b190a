import type { AccountRecord } from '#shared/domain/accounts.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import { withoutKeys } from '#shared/db/items.ts';

export const accountKeys = {
  key: (username: string) => ({ pk: `ACCOUNT#${username}`, sk: 'ACCOUNT' }),
  /** ByCollection: a city's accounts sorted by `<org>/#<username>` (a subtree is a key range). */
  byCity: (org: string) => `ACCOUNTS#${rootOf(org)}`,
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
    gsi1pk: accountKeys.byCity(account.org),
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
