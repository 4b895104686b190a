import type { WorkQueue } from '#functions/dependencies.ts';
import { logger } from '#shared/observability.ts';

export type QueueHandler = (message: unknown) => Promise<void>;

/**
 * Local mode's stand-in for SQS: messages are handled in the background by the same consumer
 * code the Lambda runs, a few at a time, with retries like the SQS redrive (3 attempts).
 */
export function inProcessQueue(options: { concurrency?: number; maxAttempts?: number } = {}) {
  const handlers = new Map<string, QueueHandler>();
  const pending: { queue: string; message: unknown; attempt: number }[] = [];
  let active = 0;
  let idleWaiters: (() => void)[] = [];
  const concurrency = options.concurrency ?? 2;
  const maxAttempts = options.maxAttempts ?? 3;

  const pump = () => {
    while (active < concurrency && pending.length > 0) {
      const job = pending.shift()!;
      const handler = handlers.get(job.queue);
      if (!handler) {
        logger.error('no consumer for queue', { queue: job.queue });
        continue;
      }
      active++;
      handler(job.message)
        .catch((error) => {
          if (job.attempt + 1 < maxAttempts) pending.push({ ...job, attempt: job.attempt + 1 });
          else logger.error('message dead-lettered', { queue: job.queue, error: String(error) });
        })
        .finally(() => {
          active--;
          pump();
          if (active === 0 && pending.length === 0) {
            for (const resolve of idleWaiters) resolve();
            idleWaiters = [];
          }
        });
    }
  };

  const queue: WorkQueue & { consume(queue: string, handler: QueueHandler): void; idle(): Promise<void> } = {
    async send(name, messages) {
      for (const message of messages) pending.push({ queue: name, message, attempt: 0 });
      pump();
    },
    consume(name, handler) {
      handlers.set(name, handler);
    },
    /** Resolves when every message sent so far has been handled (tests and the local CLI). */
    idle() {
      if (active === 0 && pending.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
  return queue;
}
