/**
 * The yardstick of `npm run bench -- api`: a bare Hono app on @hono/node-server answering one
 * GetItem of a given item (the benchmark's worker record, so the item is the same size) through the
 * project's DocumentClient configuration, against the same DynamoDB Local as the real server.
 * `/item-read-client` reads it through the store's read client instead (a plain DynamoDBClient with
 * `cacheMiddleware`, `shared/db/reads.ts`), the fastest bare read our SDK setup allows: a second,
 * stricter yardstick printed beside the issue's.
 * Env: PORT, DYNAMODB_ENDPOINT, TABLE_NAME, ITEM_PK, ITEM_SK.
 */
import { serve } from '@hono/node-server';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Hono } from 'hono';
import { createDocumentClient, createReadClient } from '#shared/db/client.ts';

const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT! });
const readClient = createReadClient({ endpoint: process.env.DYNAMODB_ENDPOINT! });
const Key = { pk: process.env.ITEM_PK!, sk: process.env.ITEM_SK! };
const app = new Hono();
app.get('/item', async (c) => {
  // A strongly consistent read, as the API's Store.get makes.
  const out = await client.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key, ConsistentRead: true }),
  );
  return out.Item ? c.json(out.Item) : c.json({ error: 'not found' }, 404);
});
app.get('/item-read-client', async (c) => {
  const out = await readClient.send(
    new GetItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: { S: Key.pk }, sk: { S: Key.sk } },
      ConsistentRead: true,
    }),
  );
  return out.Item ? c.json(unmarshall(out.Item)) : c.json({ error: 'not found' }, 404);
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
