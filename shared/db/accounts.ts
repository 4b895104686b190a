import { accountItem, accountKeys, toAccount } from '#shared/db/entities/account.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { AccountRecord } from '#shared/domain/accounts.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * The sign-in account aggregate's reads and writes (the record, its one-account-per-e-mail guard,
 * the pending-change outbox): the named operations `usecases/accounts.ts` and `hr-accounts.ts`
 * compose. Keys and the item shape are in `entities/account.ts`.
 */
export const accounts = {
  /** One GetItem. */
  async get(store: Store, username: string): Promise<AccountRecord | undefined> {
    const item = await store.get(accountKeys.key(username));
    return item ? toAccount(item) : undefined;
  },

  /** The user name signing in with this e-mail, if any (one GetItem on the e-mail guard). */
  async usernameForEmail(store: Store, email: string): Promise<string | undefined> {
    const guard = await store.get(accountKeys.email(email));
    return guard ? String(guard.username) : undefined;
  },

  /**
   * A subtree's accounts of one role, ordered by org path (ByCollection ACCOUNTS#<city>#<role>,
   * the org path's key range), a page at a time.
   */
  async page(
    store: Store,
    query: { org: string; role: AccountRecord['role']; cursor?: string | undefined; limit: number },
  ): Promise<Page<AccountRecord>> {
    const page = await store.queryPage(
      subtreeQuery(accountKeys.byCity(query.org, query.role), query.org, { Limit: query.limit }),
      query.cursor,
    );
    return { items: page.items.map(toAccount), ...(page.cursor ? { cursor: page.cursor } : {}) };
  },

  /** Every account with a change the identity provider has not taken yet, oldest first (the sparse outbox). */
  async pending(store: Store): Promise<AccountRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': accountKeys.pendingPartition },
    });
    return items.map(toAccount);
  },

  /** A new account and its e-mail guard, both only if new. */
  create(account: AccountRecord, errors: { exists: () => AppError; emailTaken: () => AppError }): WriteOp[] {
    return [
      {
        Put: { Item: accountItem(account), ConditionExpression: 'attribute_not_exists(pk)' },
        onConditionFailed: errors.exists,
      },
      {
        Put: {
          Item: { ...accountKeys.email(account.email), username: account.username },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
        onConditionFailed: errors.emailTaken,
      },
    ];
  },

  /** The account's next state, over the one read (`version`). */
  replace(next: AccountRecord, readVersion: number, onConditionFailed: () => AppError): WriteOp {
    return {
      Put: {
        Item: accountItem(next),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': readVersion },
      },
      onConditionFailed,
    };
  },

  /** A check, in the caller's transaction, that the worker still has no account. */
  mustNotExist(username: string, onConditionFailed: () => AppError): WriteOp {
    return {
      ConditionCheck: { Key: accountKeys.key(username), ConditionExpression: 'attribute_not_exists(pk)' },
      onConditionFailed,
    };
  },

  /**
   * A check that the worker an account is opened for is still active and unchanged since read: an
   * exit or a move racing the creation fails it rather than leaving an enabled account behind.
   */
  workerUnchanged(worker: Pick<WorkerRecord, 'id' | 'version'>, onConditionFailed: () => AppError): WriteOp {
    return {
      ConditionCheck: {
        Key: workerKeys.key(worker.id),
        ConditionExpression: '#status = :active AND version = :v',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active', ':v': worker.version },
      },
      onConditionFailed,
    };
  },
};
