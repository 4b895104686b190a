import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

/**
 * The yardstick of `npm run bench -- cold-start`: the least an API Lambda can be (Hono + the
 * DynamoDB DocumentClient answering one GetItem), bundled exactly like ours.
 */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = new Hono();
app.get('/v1/items/:id', async (c) => {
  const out = await client.send(
    new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: c.req.param('id'), sk: 'ITEM' } }),
  );
  return out.Item ? c.json(out.Item) : c.json({ error: 'not found' }, 404);
});
app.get('/health', (c) => c.json({ status: 'ok' }));
export const handler = handle(app);
