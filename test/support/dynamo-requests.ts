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
 * Returns a function that stops watching.
 */
export function watchDynamoRequests(store: Store, record: (request: DynamoRequest) => void): () => void {
  const clients = [store.client, store.reads] as { send: (...args: unknown[]) => Promise<unknown> }[];
  const originals = clients.map((client) => client.send);
  for (const client of clients) {
    const send = client.send.bind(client);
    client.send = (command: unknown, ...rest: unknown[]) => {
      const { input } = command as { input: { IndexName?: string } };
      const name = (command as object).constructor.name.replace(/Command$/, '');
      record({ operation: OPERATIONS[name] ?? name, index: input.IndexName ?? 'table' });
      return send(command, ...rest);
    };
  }
  return () => {
    clients.forEach((client, i) => {
      client.send = originals[i]!;
    });
  };
}
