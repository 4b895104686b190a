import type { WorkerRecord } from '#shared/db/entities/worker.ts';

/**
 * Development's share of the stock figures on `STATS#<org>` / `CURRENT` (see entities/stats.ts
 * `currentIncrements`). Dependency-free on purpose: hiring's `activeStockCounters` imports it.
 *
 * `certified_active` = active workers holding at least one social-work certificate. Certificates
 * add one when an active worker's first certificate is recorded; hire and transfer-in add
 * `developmentStockCounters(worker)`, exit and transfer-out take it back (`exitCounterAdjustments`).
 */
export const CERTIFIED_ACTIVE = 'certified_active';

/** The stock counters one active worker contributes to their org unit (development's share). */
export function developmentStockCounters(worker: Pick<WorkerRecord, 'certificates'>): Record<string, number> {
  return (worker.certificates ?? []).length > 0 ? { [CERTIFIED_ACTIVE]: 1 } : {};
}

/**
 * The signed adjustments to ADD to the worker's org unit's CURRENT item when an active worker exits
 * (or leaves the unit on a transfer), in that change's own transaction:
 * `currentIncrements(worker.org, exitCounterAdjustments(worker))`.
 */
export function exitCounterAdjustments(worker: Pick<WorkerRecord, 'certificates'>): Record<string, number> {
  return Object.fromEntries(Object.entries(developmentStockCounters(worker)).map(([k, n]) => [k, -n]));
}
