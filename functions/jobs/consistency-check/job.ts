import type { Dependencies } from '#functions/dependencies.ts';
import { systemContext } from '#shared/context.ts';
import { type ConsistencyReport, checkConsistency, repairDrift } from '#shared/usecases/consistency.ts';
import { logger } from '#shared/observability.ts';

export interface ConsistencyJobInput {
  /** Restrict to these cities (default: every city). */
  cities?: string[];
  /** Set the drifting counters to the recount (audited). The weekly schedule only reports. */
  repair?: boolean;
}

/**
 * Weekly consistency check (see shared/usecases/consistency.ts): recounts seats, stock and
 * yearly stats counters, event attendees, pairing sessions, mentor caps and honour quotas from the
 * records and logs every drift (a
 * warning, so an alarm on the log can page someone); `repair: true` also sets them right.
 */
export async function runConsistencyJob(
  deps: Dependencies,
  input: ConsistencyJobInput | Record<string, unknown> = {},
): Promise<ConsistencyReport & { repaired?: number; moved?: number }> {
  const { cities, repair } = input as ConsistencyJobInput;
  const report = await checkConsistency(deps.store, { cities: Array.isArray(cities) ? cities : undefined });
  let outcome: { repaired?: number; moved?: number } = {};
  if (repair === true && report.drift.length > 0) {
    const done = await repairDrift(
      deps.store,
      systemContext('consistency-check', deps.clock()),
      report.drift,
    );
    outcome = { repaired: done.repaired.length, moved: done.moved.length };
  }
  if (process.env.LOG_REQUESTS !== '0')
    logger[report.drift.length > 0 ? 'warn' : 'info']('consistency-check done', {
      cities: report.cities,
      checked: report.checked,
      drift: report.drift.length,
      ...outcome,
      first: report.drift.slice(0, 20),
    });
  return { ...report, ...outcome };
}
