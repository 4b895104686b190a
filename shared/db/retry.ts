/**
 * One retry loop for everything that waits and tries again: transaction conflicts, keys or writes
 * DynamoDB left unprocessed, a batch's bookkeeping writes, stale reads. The SDK already retries
 * throttling and network errors itself; these are the races it can't see.
 */
export type Sleep = (ms: number) => Promise<void>;

export const wallClockSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Whether a failure is worth another attempt; others are thrown at once. Default: all. */
  retryable?: (error: unknown) => boolean;
  /** The wait before retry n (1-based) is random in [0, min(capMs, baseMs·2^(n-1))). */
  baseMs?: number;
  capMs?: number;
  /** Injected by tests (no wall clock) and by the Store's owner. */
  sleep?: Sleep;
  random?: () => number;
}

/**
 * "Full jitter" backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"): contenders that
 * failed together spread over the whole window instead of colliding again at its midpoint.
 */
export function fullJitterDelay(
  retry: number,
  { baseMs = 20, capMs = 1000, random = Math.random }: Pick<RetryOptions, 'baseMs' | 'capMs' | 'random'> = {},
): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** (retry - 1)));
}

/** Runs `fn` until it succeeds, fails with a non-retryable error, or has used `attempts`. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? wallClockSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !(options.retryable?.(error) ?? true)) throw error;
      await sleep(fullJitterDelay(attempt, options));
    }
  }
}
