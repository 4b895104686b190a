import {
  BatchGetItemCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * The store's reads (GetItem, BatchGetItem, Query) go through a plain DynamoDBClient with
 * `cacheMiddleware`: the SDK resolves a command's middleware stack once per command class instead
 * of on every request, and the DocumentClient's per-request stack (which refuses that option) is
 * skipped. On a hot read that is most of the SDK's CPU beside SigV4 and JSON (issue 14: `GET
 * /v1/me` spent ~1.5× a bare GetItem's CPU, ~1.05× with it). Items are marshalled with the
 * DocumentClient's options, so both clients read and write the same values.
 */
const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;

export type ReadClient = DynamoDBClient;

/**
 * A read client on the configuration an existing DocumentClient resolved (what lib-dynamodb itself
 * does to build a client from one): for stores built from a DocumentClient alone (tests, scripts).
 */
export function readClientFor(documents: DynamoDBDocumentClient): ReadClient {
  return new DynamoDBClient({
    ...(documents.config as unknown as DynamoDBClientConfig),
    defaultUserAgentProvider: undefined,
    retryStrategy: undefined,
    extensions: undefined,
    cacheMiddleware: true,
  } as DynamoDBClientConfig);
}

type Item = Record<string, unknown>;
type Key = { pk: string; sk: string };

const keyValue = (key: Key) => ({ pk: { S: key.pk }, sk: { S: key.sk } });

export async function getItem(
  reads: ReadClient,
  tableName: string,
  key: Key,
  consistent: boolean,
): Promise<Item | undefined> {
  const out = await reads.send(
    new GetItemCommand({ TableName: tableName, Key: keyValue(key), ConsistentRead: consistent }),
  );
  return out.Item ? unmarshall(out.Item) : undefined;
}

/** One BatchGetItem call (≤ 100 keys): the items found and the keys DynamoDB left unprocessed. */
export async function batchGetItems(
  reads: ReadClient,
  tableName: string,
  keys: Key[],
): Promise<{ items: Item[]; unprocessed: Key[] }> {
  const out = await reads.send(
    new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: keys.map(keyValue) } } }),
  );
  return {
    items: (out.Responses?.[tableName] ?? []).map((item) => unmarshall(item)),
    unprocessed: (out.UnprocessedKeys?.[tableName]?.Keys ?? []).map((key) => unmarshall(key) as Key),
  };
}

/** One Query page, given and answered in the DocumentClient's shapes (plain values and keys). */
export async function queryItems(
  reads: ReadClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  startKey: Item | undefined,
): Promise<{ items: Item[]; lastKey: Item | undefined }> {
  const { ExpressionAttributeValues, ...rest } = input;
  const out = await reads.send(
    new QueryCommand({
      ...(rest as Omit<QueryCommandInput, 'ExclusiveStartKey' | 'ExpressionAttributeValues'>),
      ExpressionAttributeValues: ExpressionAttributeValues && marshall(ExpressionAttributeValues, MARSHALL),
      ExclusiveStartKey: startKey && marshall(startKey, MARSHALL),
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => unmarshall(item)),
    lastKey: out.LastEvaluatedKey && unmarshall(out.LastEvaluatedKey),
  };
}
