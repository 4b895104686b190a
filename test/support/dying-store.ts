import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Store } from '#shared/db/store.ts';
import type { Harness } from './harness.ts';

/**
 * A store whose process "dies" after `transactions` transactions: the next one never returns
 * (nothing after it is written, nothing is rolled back), like a server killed mid-batch. Reads go
 * through the harness store's read client, unchanged.
 */
export function dyingStore(h: Harness, transactions: number): Store {
  let n = 0;
  const client = {
    send: (command: unknown) => {
      if (command instanceof TransactWriteCommand && ++n > transactions) return new Promise(() => {});
      return h.store.client.send(command as never);
    },
  };
  return new Store(client as never, h.tableName, { reads: h.store.reads });
}
