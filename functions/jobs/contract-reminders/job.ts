import type { Dependencies } from '#functions/dependencies.ts';
import { systemContext } from '#shared/context.ts';
import { isValidIsoDate, shanghaiDate } from '#shared/domain/dates.ts';
import { badRequest } from '#shared/errors.ts';
import { logger } from '#shared/observability.ts';
import { createContractReminders } from '#shared/usecases/contracts.ts';

export interface ContractRemindersJobInput {
  /** 'today' (the schedule: the Asia/Shanghai day of the clock) or a day 'YYYY-MM-DD'. */
  period?: string;
  /** Restrict to these cities (default: every city). */
  cities?: string[];
}

/**
 * Daily: contracts ending within each city's `contractReminderDays` become reminders HR can list
 * and dismiss. Idempotent for its day (one reminder per worker and term, whatever day created it).
 */
export async function runContractRemindersJob(
  deps: Dependencies,
  input: ContractRemindersJobInput | Record<string, unknown> = {},
) {
  const now = deps.clock();
  const raw = (input as ContractRemindersJobInput).period ?? 'today';
  const day = raw === 'today' ? shanghaiDate(now) : String(raw);
  if (!isValidIsoDate(day))
    throw badRequest(`period must be 'today' or a day YYYY-MM-DD (got ${raw})`, { period: raw });
  const cities = (input as ContractRemindersJobInput).cities;
  const result = await createContractReminders(deps.store, systemContext('contract-reminders', now), {
    day,
    cities: Array.isArray(cities) ? cities : undefined,
  });
  if (process.env.LOG_REQUESTS !== '0') logger.info('contract-reminders done', { ...result });
  return result;
}
