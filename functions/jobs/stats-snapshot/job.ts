import type { Dependencies } from '#functions/dependencies.ts';
import { systemContext } from '#shared/context.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { badRequest } from '#shared/errors.ts';
import { type SnapshotResult, takeYearEndSnapshots } from '#shared/usecases/development-stats.ts';
import { logger } from '#shared/observability.ts';

export interface StatsSnapshotJobInput {
  /** 'previous' = the Asia/Shanghai year before the clock's (the schedule fires on 1 January). */
  year?: 'previous' | number;
  /** Restrict to these cities (default: every city). */
  cities?: string[];
}

/**
 * Year-end snapshot of every org unit's stock figures (certified and active headcount, …), for
 * year-on-year figures such as the change in the certified-on-duty rate. Idempotent per year.
 */
export async function runStatsSnapshotJob(
  deps: Dependencies,
  input: StatsSnapshotJobInput | Record<string, unknown> = {},
): Promise<SnapshotResult> {
  const now = deps.clock();
  const raw = (input as StatsSnapshotJobInput).year ?? 'previous';
  const year = raw === 'previous' ? Number(shanghaiDate(now).slice(0, 4)) - 1 : Number(raw);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw badRequest(`year must be 'previous' or a year (got ${String(raw)})`, { year: raw });
  }
  const cities = (input as StatsSnapshotJobInput).cities;
  const result = await takeYearEndSnapshots(deps.store, systemContext('stats-snapshot', now), {
    year,
    cities: Array.isArray(cities) ? cities : undefined,
  });
  if (process.env.LOG_REQUESTS !== '0') logger.info('stats-snapshot done', { ...result });
  return result;
}
