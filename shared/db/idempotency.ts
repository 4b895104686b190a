import type { IdempotencyClaim } from '#shared/context.ts';
import {
  IDEMPOTENCY_LOCK_SECONDS,
  type IdempotencyRecord,
  idempotencyItem,
  idempotencyKeys,
  toIdempotencyRecord,
} from '#shared/db/entities/idempotency.ts';
import type { Store } from '#shared/db/store.ts';

/**
 * The Idempotency-Key record's reads and writes (the API's idempotency middleware composes them).
 * Each is one single-item request outside a transaction, conditioned on the attempt that holds the
 * key; the fourth transition, `in-progress` → `committed`, is the marker `Store.transact` adds to
 * the change's own transaction (`RequestContext.idempotency`, the claim `claim` returns), so a
 * crash between commit and reply can't make a retry apply the change twice.
 */
export const idempotency = {
  /** The record of `sub`'s `key` (strongly consistent GetItem), if any. */
  async read(store: Store, sub: string, key: string): Promise<IdempotencyRecord | undefined> {
    const item = await store.get(idempotencyKeys.key(sub, key), { consistent: true });
    return item && toIdempotencyRecord(item);
  },

  /**
   * Takes the key for this attempt (`in-progress`, locked for `IDEMPOTENCY_LOCK_SECONDS`): when no
   * record exists, or takes over one whose attempt's lock ran out without committing, or a durable
   * batch's committed record whose owner died (its lock ran out a lock period ago: the batch keeps
   * the response, so the request runs again and answers from it). One conditional put, replacing
   * the record. `undefined` when someone else holds the key (read it to see why).
   */
  async claim(
    store: Store,
    sub: string,
    key: string,
    attempt: { owner: string; requestHash: string; nowSeconds: number },
  ): Promise<IdempotencyClaim | undefined> {
    const taken = await store.putItem({
      Item: idempotencyItem(sub, key, attempt),
      ConditionExpression:
        'attribute_not_exists(pk) OR (#state = :inProgress AND lockedUntil <= :now)' +
        ' OR (#state = :committed AND attribute_exists(batchId) AND lockedUntil <= :abandoned)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':inProgress': 'in-progress',
        ':committed': 'committed',
        ':now': attempt.nowSeconds,
        ':abandoned': attempt.nowSeconds - IDEMPOTENCY_LOCK_SECONDS,
      },
    });
    return taken ? { ...idempotencyKeys.key(sub, key), owner: attempt.owner } : undefined;
  },

  /**
   * Stores the response a retry replays (`completed`), if `claim`'s attempt still holds the key.
   * False when another attempt took it over meanwhile.
   */
  complete(
    store: Store,
    claim: IdempotencyClaim,
    response: { status: number; body: string; contentType: string },
  ): Promise<boolean> {
    return store.updateItem({
      Key: { pk: claim.pk, sk: claim.sk },
      UpdateExpression:
        'SET #state = :completed, #status = :status, #body = :body, contentType = :contentType',
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: {
        '#state': 'state',
        '#status': 'status',
        '#body': 'body',
        '#owner': 'owner',
      },
      ExpressionAttributeValues: {
        ':completed': 'completed',
        ':status': response.status,
        ':body': response.body,
        ':contentType': response.contentType,
        ':owner': claim.owner,
      },
    });
  },

  /**
   * Frees the key after an attempt that changed nothing: deletes the record if `claim`'s attempt
   * still holds it and it never committed. False when it didn't (taken over, or committed).
   */
  release(store: Store, claim: IdempotencyClaim): Promise<boolean> {
    return store.deleteItem({
      Key: { pk: claim.pk, sk: claim.sk },
      ConditionExpression: '#owner = :owner AND #state = :inProgress',
      ExpressionAttributeNames: { '#owner': 'owner', '#state': 'state' },
      ExpressionAttributeValues: { ':owner': claim.owner, ':inProgress': 'in-progress' },
    });
  },
};
