import { withoutKeys } from '#shared/db/items.ts';

/**
 * A request's Idempotency-Key record, one item per caller and key (`IDEMPOTENCY#<sub>#<key>` /
 * `IDEMPOTENCY`, read by key only; DynamoDB's TTL removes it at `expiresAt`). Its life:
 * `in-progress` (claimed by one attempt, `owner`, until `lockedUntil`) → `committed` (set inside
 * the change's own transaction by `Store.transact`, with `batchId` for a durable batch) →
 * `completed` (the response stored for replay). An attempt that fails before committing deletes it.
 */
export const idempotencyKeys = {
  key: (subject: string, key: string) => ({ pk: `IDEMPOTENCY#${subject}#${key}`, sk: 'IDEMPOTENCY' }),
};

export type IdempotencyState = 'in-progress' | 'committed' | 'completed';

export interface IdempotencyRecord {
  state: IdempotencyState;
  /** The attempt holding the key (a random id per attempt). */
  owner: string;
  /** sha256 of method, path, content type and body bytes: the same key with another request is refused. */
  requestHash: string;
  /** Epoch seconds: until then nobody else may take the key over. */
  lockedUntil: number;
  /** Epoch seconds (TTL). */
  expiresAt: number;
  /** Committed by a durable batch: the batch that keeps the response. */
  batchId?: string;
  /** Completed: the response to replay. */
  status?: number;
  body?: string;
  contentType?: string;
}

/** The item of a freshly claimed key. */
export function idempotencyItem(
  subject: string,
  key: string,
  claim: { owner: string; requestHash: string; nowSeconds: number },
) {
  return {
    ...idempotencyKeys.key(subject, key),
    type: 'idempotency',
    state: 'in-progress',
    owner: claim.owner,
    requestHash: claim.requestHash,
    lockedUntil: claim.nowSeconds + IDEMPOTENCY_LOCK_SECONDS,
    expiresAt: claim.nowSeconds + IDEMPOTENCY_TTL_SECONDS,
  };
}

export function toIdempotencyRecord(item: Record<string, unknown>): IdempotencyRecord {
  return withoutKeys<IdempotencyRecord>(item);
}

/** How long a retry replays the first response. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * After this, an attempt that never committed may be taken over by a retry (env
 * IDEMPOTENCY_LOCK_SECONDS overrides it: the crash tests use a short one).
 */
export const IDEMPOTENCY_LOCK_SECONDS = Number(process.env.IDEMPOTENCY_LOCK_SECONDS ?? 30);
