import { describe, expect, it } from 'vitest';
import { fullJitterDelay, retry } from '#shared/db/retry.ts';

/** A sleep that records the waits instead of waiting. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('retry', () => {
  it('tries again after retryable failures, waiting between attempts, until it succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    const attempts: number[] = [];
    const result = await retry(
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Error('conflict');
        return 'done';
      },
      { attempts: 5, sleep, random: () => 0.5 },
    );
    expect(result).toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
    expect(waits).toEqual([10, 20]);
  });

  it('throws the last failure once the attempts are used up', async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error(`failure ${calls}`);
        },
        { attempts: 4, sleep },
      ),
    ).rejects.toThrow('failure 4');
    expect(calls).toBe(4);
    expect(waits).toHaveLength(3);
  });

  it('throws a failure that is not retryable at once, without waiting', async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new TypeError('bug');
        },
        { attempts: 5, sleep, retryable: (error) => !(error instanceof TypeError) },
      ),
    ).rejects.toThrow('bug');
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });
});

describe('fullJitterDelay', () => {
  it('is random over the whole window, which doubles per retry up to the cap', () => {
    expect(fullJitterDelay(1, { random: () => 0 })).toBe(0);
    expect(fullJitterDelay(1, { random: () => 0.999 })).toBe(19);
    expect(fullJitterDelay(3, { random: () => 0.5 })).toBe(40);
    expect(fullJitterDelay(3, { baseMs: 100, random: () => 0.5 })).toBe(200);
    expect(fullJitterDelay(20, { random: () => 0.5 })).toBe(500);
    expect(fullJitterDelay(20, { capMs: 200, random: () => 0.999 })).toBe(199);
  });
});
