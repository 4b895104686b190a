import type { Dependencies } from '#functions/dependencies.ts';
import { systemContext } from '#shared/context.ts';
import { recoverAbandonedBatches } from '#shared/db/batches.ts';
import { logger } from '#shared/observability.ts';

/**
 * Finishes (or, if they were rolling back, undoes) batches whose writing process died: every open
 * batch past its lease. Every few minutes in AWS and local mode; local mode also runs it at start.
 */
export async function runBatchRecoveryJob(deps: Dependencies) {
  const result = await recoverAbandonedBatches(deps.store, systemContext('batch-recovery', deps.clock()));
  if (process.env.LOG_REQUESTS !== '0' && result.open > 0) logger.info('batch-recovery done', { ...result });
  return result;
}
