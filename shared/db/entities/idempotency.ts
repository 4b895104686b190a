export const idempotencyKeys = {
  key: (subject: string, key: string) => ({ pk: `IDEMPOTENCY#${subject}#${key}`, sk: 'IDEMPOTENCY' }),
};

/** How long a retry replays the first response. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** After this, an attempt that never committed may be taken over by a retry. */
export const IDEMPOTENCY_LOCK_SECONDS = 30;
