import { describe, expect, it } from 'vitest';
import type { StatsCounters } from '#shared/domain/stats-counters.ts';
import {
  batchStatsIncrements,
  currentIncrements,
  type statsIncrements,
  statsKeys,
} from '#shared/db/entities/stats.ts';

const keysOf = (ops: ReturnType<typeof statsIncrements>) =>
  ops.map((op) => ('Update' in op ? `${op.Update.Key.pk}|${op.Update.Key.sk}` : '?'));

describe('stats counter ops', () => {
  it('current (stock) figures go to STATS#<org>/CURRENT on the unit and every ancestor', () => {
    const ops = currentIncrements('qth/a/b', { headcount_active: -1 });
    expect(keysOf(ops)).toEqual(['STATS#qth|CURRENT', 'STATS#qth/a|CURRENT', 'STATS#qth/a/b|CURRENT']);
    expect(ops[0]).toMatchObject({
      Update: { UpdateExpression: 'ADD #c0 :n0', ExpressionAttributeValues: { ':n0': -1 } },
    });
    expect(statsKeys.current('qth')).toEqual({ pk: 'STATS#qth', sk: 'CURRENT' });
  });

  it('a batch gets one op per unit, summing every person below it', () => {
    const ops = batchStatsIncrements(
      [
        { org: 'qth/a/g1', counters: { hires_transfer: 1, hires_total: 1 } },
        { org: 'qth/a/g2', counters: { hires_transfer: 1, hires_total: 1 } },
        { org: 'qth/b', counters: { hires_transfer: 1, hires_total: 1 } },
      ],
      2026,
    );
    expect(keysOf(ops).sort()).toEqual(
      ['STATS#qth', 'STATS#qth/a', 'STATS#qth/a/g1', 'STATS#qth/a/g2', 'STATS#qth/b']
        .map((k) => `${k}|YEAR#2026`)
        .sort(),
    );
    const city = ops.find((op) => 'Update' in op && op.Update.Key.pk === 'STATS#qth')!;
    expect('Update' in city && city.Update.ExpressionAttributeValues).toEqual({ ':n0': 3, ':n1': 3 });
    const a = ops.find((op) => 'Update' in op && op.Update.Key.pk === 'STATS#qth/a')!;
    expect('Update' in a && a.Update.ExpressionAttributeValues).toEqual({ ':n0': 2, ':n1': 2 });
    // Without a year: the stock item.
    expect(keysOf(batchStatsIncrements([{ org: 'qth', counters: { headcount_active: 2 } }]))).toEqual([
      'STATS#qth|CURRENT',
    ]);
  });

  it('drops zero sums and refuses bad counter names', () => {
    expect(
      batchStatsIncrements(
        [
          { org: 'qth', counters: { mentors: 1 } },
          { org: 'qth', counters: { mentors: -1 } },
        ],
        2026,
      ),
    ).toEqual([]);
    expect(() =>
      batchStatsIncrements([{ org: 'qth', counters: { 'Bad-Name': 1 } as StatsCounters }], 2026),
    ).toThrow();
  });
});
