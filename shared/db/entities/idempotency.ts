export const idempotencyKeys = {
  key: (subject: string, key: string) => ({ pk: `IDEMPOTENCY#${subject}#${key}`, sk: 'IDEMPOTENCY' }),
};

/** How long a retry replays the first response. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * After this, an attempt that never committed may be taken over by a retry (env
 * IDEMPOTENCY_LOCK_SECONDS overrides it: the crash tests use a short one).
 */
export const IDEMPOTENCY_LOCK_SECONDS = Number(process.env.IDEMPOTENCY_LOCK_SECONDS ?? 30);
