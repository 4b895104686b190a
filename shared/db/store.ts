import {
  BatchWriteCommand,
  DeleteCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  PutCommand,
  type PutCommandInput,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { batchGetItems, getItem, queryItems, type ReadClient, readClientFor } from '#shared/db/reads.ts';
import { AppError, badRequest, conflict, unavailable } from '#shared/errors.ts';
import type { RequestContext } from '#shared/context.ts';
import { auditItem, type AuditEntry } from '#shared/db/entities/audit.ts';
import { retry, type Sleep, wallClockSleep } from '#shared/db/retry.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';

export type Item = Record<string, unknown>;
export interface Key {
  pk: string;
  sk: string;
}

/**
 * One write inside a transaction, in lib-dynamodb shape minus TableName. `onConditionFailed`
 * turns a failed condition on this very item into the domain error the caller should see.
 */
export type WriteOp = (
  | {
      Put: {
        Item: Item;
        ConditionExpression?: string;
        ExpressionAttributeNames?: Record<string, string>;
        ExpressionAttributeValues?: Item;
      };
    }
  | {
      Update: {
        Key: Key;
        UpdateExpression: string;
        ConditionExpression?: string;
        ExpressionAttributeNames?: Record<string, string>;
        ExpressionAttributeValues?: Item;
      };
    }
  | {
      Delete: {
        Key: Key;
        ConditionExpression?: string;
        ExpressionAttributeNames?: Record<string, string>;
        ExpressionAttributeValues?: Item;
      };
    }
  | {
      ConditionCheck: {
        Key: Key;
        ConditionExpression: string;
        ExpressionAttributeNames?: Record<string, string>;
        ExpressionAttributeValues?: Item;
      };
    }
) & { onConditionFailed?: () => AppError };

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, absent on the last page. */
  cursor?: string;
}

/**
 * A ByCollection Query for the members of a city-wide collection inside an org subtree. Their sort
 * keys start with `<org path>/`, so the subtree is the key range `<org>/` … `<org>/\uffff` (`qth/x/`
 * never matches `qth/xi/…`). A range rather than begins_with: the same rows, and DynamoDB Local
 * serves it without walking the whole partition.
 */
export function subtreeQuery(
  collection: string,
  org: string,
  extra: Omit<QueryCommandInput, 'TableName' | 'IndexName' | 'KeyConditionExpression'> = {},
): Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'> {
  return {
    ...extra,
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :collection AND gsi1sk BETWEEN :subtreeFrom AND :subtreeTo',
    ExpressionAttributeValues: {
      ...extra.ExpressionAttributeValues,
      ':collection': collection,
      ':subtreeFrom': `${org}/`,
      ':subtreeTo': `${org}/\uffff`,
    },
  };
}

/** DynamoDB's limit for one TransactWriteItems call. */
export const MAX_TRANSACTION_ITEMS = 100;

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

/**
 * The DynamoDB layer: reads, queries with cursors, and the single write path `transact`, which
 * adds the audit entries and the idempotency marker to the same transaction, so a change, its audit
 * trail and "this request took effect" are committed together or not at all.
 */
export class Store {
  readonly tableName: string;
  /** How every retry on this store waits (`retry`'s backoff); tests inject one without a clock. */
  readonly sleep: Sleep;
  private readonly conflictRetries: number;
  /** Where reads go (`shared/db/reads.ts`); writes go through `client`. */
  readonly reads: ReadClient;

  constructor(
    readonly client: DynamoDBDocumentClient,
    tableName: string = tableDefinition.defaultName,
    options: { sleep?: Sleep; conflictRetries?: number; reads?: ReadClient } = {},
  ) {
    this.tableName = tableName;
    this.reads = options.reads ?? readClientFor(client);
    this.sleep = options.sleep ?? wallClockSleep;
    this.conflictRetries = options.conflictRetries ?? 8;
  }

  async get<T extends Item = Item>(key: Key, options: { consistent?: boolean } = {}): Promise<T | undefined> {
    return (await this.call(() => getItem(this.reads, this.tableName, key, options.consistent ?? true))) as
      | T
      | undefined;
  }

  /** Up to 100 keys per call; chunks larger lists and retries unprocessed keys. */
  async batchGet<T extends Item = Item>(keys: Key[]): Promise<T[]> {
    const results: T[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let pending: Key[] = keys.slice(i, i + 100);
      await this.untilProcessed(6, 'DynamoDB left keys unprocessed; retry shortly', async () => {
        const out = await this.call(() => batchGetItems(this.reads, this.tableName, pending));
        results.push(...(out.items as T[]));
        pending = out.unprocessed;
        return pending.length;
      });
    }
    return results;
  }

  /** One page of a query; `cursor` continues a previous page. */
  async queryPage<T extends Item = Item>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
    cursor?: string,
  ): Promise<Page<T>> {
    const out = await this.call(async () => {
      try {
        return await queryItems(this.reads, { ...input, TableName: this.tableName }, decodeCursor(cursor));
      } catch (error) {
        // A well-formed but foreign cursor (another list's, or crafted) is the caller's mistake.
        if (cursor && isNamed(error, 'ValidationException')) {
          throw badRequest('The cursor does not belong to this list', { cursor }, 'INVALID_CURSOR');
        }
        throw error;
      }
    });
    return { items: out.items as T[], cursor: encodeCursor(out.lastKey) };
  }

  /** Every item a query yields, following pages (for bounded collections and jobs). */
  async queryAll<T extends Item = Item>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.queryPage<T>(input, cursor);
      items.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return items;
  }

  /**
   * The one write path. Appends one audit item per entry and, when the request carries an
   * Idempotency-Key, the marker that records it took effect. Retries transaction conflicts with
   * jittered backoff (they are races, not errors); maps failed conditions to the ops' domain errors.
   */
  async transact(ctx: RequestContext, ops: WriteOp[], audit: AuditEntry[]): Promise<void> {
    const all: WriteOp[] = [
      ...ops,
      ...audit.map((entry, i) => ({ Put: { Item: auditItem(ctx, entry, i) } })),
    ];
    if (ctx.idempotency) {
      const { pk, sk, owner, batchId } = ctx.idempotency;
      all.push({
        Update: {
          Key: { pk, sk },
          UpdateExpression: batchId
            ? 'SET #state = :committed, batchId = :batchId'
            : 'SET #state = :committed',
          ConditionExpression: '#owner = :owner AND #state IN (:inProgress, :committed)',
          ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':committed': 'committed',
            ':inProgress': 'in-progress',
            ':owner': owner,
            ...(batchId ? { ':batchId': batchId } : {}),
          },
        },
        onConditionFailed: () =>
          conflict(
            'IDEMPOTENCY_KEY_TAKEN_OVER',
            'Another attempt with this Idempotency-Key took over; retry to see its result',
          ),
      });
    }
    if (all.length > MAX_TRANSACTION_ITEMS) {
      throw new Error(`transaction of ${all.length} items exceeds DynamoDB's ${MAX_TRANSACTION_ITEMS}`);
    }
    const input = {
      TransactItems: all.map(({ onConditionFailed: _ignored, ...op }) => withTable(op, this.tableName)),
    };
    try {
      // Transaction conflicts are races, not errors: retried with backoff.
      await retry(() => this.client.send(new TransactWriteCommand(input)), {
        attempts: this.conflictRetries + 1,
        retryable: isTransactionConflict,
        sleep: this.sleep,
      });
    } catch (error) {
      const reasons = cancellationCodes(error) ?? [];
      const failedIndex = reasons.indexOf('ConditionalCheckFailed');
      if (failedIndex >= 0) {
        throw (
          all[failedIndex]?.onConditionFailed?.() ??
          conflict('CONCURRENT_UPDATE', 'The record changed while you were changing it; reload and retry')
        );
      }
      if (isTransactionConflict(error)) {
        throw conflict(
          'CONCURRENT_UPDATE',
          'Too many simultaneous changes to the same records; retry shortly',
        );
      }
      if (reasons.some((code) => code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded')) {
        throw unavailable();
      }
      throw mapInfrastructureError(error);
    }
  }

  /**
   * Unconditional puts of derived, idempotent items (job results, summaries) with BatchWriteItem:
   * 25 items per call, `concurrency` calls in flight, unprocessed items retried with backoff.
   * Not atomic and not audited: only for data a job can recompute (a retry rewrites the same items).
   */
  async batchPut(items: Item[], options: { concurrency?: number } = {}): Promise<void> {
    await this.batchWrite(
      items.map((Item) => ({ PutRequest: { Item } })),
      options.concurrency ?? 4,
    );
  }

  /** Deletes by key with BatchWriteItem (same rules as `batchPut`). */
  async batchDelete(keys: Key[], options: { concurrency?: number } = {}): Promise<void> {
    await this.batchWrite(
      keys.map((Key) => ({ DeleteRequest: { Key: { pk: Key.pk, sk: Key.sk } } })),
      options.concurrency ?? 4,
    );
  }

  /**
   * One UpdateItem outside a transaction, for jobs writing derived fields item by item (e.g. a
   * worker's annual grade). Returns false when its condition failed instead of throwing.
   */
  async updateItem(input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
    return this.conditional(() =>
      this.client.send(new UpdateCommand({ ...input, TableName: this.tableName })),
    );
  }

  /**
   * One conditional PutItem outside a transaction (a lock or marker item an aggregate module
   * manages, e.g. an idempotency claim). Returns false when its condition failed instead of throwing.
   */
  async putItem(input: Omit<PutCommandInput, 'TableName'>): Promise<boolean> {
    return this.conditional(() => this.client.send(new PutCommand({ ...input, TableName: this.tableName })));
  }

  /** One DeleteItem outside a transaction (same rules as `putItem`). */
  async deleteItem(input: Omit<DeleteCommandInput, 'TableName'>): Promise<boolean> {
    return this.conditional(() =>
      this.client.send(new DeleteCommand({ ...input, TableName: this.tableName })),
    );
  }

  private async conditional(send: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.call(send);
      return true;
    } catch (error) {
      if (isNamed(error, 'ConditionalCheckFailedException')) return false;
      throw error;
    }
  }

  private async batchWrite(requests: Item[], concurrency: number): Promise<void> {
    const chunks: Item[][] = [];
    for (let i = 0; i < requests.length; i += 25) chunks.push(requests.slice(i, i + 25));
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        let pending = chunks[next++]!;
        await this.untilProcessed(9, 'DynamoDB left writes unprocessed; retry shortly', async () => {
          const out = await this.call(() =>
            this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } })),
          );
          pending = (out.UnprocessedItems?.[this.tableName] ?? []) as Item[];
          return pending.length;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, chunks.length)) }, worker));
  }

  /**
   * Repeats a batch call that returns how many requests DynamoDB left unprocessed until none are
   * left; 503 when some still are after `attempts` calls.
   */
  private async untilProcessed(attempts: number, message: string, send: () => Promise<number>) {
    try {
      await retry(
        async () => {
          if ((await send()) > 0) throw new Unprocessed();
        },
        { attempts, retryable: (error) => error instanceof Unprocessed, sleep: this.sleep },
      );
    } catch (error) {
      throw error instanceof Unprocessed ? unavailable(message) : error;
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw mapInfrastructureError(error);
    }
  }
}

function withTable(op: Omit<WriteOp, 'onConditionFailed'>, tableName: string) {
  const [kind, body] = Object.entries(op)[0] as [string, object];
  return { [kind]: { ...body, TableName: tableName } };
}

class Unprocessed extends Error {}

/** A transaction that lost a race with another (not a failed condition): worth trying again. */
function isTransactionConflict(error: unknown): boolean {
  const reasons = cancellationCodes(error);
  if (reasons) return !reasons.includes('ConditionalCheckFailed') && reasons.includes('TransactionConflict');
  return isNamed(error, 'TransactionInProgressException') || isNamed(error, 'TransactionConflictException');
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: string }).name === name;
}

function cancellationCodes(error: unknown): string[] | undefined {
  if (!isNamed(error, 'TransactionCanceledException')) return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if (reasons) return reasons.map((r) => r.Code ?? 'None');
  // DynamoDB Local sometimes only says it in the message: "...reasons [None, ConditionalCheckFailed]".
  const match = /\[([^\]]*)\]/.exec((error as Error).message ?? '');
  return match ? match[1]!.split(',').map((s) => s.trim()) : [];
}

/** Throttling and outages are 503 (retry later); AppErrors pass through; the rest stays a 500. */
export function mapInfrastructureError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string })?.name ?? '';
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  if (RETRYABLE_NAMES.has(name) || (status !== undefined && status >= 500)) return unavailable();
  return error;
}

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof key !== 'object' || key === null || typeof key.pk !== 'string') throw new Error('not a key');
    return key;
  } catch {
    throw badRequest('The cursor is not one this API returned', { cursor }, 'INVALID_CURSOR');
  }
}
