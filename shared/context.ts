import type { Actor } from '#shared/auth/actor.ts';

/** Set by the idempotency middleware; the store marks the record inside the same transaction. */
export interface IdempotencyClaim {
  pk: string;
  sk: string;
  owner: string;
  /**
   * Set by a durable batch's final step: the marker then names the batch, whose header keeps the
   * response, so a retry after a crash between commit and reply can answer from it.
   */
  batchId?: string;
}

/** Everything a use-case needs to know about the request it serves. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  /** The request's "now": one instant per request keeps audit, dates and TTLs consistent. */
  now: Date;
  idempotency?: IdempotencyClaim;
}

/** Context for scheduled jobs and other system actors. */
export function systemContext(job: string, now: Date, org = 'system'): RequestContext {
  return { actor: { sub: `job:${job}`, role: 'hr', org }, requestId: `job-${job}-${now.toISOString()}`, now };
}
