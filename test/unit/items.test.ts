import { describe, expect, it } from 'vitest';
import { toWorker, workerItem } from '#shared/db/entities/worker.ts';
import { TABLE_ATTRIBUTES, withoutKeys } from '#shared/db/items.ts';

describe('withoutKeys', () => {
  it('drops the keys, the item type and every index key, and keeps the record', () => {
    const item = {
      pk: 'X#1',
      sk: 'X',
      type: 'x',
      gsi1pk: 'a',
      gsi1sk: 'b',
      gsi2pk: 'c',
      gsi2sk: 'd',
      gsi3pk: 'e',
      gsi3sk: 'f',
      id: '1',
      name: '李梅',
    };
    expect(withoutKeys<{ id: string; name: string }>(item)).toEqual({ id: '1', name: '李梅' });
    expect([...TABLE_ATTRIBUTES].sort()).toEqual(
      [
        'gsi1pk',
        'gsi1sk',
        'gsi2pk',
        'gsi2sk',
        'gsi3pk',
        'gsi3sk',
        'gsi4pk',
        'gsi4sk',
        'pk',
        'sk',
        'type',
      ].sort(),
    );
  });

  it('fills defaults only for fields the item lacks', () => {
    const record = withoutKeys<{ id: string; tags: string[]; note: string | null }>(
      { pk: 'p', sk: 's', id: '1', tags: ['a'] },
      { tags: [], note: null },
    );
    expect(record).toEqual({ id: '1', tags: ['a'], note: null });
    // Defaults first, then the item's fields in the item's order (the order responses are written in).
    expect(Object.keys(record)).toEqual(['tags', 'note', 'id']);
  });

  it('round-trips a worker through its item', () => {
    const worker = toWorker({
      ...workerItem({
        id: 'w_1',
        org: 'qth/x',
        status: 'active',
        name: '王芳',
        nationalId: '110101199003071234',
        hiredOn: '2026-01-05',
        probationEndsOn: '2026-01-04',
      } as Parameters<typeof workerItem>[0]),
    });
    expect(worker).toMatchObject({
      id: 'w_1',
      certificates: [],
      mentorIds: [],
      exit: null,
      probationEndsOn: null,
    });
    expect(worker).not.toHaveProperty('gsi3pk');
  });
});
