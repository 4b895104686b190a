import type { Post } from './pay.ts';

/**
 * Names of the stats counters that writers (in the change's own transaction) and readers (the
 * stats sections) share, so a typo can't read as 0. Stock figures live on `STATS#<org>`/`CURRENT`,
 * flows per year on `STATS#<org>`/`YEAR#<y>` (db/entities/stats.ts).
 */
export const CERTIFIED_ACTIVE = 'certified_active';
export const HEADCOUNT_ACTIVE = 'headcount_active';

/** Stock counter of workers at (post, grade), e.g. `post_staff_grade_3`. */
export const postGradeCounter = (post: Post, grade: number) => `post_${post}_grade_${grade}` as const;

/**
 * Stock counter deltas for a worker at (post, grade). Hire/transfer-in add `gradeCounters(post,
 * grade, 1)`, exits `-1`, with `currentIncrements` in the same transaction as the change — merged
 * into the same call as other stock counters (a transaction may touch the CURRENT item only once).
 */
export function gradeCounters(post: Post, grade: number, delta: number): Record<string, number> {
  return { [postGradeCounter(post, grade)]: delta };
}

/**
 * Development's share of the stock figures: `certified_active` = active workers holding at least
 * one social-work certificate. Certificates add one when an active worker's first certificate is
 * recorded; hire and transfer-in add this, exit and transfer-out take it back (`exitCounterAdjustments`).
 */
export function developmentStockCounters(worker: {
  certificates?: readonly unknown[];
}): Record<string, number> {
  return (worker.certificates ?? []).length > 0 ? { [CERTIFIED_ACTIVE]: 1 } : {};
}

/**
 * The signed adjustments to ADD to the worker's org unit's CURRENT item when an active worker exits
 * (or leaves the unit on a transfer), in that change's own transaction.
 */
export function exitCounterAdjustments(worker: {
  certificates?: readonly unknown[];
}): Record<string, number> {
  return Object.fromEntries(Object.entries(developmentStockCounters(worker)).map(([k, n]) => [k, -n]));
}

/**
 * What one active worker contributes to the stock figures: the active headcount, careers' workers
 * by post and grade, development's certified count. `direction` 1 on hire / transfer-in, -1 on exit.
 */
export function activeStockCounters(
  worker: { post: Post; grade: number; certificates?: readonly unknown[] },
  direction: 1 | -1,
): Record<string, number> {
  const counters: Record<string, number> = { [HEADCOUNT_ACTIVE]: direction };
  const shares = [gradeCounters(worker.post, worker.grade, 1), developmentStockCounters(worker)];
  for (const share of shares)
    for (const [name, n] of Object.entries(share)) counters[name] = (counters[name] ?? 0) + n * direction;
  return counters;
}
