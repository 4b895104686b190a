import { useQueries, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';

export type Worker = components['schemas']['Worker'];

export interface WorkerSearch {
  org: string;
  status?: 'active' | 'exited';
  /** Name prefix or an exact 身份证号. */
  q?: string;
  cursor?: string;
  limit?: number;
}

/** One page of workers in a subtree; `q` is a name prefix or an exact 身份证号 (`GET /v1/workers?q=`). */
export async function searchWorkers(search: WorkerSearch): Promise<{ items: Worker[]; cursor?: string }> {
  const q = search.q?.trim();
  const query = {
    org: search.org,
    status: search.status ?? 'active',
    limit: search.limit ?? 50,
    ...(search.cursor ? { cursor: search.cursor } : {}),
    ...(q ? { q } : {}),
  };
  return data(api.GET('/v1/workers', { params: { query } }));
}

/**
 * One worker by id, cached under `['worker', id]`: the key screens invalidate after changing a
 * worker, so every screen that shows one reads it through here.
 */
export function workerQuery(id: string) {
  return {
    queryKey: ['worker', id],
    queryFn: () => data(api.GET('/v1/workers/{id}', { params: { path: { id } } })),
  };
}

/** The worker (undefined: nothing asked yet). */
export function useWorker(id: string | undefined) {
  return useQuery({ ...workerQuery(id ?? ''), enabled: id !== undefined });
}

/** Names are only labels here: read once in a while, and a missing worker just shows its id. */
const NAME_STALE_MS = 5 * 60_000;

/** A worker's name by id, for titles and pickers (undefined until loaded, or for no id). */
export function useWorkerName(id: string | undefined): string | undefined {
  return useQuery({
    ...workerQuery(id ?? ''),
    enabled: id !== undefined,
    staleTime: NAME_STALE_MS,
    retry: false,
  }).data?.name;
}

/** Workers' names by id (one GET each, cached), for lists that carry ids only. */
export function useWorkerNames(ids: readonly string[]): Map<string, string> {
  const results = useQueries({
    queries: [...new Set(ids)].map((id) => ({ ...workerQuery(id), staleTime: NAME_STALE_MS })),
  });
  return new Map(results.flatMap((r) => (r.data ? [[r.data.id, r.data.name] as const] : [])));
}
