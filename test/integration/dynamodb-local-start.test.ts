import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoLocal } from '#functions/local/dynamodb-local.ts';

/**
 * Test files start DynamoDB Locals side by side, each on a port `freePort` just saw free: the port
 * can be taken before the JVM binds it. Whatever took it may accept connections and never answer.
 */
describe('starting DynamoDB Local on a taken port', () => {
  let squatter: Server;
  let port: number;
  const held = new Set<Socket>();
  beforeAll(async () => {
    // Accepts and never answers: the worst neighbour for a start that polls the port.
    squatter = createServer((socket) => held.add(socket)).listen(0, '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    port = (squatter.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => squatter.close(resolve));
  });

  it('fails with the bind error instead of waiting on the squatter', async () => {
    await expect(startDynamoLocal({ port })).rejects.toThrow(/Failed to bind/);
  });

  it('on a port of its own choosing, ends up on a free one and answers', async () => {
    const dynamo = await startDynamoLocal();
    try {
      expect(dynamo.endpoint).not.toBe(`http://127.0.0.1:${port}`);
      const tables = await fetch(dynamo.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          authorization:
            'AWS4-HMAC-SHA256 Credential=local/20260101/cn-north-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
        },
        body: '{}',
      });
      expect(tables.status).toBe(200);
      expect(await tables.json()).toHaveProperty('TableNames');
    } finally {
      await dynamo.stop();
    }
  });
});
