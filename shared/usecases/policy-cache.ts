import type { Store } from '#shared/db/store.ts';
import type { PolicyKind } from '#shared/policies/registry.ts';

/**
 * A small process-local cache in front of `policyAt` for hot read paths (pay statements, payroll):
 * on a warm Lambda a worker's own statement then needs only the worker item. Entries live
 * `POLICY_CACHE_TTL_MS` (real time, not the business clock) per (store, kind, key), the key naming
 * the city and date; `putPolicy` drops a kind's entries (every city's) in the same process. Another process (e.g. the organisation Lambda storing
 * a version effective today) may therefore be seen up to one TTL late — policies can't be backdated,
 * so only a version starting today can be affected, and only for that long.
 *
 * This module imports nothing from policies.ts so that policies.ts can invalidate it.
 */
export const POLICY_CACHE_TTL_MS = 60_000;
const MAX_ENTRIES_PER_STORE = 500;

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
  generation: number;
}

const caches = new WeakMap<Store, Map<string, Entry>>();
/** Bumped per kind by `invalidatePolicyCache`: entries of an older generation are misses. */
const generations = new Map<string, number>();

const monotonicMs = () => performance.now();

/** `load` runs at most once per live entry; a failed load is not cached. */
export function cachedPolicy<T>(
  store: Store,
  kind: PolicyKind,
  /** What else the value depends on, e.g. `<city>|<date>`. */
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let map = caches.get(store);
  if (!map) {
    map = new Map();
    caches.set(store, map);
  }
  const entryKey = `${kind}|${key}`;
  const now = monotonicMs();
  const generation = generations.get(kind) ?? 0;
  const hit = map.get(entryKey);
  if (hit && hit.expiresAt > now && hit.generation === generation) return hit.value as Promise<T>;
  if (map.size >= MAX_ENTRIES_PER_STORE) {
    for (const [k, e] of map) if (e.expiresAt <= now) map.delete(k);
    if (map.size >= MAX_ENTRIES_PER_STORE) map.clear();
  }
  const value = load();
  const entryMap = map;
  entryMap.set(entryKey, { value, expiresAt: now + POLICY_CACHE_TTL_MS, generation });
  value.catch(() => {
    if (entryMap.get(entryKey)?.value === value) entryMap.delete(entryKey);
  });
  return value;
}

/** Forget every cached version of `kind` (called when a version of it is stored). */
export function invalidatePolicyCache(kind: string) {
  generations.set(kind, (generations.get(kind) ?? 0) + 1);
}
