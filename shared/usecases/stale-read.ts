import { retry } from '#shared/db/retry.ts';
import { AppError, conflict } from '#shared/errors.ts';

/**
 * Read-then-transact use-cases guard what they read with conditions (a version, a status). When
 * such a condition fails, the op's `onConditionFailed: stale` makes the use-case re-read and try
 * again (`retryOnStale`); after a few attempts the caller gets 409 CONCURRENT_UPDATE.
 */
const STALE = 'STALE_READ';

export const stale = () => new AppError(409, STALE, 'A record changed meanwhile');

export async function retryOnStale<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  try {
    return await retry(fn, { attempts, retryable: isStale, capMs: 200 });
  } catch (error) {
    if (isStale(error))
      throw conflict('CONCURRENT_UPDATE', 'Too many simultaneous changes to the same records; retry shortly');
    throw error;
  }
}

const isStale = (error: unknown) => error instanceof AppError && error.code === STALE;
