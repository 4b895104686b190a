import type { Store } from '#shared/db/store.ts';

/** DynamoDB's operation for a command of either client (lib-dynamodb's `GetCommand` is `GetItem`). */
const OPERATIONS: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactWrite: 'TransactWriteItems',
  TransactGet: 'TransactGetItems',
};

export interface DynamoRequest {
  /** DynamoDB's operation name: GetItem, Query, BatchGetItem, TransactWriteItems, … */
  operation: string;
  /** The index a Query or Scan used, or 'table'. */
  index: string;
}

/**
 * Every DynamoDB request `store` makes from now on, whichever of its clients sends it (writes go
 * through the DocumentClient, reads through the read client: shared/db/reads.ts), given to `record`.
 */
export function watchDynamoRequests(store: Store, record: (request: DynamoRequest) => void): void {
  for (const client of [store.client, store.reads] as { send: (...args: unknown[]) => Promise<unknown> }[]) {
    const send = client.send.bind(client);
    client.send = (command: unknown, ...rest: unknown[]) => {
      const { constructor, input } = command as {
        constructor: { name: string };
        input: { IndexName?: string };
      };
      const name = constructor.name.replace(/Command$/, '');
      record({ operation: OPERATIONS[name] ?? name, index: input.IndexName ?? 'table' });
      return send(command, ...rest);
    };
  }
}
