/**
 * The yardstick of `npm run bench -- api`: a bare Hono app on @hono/node-server answering one
 * GetItem of a given item (the benchmark's worker record, so the item is the same size) through the
 * project's DocumentClient configuration, against the same DynamoDB Local as the real server.
 * Env: PORT, DYNAMODB_ENDPOINT, TABLE_NAME, ITEM_PK, ITEM_SK.
 */
import { serve } from '@hono/node-server';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { createDocumentClient } from '#shared/db/client.ts';

const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT! });
const Key = { pk: process.env.ITEM_PK!, sk: process.env.ITEM_SK! };
const app = new Hono();
app.get('/item', async (c) => {
  // A strongly consistent read, as the API's Store.get makes.
  const out = await client.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key, ConsistentRead: true }),
  );
  return out.Item ? c.json(out.Item) : c.json({ error: 'not found' }, 404);
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
