import { ancestorsOf } from '#shared/domain/org-paths.ts';
import type { WriteOp } from '#shared/db/store.ts';
import { entriesOf, type StatsCounters } from '#shared/domain/stats-counters.ts';

/**
 * Statistics are counters maintained in the same transaction as the change they count, on the
 * org unit and each of its ancestors, per year: `GET /v1/stats` is then one GetItem, never a scan.
 * Counter names are flat identifiers such as `hires_open`, `exits_situation_5`.
 */
export const statsKeys = {
  key: (orgId: string, year: number | string) => ({ pk: `STATS#${orgId}`, sk: `YEAR#${year}` }),
  /** Stock figures ("how many now", e.g. `headcount_active`): one item per unit, not per year. */
  current: (orgId: string) => ({ pk: `STATS#${orgId}`, sk: 'CURRENT' }),
};

export function statsIncrements(orgId: string, year: number | string, counters: StatsCounters): WriteOp[] {
  const entries = entriesOf(counters).filter(([, n]) => n !== 0);
  if (entries.length === 0) return [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = entries.map(([name, n], i) => {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad counter name ${name}`);
    names[`#c${i}`] = name;
    values[`:n${i}`] = n;
    return `#c${i} :n${i}`;
  });
  return ancestorsOf(orgId).map((unit) => ({
    Update: {
      Key: statsKeys.key(unit, year),
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }));
}

/** The counters on a STATS item (names typed for readers: a misspelt one fails the typecheck). */
export function countersOf(item: Record<string, unknown> | undefined): StatsCounters {
  const counters: Record<string, number> = {};
  if (!item) return counters;
  for (const [name, value] of Object.entries(item)) {
    if (typeof value === 'number' && name !== 'version') counters[name] = value;
  }
  return counters as StatsCounters;
}

/**
 * Like `statsIncrements`, for stock figures (`STATS#<org>` / `CURRENT`, e.g. `headcount_active`):
 * adjusted by ±n on the unit and each ancestor in the same transaction as the change.
 */
export function currentIncrements(orgId: string, counters: StatsCounters): WriteOp[] {
  return addOps(
    ancestorsOf(orgId).map((unit) => ({ unit, counters })),
    (unit) => statsKeys.current(unit),
  );
}

/**
 * Counters for a batch (many people in many org units) in one op per unit: a unit on several
 * people's chains gets the sum (a transaction may touch an item only once). `year` undefined =
 * the stock figures (`CURRENT`).
 */
export function batchStatsIncrements(
  entries: readonly { org: string; counters: StatsCounters }[],
  year?: number | string,
): WriteOp[] {
  return addOps(
    entries.flatMap(({ org, counters }) => ancestorsOf(org).map((unit) => ({ unit, counters }))),
    (unit) => (year === undefined ? statsKeys.current(unit) : statsKeys.key(unit, year)),
  );
}

function addOps(
  entries: readonly { unit: string; counters: StatsCounters }[],
  keyOf: (unit: string) => { pk: string; sk: string },
): WriteOp[] {
  const byUnit = new Map<string, Map<string, number>>();
  for (const { unit, counters } of entries) {
    const sums = byUnit.get(unit) ?? new Map<string, number>();
    for (const [name, n] of entriesOf(counters)) sums.set(name, (sums.get(name) ?? 0) + n);
    byUnit.set(unit, sums);
  }
  const ops: WriteOp[] = [];
  for (const [unit, sums] of byUnit) {
    const parts: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    for (const [name, n] of sums) {
      if (n === 0) continue;
      if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad counter name ${name}`);
      const i = parts.length;
      names[`#c${i}`] = name;
      values[`:n${i}`] = n;
      parts.push(`#c${i} :n${i}`);
    }
    if (parts.length === 0) continue;
    ops.push({
      Update: {
        Key: keyOf(unit),
        UpdateExpression: `ADD ${parts.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
  }
  return ops;
}
