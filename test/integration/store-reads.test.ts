import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '#shared/db/store.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * The store reads through its own read client (shared/db/reads.ts: plain GetItem/BatchGetItem/Query
 * with a cached middleware stack) and writes through the DocumentClient. Against DynamoDB Local:
 * what it reads is exactly what the DocumentClient reads, whatever the item holds, and its query
 * cursors page the same way.
 */
let h: Harness;
const item = (i: number) => ({
  pk: 'READS#1',
  sk: `ITEM#${String(i).padStart(3, '0')}`,
  name: `张${i}`,
  fen: 312_345 + i,
  ratio: 0.85,
  negative: -7,
  active: i % 2 === 0,
  gone: null,
  tags: new Set(['甲', '乙']),
  counts: new Set([1, 2, 3]),
  nested: { list: [1, '二', { deep: true }], empty: {}, emptyList: [] },
  ...(i === 0 ? { note: undefined } : {}),
});

beforeAll(async () => {
  h = await startHarness();
  for (let i = 0; i < 25; i++) {
    await h.store.client.send(new PutCommand({ TableName: h.tableName, Item: item(i) }));
  }
});
afterAll(() => h?.stop());

const documentGet = async (sk: string) =>
  (await h.store.client.send(new GetCommand({ TableName: h.tableName, Key: { pk: 'READS#1', sk } }))).Item;

describe('Store reads through its read client', () => {
  it('get returns what the DocumentClient returns (numbers, sets, null, nested lists and maps)', async () => {
    const read = await h.store.get({ pk: 'READS#1', sk: 'ITEM#000' });
    expect(read).toEqual(await documentGet('ITEM#000'));
    expect(read?.tags).toEqual(new Set(['甲', '乙']));
    expect(read?.fen).toBe(312_345);
    expect(read?.ratio).toBe(0.85);
    expect(read?.gone).toBeNull();
    expect(read).not.toHaveProperty('note');
    expect(await h.store.get({ pk: 'READS#1', sk: 'NOTHING' })).toBeUndefined();
  });

  it('batchGet returns each found item as the DocumentClient reads it, and skips missing keys', async () => {
    const keys = [3, 7, 11].map((i) => ({ pk: 'READS#1', sk: `ITEM#${String(i).padStart(3, '0')}` }));
    const found = await h.store.batchGet([...keys, { pk: 'READS#1', sk: 'NOTHING' }]);
    const bySk = new Map(found.map((f) => [f.sk, f]));
    expect([...bySk.keys()].sort()).toEqual(keys.map((k) => k.sk));
    for (const key of keys) expect(bySk.get(key.sk)).toEqual(await documentGet(key.sk));
  });

  it('queryPage pages with cursors through the same items the DocumentClient queries, values included', async () => {
    const input = {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'fen >= :least AND active = :active',
      ExpressionAttributeValues: { ':pk': 'READS#1', ':prefix': 'ITEM#', ':least': 312_350, ':active': true },
      Limit: 4,
    };
    const pages: Record<string, unknown>[][] = [];
    let cursor: string | undefined;
    do {
      const page = await h.store.queryPage(input, cursor);
      pages.push(page.items);
      cursor = page.cursor;
    } while (cursor && pages.length < 20);
    const read = pages.flat();
    const all = await h.store.client.send(
      new QueryCommand({
        TableName: h.tableName,
        KeyConditionExpression: input.KeyConditionExpression,
        FilterExpression: input.FilterExpression,
        ExpressionAttributeValues: input.ExpressionAttributeValues,
      }),
    );
    expect(read).toEqual(all.Items);
    expect(read.map((r) => r.fen)).toEqual([6, 8, 10, 12, 14, 16, 18, 20, 22, 24].map((i) => 312_345 + i));
    // Limit 4 over 25 items: pages of up to 4 evaluated items, so more than one page.
    expect(pages.length).toBeGreaterThan(1);
    expect(await h.store.queryAll(input)).toEqual(all.Items);
  });

  it('a store built from a DocumentClient alone reads through a read client on the same configuration', async () => {
    const plain = new Store(h.store.client, h.tableName);
    expect(plain.reads).not.toBe(h.store.reads);
    expect(await plain.get({ pk: 'READS#1', sk: 'ITEM#005' })).toEqual(await documentGet('ITEM#005'));
  });
});
