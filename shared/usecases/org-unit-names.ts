import { orgUnits } from '#shared/db/org-units.ts';
import type { Store } from '#shared/db/store.ts';
import type { OrgLevel } from '#shared/domain/org-paths.ts';

/**
 * Org units' names and levels for display on hot reads (`GET /v1/me`'s 我的), cached per process so
 * that a warm Lambda answers 我的 with the worker item alone (issue 14: one DynamoDB request). Units
 * are created before anyone works in them and renamed rarely; `updateOrgUnit` forgets a unit in its
 * own process, and another process (the organisation Lambda renaming it) is seen at most
 * `ORG_UNIT_NAME_TTL_MS` late. Misses are read together in one BatchGetItem.
 */
export const ORG_UNIT_NAME_TTL_MS = 60_000;
const MAX_ENTRIES_PER_STORE = 2_000;

export interface OrgUnitLabel {
  name: string;
  level: OrgLevel;
}

const caches = new WeakMap<Store, Map<string, { label: OrgUnitLabel; expiresAt: number }>>();
const monotonicMs = () => performance.now();

/** Names and levels of `ids` (units that don't exist are absent from the map). */
export async function orgUnitLabels(store: Store, ids: string[]): Promise<Map<string, OrgUnitLabel>> {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  const now = monotonicMs();
  const found = new Map<string, OrgUnitLabel>();
  const missing: string[] = [];
  for (const id of ids) {
    const hit = cache.get(id);
    if (hit && hit.expiresAt > now) found.set(id, hit.label);
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  const units = await orgUnits.getMany(store, missing);
  if (cache.size + units.size > MAX_ENTRIES_PER_STORE) cache.clear();
  for (const unit of units.values()) {
    const label = { name: unit.name, level: unit.level };
    cache.set(unit.id, { label, expiresAt: now + ORG_UNIT_NAME_TTL_MS });
    found.set(unit.id, label);
  }
  return found;
}

/** Forget a unit's cached name (it was renamed in this process). */
export function forgetOrgUnitLabel(store: Store, id: string): void {
  caches.get(store)?.delete(id);
}
