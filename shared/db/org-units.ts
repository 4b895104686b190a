import { orgUnitItem, orgUnitKeys, type OrgUnitRecord, toOrgUnit } from '#shared/db/entities/org-unit.ts';
import type { Item, Page, Store, WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { OrgUnit } from '#shared/domain/org-units.ts';
import { type AppError, conflict } from '#shared/errors.ts';
import { mapLimit } from '#shared/jobs/concurrency.ts';

/**
 * The org-unit aggregate's reads and writes: use-cases compose these named operations and never
 * write an expression of their own. Seats (`used`/`available`) are counted on each quota-holding
 * unit and changed only by ADD-style updates whose conditions make check and change one step.
 */

/** What `orgUnits.walk` reads of each unit it finds below its roots. */
export interface OrgUnitWalkFields {
  ids: { id: string };
  levels: { id: string; level: OrgUnit['level'] };
  records: OrgUnitRecord;
}

type ChildQuery = { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> };

/** Each projection: what the children query reads (nothing named: the whole item) and the unit made of it. */
const WALK_READS: {
  [F in keyof OrgUnitWalkFields]: { read: ChildQuery; toUnit: (item: Item) => OrgUnitWalkFields[F] };
} = {
  ids: { read: { ProjectionExpression: 'id' }, toUnit: (item) => ({ id: item.id as string }) },
  levels: {
    read: { ProjectionExpression: 'id, #level', ExpressionAttributeNames: { '#level': 'level' } },
    toUnit: (item) => ({ id: item.id as string, level: item.level as OrgUnit['level'] }),
  },
  records: { read: {}, toUnit: toOrgUnit },
};

/** Children queries in flight at once during a walk. */
const WALK_CONCURRENCY = 8;

/** Every item of ByCollection `ORG-CHILDREN#<parent>` (all pages). */
function childItems(store: Store, parentId: string, read: ChildQuery) {
  return store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': orgUnitKeys.childrenOf(parentId) },
    ...read,
  });
}

export const orgUnits = {
  /** One GetItem. */
  async get(store: Store, id: string): Promise<OrgUnitRecord | undefined> {
    const item = await store.get(orgUnitKeys.key(id));
    return item && toOrgUnit(item);
  },

  /** The units among `ids` that exist, by id (BatchGetItem). */
  async getMany(store: Store, ids: readonly string[]): Promise<Map<string, OrgUnitRecord>> {
    const items = await store.batchGet([...new Set(ids)].map((id) => orgUnitKeys.key(id)));
    return new Map(items.map((item) => [item.id as string, toOrgUnit(item)]));
  },

  /** A unit's direct children, a page at a time (ByCollection `ORG-CHILDREN#<parent>`). */
  async children(store: Store, parentId: string, cursor?: string, limit = 100): Promise<Page<OrgUnitRecord>> {
    const page = await store.queryPage(
      {
        IndexName: tableDefinition.indexes.byCollection.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': orgUnitKeys.childrenOf(parentId) },
        Limit: limit,
      },
      cursor,
    );
    return { items: page.items.map(toOrgUnit), cursor: page.cursor };
  },

  /** Every city's (root unit's) id, ByRelation `CITIES`: jobs and checks that run per city. */
  async cityIds(store: Store): Promise<string[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': orgUnitKeys.cities },
    });
    return items.map((item) => item.id as string);
  },

  /**
   * `roots` and every unit below them, breadth-first (the roots, then their children, then theirs),
   * each parent's children in id order. Children come from ByCollection `ORG-CHILDREN#<parent>`, a
   * level at a time, at most 8 queries in flight; `fields` says what is read of each. The roots are
   * returned as given (not read). `stopAt` marks units whose children are not read (leaf levels,
   * so that they cost no query). The index is eventually consistent: a reader of counters gets the
   * units found with `getMany`.
   */
  async walk<F extends keyof OrgUnitWalkFields, R extends { id: string }>(
    store: Store,
    roots: readonly R[],
    options: { fields: F; stopAt?: (unit: R | OrgUnitWalkFields[F]) => boolean },
  ): Promise<(R | OrgUnitWalkFields[F])[]> {
    const { read, toUnit } = WALK_READS[options.fields];
    const stopAt = options.stopAt ?? (() => false);
    const units: (R | OrgUnitWalkFields[F])[] = [];
    let level: (R | OrgUnitWalkFields[F])[] = [...roots];
    while (level.length > 0) {
      units.push(...level);
      const parents = level.filter((unit) => !stopAt(unit));
      const children = await mapLimit(parents, WALK_CONCURRENCY, async (parent) =>
        (await childItems(store, parent.id, read)).map(toUnit),
      );
      level = children.flat();
    }
    return units;
  },

  /** Puts a new unit; 409 ORG_UNIT_EXISTS if its id is taken. */
  create(unit: Omit<OrgUnitRecord, 'overQuotaBy'>): WriteOp {
    return {
      Put: { Item: orgUnitItem(unit), ConditionExpression: 'attribute_not_exists(pk)' },
      onConditionFailed: () =>
        conflict('ORG_UNIT_EXISTS', `Org unit ${unit.id} already exists`, { id: unit.id }),
    };
  },

  /**
   * Changes a unit's name, population and quota if it is still at `expectedVersion`. `available`
   * is derived from the live `used` inside the update, so concurrent hires can't skew it; with
   * `quotaCoversHeadcount`, the new quota must also still cover the live headcount (a hire may land
   * between read and write).
   */
  update(
    id: string,
    change: {
      name: string;
      urbanPopulation: number | null;
      approvedQuota: number | null;
      quota: { quota: number; policyVersion: string; mustCoverHeadcount: boolean } | null;
      now: string;
      expectedVersion: number;
    },
    onConditionFailed: () => AppError,
  ): WriteOp {
    const { quota } = change;
    const quotaUpdate =
      quota === null
        ? 'quota = :null, available = :null, holdsQuota = :false, quotaPolicyVersion = :null'
        : 'quota = :quota, available = :quota - used, holdsQuota = :true, quotaPolicyVersion = :policyVersion';
    return {
      Update: {
        Key: orgUnitKeys.key(id),
        UpdateExpression: `SET #name = :name, urbanPopulation = :population, approvedQuota = :approved, updatedAt = :now, version = version + :one, ${quotaUpdate}`,
        ConditionExpression: `version = :expected${quota?.mustCoverHeadcount ? ' AND used <= :quota' : ''}`,
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: {
          ':name': change.name,
          ':population': change.urbanPopulation,
          ':approved': change.approvedQuota,
          ':now': change.now,
          ':one': 1,
          ':expected': change.expectedVersion,
          ...(quota === null
            ? { ':null': null, ':false': false }
            : { ':quota': quota.quota, ':true': true, ':policyVersion': quota.policyVersion }),
        },
      },
      onConditionFailed,
    };
  },

  /** Takes `seats` seats on a quota-holding unit; 409 QUOTA_EXCEEDED unless that many are free. */
  takeSeats(unit: OrgUnitRecord, seats: number): WriteOp {
    return {
      Update: {
        Key: orgUnitKeys.key(unit.id),
        UpdateExpression: 'SET used = used + :n, available = available - :n',
        ConditionExpression: 'holdsQuota = :true AND available >= :n',
        ExpressionAttributeValues: { ':n': seats, ':true': true },
      },
      onConditionFailed: () => {
        // The figures as read explain the refusal unless a concurrent change took the seats since:
        // then they are stale and only the quota is told.
        const figures = (unit.available ?? 0) < seats ? { used: unit.used, available: unit.available } : {};
        return conflict(
          'QUOTA_EXCEEDED',
          `${unit.name} (${unit.id}) has no free seat for ${seats} more (quota ${unit.quota})`,
          { org: unit.id, name: unit.name, quota: unit.quota, ...figures, requested: seats },
        );
      },
    };
  },

  /** Gives back `seats` seats; 409 SEAT_ACCOUNTING if fewer are in use (the counts went wrong). */
  releaseSeats(unit: Pick<OrgUnitRecord, 'id'>, seats: number): WriteOp {
    return {
      Update: {
        Key: orgUnitKeys.key(unit.id),
        UpdateExpression: 'SET used = used - :n, available = available + :n',
        ConditionExpression: 'used >= :n',
        ExpressionAttributeValues: { ':n': seats },
      },
      onConditionFailed: () =>
        conflict('SEAT_ACCOUNTING', `Org unit ${unit.id} has fewer seats in use than are being released`, {
          org: unit.id,
        }),
    };
  },
};
