import {
  type HonourCycleRecord,
  honourCycleItem,
  honourKeys,
  type NominationRecord,
  nominationItem,
} from '#shared/db/entities/honour.ts';
import { withoutKeys } from '#shared/db/items.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { AppError } from '#shared/errors.ts';

/** A quota org's seats in a cycle, as counted on its quota item. */
export interface HonourQuotaSeats {
  org: string;
  seats: number;
  used: number;
}

/** The cycle, its quota counters and its nominations: one partition, read by one Query. */
export interface HonourCyclePartition {
  cycle: HonourCycleRecord | undefined;
  quotas: HonourQuotaSeats[];
  nominations: NominationRecord[];
}

/** "No result and not withdrawn" (`null` or absent), with `#result` and `:nullType` bound by the caller. */
const STILL_PENDING =
  'attribute_type(#result, :nullType) AND (attribute_not_exists(withdrawn) OR attribute_type(withdrawn, :nullType))';

/**
 * The honours aggregate's reads and writes (cycles, quota seat counters, nominations and the
 * one-nomination-per-worker guards; keys and items in `entities/honour.ts`): the use-cases in
 * `usecases/honours.ts` compose these and write no expressions of their own.
 */
export const honours = {
  /** One GetItem. */
  async getCycle(store: Store, id: string): Promise<HonourCycleRecord | undefined> {
    const item = await store.get(honourKeys.cycle(id));
    return item && withoutKeys<HonourCycleRecord>(item);
  },

  /** One GetItem. */
  async getNomination(
    store: Store,
    cycleId: string,
    nominationId: string,
  ): Promise<NominationRecord | undefined> {
    const item = await store.get(honourKeys.nomination(cycleId, nominationId));
    return item && withoutKeys<NominationRecord>(item);
  },

  /** The cycle with its quota counters and nominations (one Query of the cycle's partition). */
  async cyclePartition(store: Store, cycleId: string): Promise<HonourCyclePartition> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': honourKeys.pk(cycleId) },
    });
    const cycleItem = items.find((i) => i.sk === 'CYCLE');
    return {
      cycle: cycleItem && withoutKeys<HonourCycleRecord>(cycleItem),
      quotas: items
        .filter((i) => i.type === 'honour-quota')
        .map((i) => ({ org: String(i.org), seats: Number(i.seats), used: Number(i.used) })),
      nominations: items
        .filter((i) => i.type === 'honour-nomination')
        .map((i) => withoutKeys<NominationRecord>(i)),
    };
  },

  /** A city's cycles, optionally of one year (ByCollection Query). */
  async cyclesOf(store: Store, org: string, year?: number): Promise<HonourCycleRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression:
        year === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND begins_with(gsi1sk, :year)',
      ExpressionAttributeValues: {
        ':pk': honourKeys.cyclesOf(org),
        ...(year === undefined ? {} : { ':year': `${year}#` }),
      },
    });
    return items.map((i) => withoutKeys<HonourCycleRecord>(i));
  },

  /** A worker's nominations without a result that are not withdrawn (ByRelation Query). */
  async pendingNominationsOf(store: Store, workerId: string): Promise<NominationRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :honour)',
      ExpressionAttributeValues: { ':pk': honourKeys.workerNominations(workerId), ':honour': 'HONOUR#' },
    });
    return items
      .filter((i) => i.type === 'honour-nomination')
      .map((i) => withoutKeys<NominationRecord>(i))
      .filter((n) => !n.result && !n.withdrawn);
  },

  /** A new cycle and a seat counter (used 0) per quota org. */
  createCycle(cycle: HonourCycleRecord): WriteOp[] {
    return [
      { Put: { Item: honourCycleItem(cycle), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...cycle.quotas.map(
        (q): WriteOp => ({
          Put: {
            Item: {
              ...honourKeys.quota(cycle.id, q.org),
              type: 'honour-quota',
              org: q.org,
              seats: q.seats,
              used: 0,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
      ),
    ];
  },

  /** The worker's guard in the cycle: `onAlreadyNominated` if they are nominated there already. */
  guardNominee(
    cycleId: string,
    workerId: string,
    nominationId: string,
    onAlreadyNominated: () => AppError,
  ): WriteOp {
    return {
      Put: {
        Item: { ...honourKeys.nominee(cycleId, workerId), type: 'honour-nominee', nominationId },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: onAlreadyNominated,
    };
  },

  /** Takes one seat of a quota org: `onFull` unless `used < seats` at commit. */
  takeSeat(cycleId: string, quotaOrg: string, onFull: () => AppError): WriteOp {
    return {
      Update: {
        Key: honourKeys.quota(cycleId, quotaOrg),
        UpdateExpression: 'SET used = used + :one',
        ConditionExpression: 'used < seats',
        ExpressionAttributeValues: { ':one': 1 },
      },
      onConditionFailed: onFull,
    };
  },

  /** Gives back one seat of a quota org (`onConditionFailed` if none is in use). */
  releaseSeat(cycleId: string, quotaOrg: string, onConditionFailed: () => AppError): WriteOp {
    return {
      Update: {
        Key: honourKeys.quota(cycleId, quotaOrg),
        UpdateExpression: 'SET used = used - :one',
        ConditionExpression: 'used > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
      onConditionFailed,
    };
  },

  /** A new nomination. */
  createNomination(nomination: NominationRecord): WriteOp {
    return { Put: { Item: nominationItem(nomination), ConditionExpression: 'attribute_not_exists(pk)' } };
  },

  /** Records a nomination's result while it exists, has none and is not withdrawn. */
  recordResult(
    cycleId: string,
    nominationId: string,
    result: NonNullable<NominationRecord['result']>,
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: honourKeys.nomination(cycleId, nominationId),
        UpdateExpression: 'SET #result = :result',
        ConditionExpression: `attribute_exists(pk) AND ${STILL_PENDING}`,
        ExpressionAttributeNames: { '#result': 'result' },
        ExpressionAttributeValues: { ':result': result, ':nullType': 'NULL' },
      },
      onConditionFailed,
    };
  },

  /** Withdraws a nomination still pending at commit (a result recorded meanwhile keeps its seat). */
  withdraw(
    nomination: Pick<NominationRecord, 'cycleId' | 'id'>,
    withdrawn: NonNullable<NominationRecord['withdrawn']>,
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Update: {
        Key: honourKeys.nomination(nomination.cycleId, nomination.id),
        UpdateExpression: 'SET withdrawn = :withdrawn',
        ConditionExpression: STILL_PENDING,
        ExpressionAttributeNames: { '#result': 'result' },
        ExpressionAttributeValues: { ':withdrawn': withdrawn, ':nullType': 'NULL' },
      },
      onConditionFailed,
    };
  },
};
