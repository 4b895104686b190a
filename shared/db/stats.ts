import { countersOf, statsKeys } from '#shared/db/entities/stats.ts';
import { snapshotKeys } from '#shared/db/entities/stats-snapshot.ts';
import type { Key, Store, WriteOp } from '#shared/db/store.ts';
import type { StatsCounters } from '#shared/domain/stats-counters.ts';
import type { AppError } from '#shared/errors.ts';

/** A unit's stats items as read: stock figures, flows by year, and how many items there were. */
export interface UnitStats {
  items: number;
  current: StatsCounters;
  years: Map<string, StatsCounters>;
}

/**
 * The stats aggregate's reads and writes beyond the counters' own increments (those are
 * `statsIncrements` & co in `entities/stats.ts`, added to each change's transaction): a unit's
 * `STATS#<org>` partition holds `CURRENT` (stock figures), `YEAR#<y>` (flows) and `SNAPSHOT#<y>`
 * (the stock as a year closed).
 */
export const stats = {
  /** The key of a unit's stock figures. */
  currentKey: (org: string): Key => statsKeys.current(org),
  /** The key of a unit's flows of one year. */
  yearKey: (org: string, year: string | number): Key => statsKeys.key(org, year),

  /**
   * Every stats item of one unit (one Query of its partition): the stock figures, each year's flows
   * by year, and how many items were read.
   */
  async ofUnit(store: Store, org: string): Promise<UnitStats> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': statsKeys.current(org).pk },
    });
    const years = new Map<string, StatsCounters>();
    for (const item of items) {
      const sk = item.sk as string;
      if (sk.startsWith('YEAR#')) years.set(sk.slice('YEAR#'.length), countersOf(item));
    }
    return {
      items: items.length,
      current: countersOf(items.find((item) => item.sk === statsKeys.current(org).sk)),
      years,
    };
  },

  /** The stock figures of several units, by unit (BatchGetItem; a unit without any is left out). */
  async currentOf(store: Store, orgs: readonly string[]): Promise<Map<string, StatsCounters>> {
    const items = await store.batchGet([...new Set(orgs)].map((org) => statsKeys.current(org)));
    return new Map(items.map((item) => [(item.pk as string).slice('STATS#'.length), countersOf(item)]));
  },

  /** A unit's year-end snapshot of its stock figures, written once (`onTaken` if the year has one). */
  takeSnapshot(
    org: string,
    year: number,
    counters: StatsCounters,
    takenAt: string,
    onTaken?: () => AppError,
  ): WriteOp {
    return {
      Put: {
        Item: {
          ...snapshotKeys.key(org, year),
          type: 'stats-snapshot',
          org,
          year: String(year),
          takenAt,
          ...counters,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      ...(onTaken ? { onConditionFailed: onTaken } : {}),
    };
  },
};
