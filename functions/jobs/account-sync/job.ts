import { accountDirectoryOf, type Dependencies } from '#functions/dependencies.ts';
import { logger } from '#shared/observability.ts';
import { settlePendingAccounts } from '#shared/usecases/accounts.ts';

/**
 * Retries account changes the identity provider has not taken yet (an exit's disable, a move's
 * org, a creation whose AdminCreateUser failed): the outbox is the accounts' sparse `pending`
 * index, written in each change's own transaction. Local mode has nothing pending.
 */
export async function runAccountSyncJob(deps: Dependencies) {
  const result = await settlePendingAccounts(deps.store, accountDirectoryOf(deps), deps.clock());
  if (process.env.LOG_REQUESTS !== '0' && result.pending > 0) logger.info('account-sync done', { ...result });
  if (result.failed > 0) logger.warn('account changes still pending in the identity provider', { ...result });
  return result;
}
