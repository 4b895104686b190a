import { selfAndAncestors } from '#shared/auth/subtree.ts';
import type { WriteOp } from '#shared/db/store.ts';

/**
 * Statistics are counters maintained in the same transaction as the change they count, on the
 * org unit and each of its ancestors, per year: `GET /v1/stats` is then one GetItem, never a scan.
 * Counter names are flat identifiers such as `hires_open`, `exits_situation_5`.
 */
export const statsKeys = {
  key: (orgId: string, year: number | string) => ({ pk: `STATS#${orgId}`, sk: `YEAR#${year}` }),
};

export function statsIncrements(
  orgId: string,
  year: number | string,
  counters: Record<string, number>,
): WriteOp[] {
  const entries = Object.entries(counters).filter(([, n]) => n !== 0);
  if (entries.length === 0) return [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = entries.map(([name, n], i) => {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad counter name ${name}`);
    names[`#c${i}`] = name;
    values[`:n${i}`] = n;
    return `#c${i} :n${i}`;
  });
  return selfAndAncestors(orgId).map((unit) => ({
    Update: {
      Key: statsKeys.key(unit, year),
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  }));
}

export function countersOf(item: Record<string, unknown> | undefined): Record<string, number> {
  const counters: Record<string, number> = {};
  if (!item) return counters;
  for (const [name, value] of Object.entries(item)) {
    if (typeof value === 'number' && name !== 'version') counters[name] = value;
  }
  return counters;
}
