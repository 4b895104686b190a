import { policyKeys } from '#shared/db/entities/policy.ts';
import type { Item, Store, WriteOp } from '#shared/db/store.ts';
import type { AppError } from '#shared/errors.ts';

/** A stored policy version of a city (the item under `policyKeys`). */
export interface StoredPolicy {
  version: string;
  effectiveFrom: string;
  revision: number;
  document: unknown;
}

const toStoredPolicy = (item: Item): StoredPolicy => ({
  version: String(item.version),
  effectiveFrom: String(item.sk),
  revision: Number(item.revision),
  document: item.document,
});

/**
 * Policies (versioned, effective-dated, per city and kind; keys in `entities/policy.ts`): the reads
 * and `WriteOp`s `usecases/policies.ts` composes.
 */
export const policies = {
  /** The version in effect on `date`: the newest effective on or before it (one Query, limit 1). */
  async inEffectOn(
    store: Store,
    city: string,
    kind: string,
    date: string,
  ): Promise<StoredPolicy | undefined> {
    const page = await store.queryPage({
      KeyConditionExpression: 'pk = :pk AND sk <= :date',
      ExpressionAttributeValues: { ':pk': policyKeys.pk(city, kind), ':date': date },
      ScanIndexForward: false,
      Limit: 1,
    });
    const item = page.items[0];
    return item && toStoredPolicy(item);
  },

  /** Every stored version of a kind in a city, oldest first (one Query; a city has a handful). */
  async versions(store: Store, city: string, kind: string): Promise<StoredPolicy[]> {
    const items = await store.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': policyKeys.pk(city, kind) },
    });
    return items.map(toStoredPolicy);
  },

  /** The version effective from exactly `effectiveFrom`, if stored (one GetItem). */
  async get(
    store: Store,
    city: string,
    kind: string,
    effectiveFrom: string,
  ): Promise<StoredPolicy | undefined> {
    const item = await store.get(policyKeys.key(city, kind, effectiveFrom));
    return item && toStoredPolicy(item);
  },

  /**
   * Stores a version: new, or a revision of `previous` only while that is still the stored revision
   * (`onConditionFailed` otherwise, e.g. someone else revised it meanwhile).
   */
  put(
    city: string,
    kind: string,
    policy: StoredPolicy & { updatedAt: string },
    previous: Pick<StoredPolicy, 'revision'> | undefined,
    onConditionFailed: () => AppError,
  ): WriteOp {
    return {
      Put: {
        Item: {
          ...policyKeys.key(city, kind, policy.effectiveFrom),
          type: 'policy',
          city,
          kind,
          version: policy.version,
          revision: policy.revision,
          document: policy.document,
          updatedAt: policy.updatedAt,
        },
        ConditionExpression: previous ? 'revision = :previous' : 'attribute_not_exists(pk)',
        ...(previous ? { ExpressionAttributeValues: { ':previous': previous.revision } } : {}),
      },
      onConditionFailed,
    };
  },
};
