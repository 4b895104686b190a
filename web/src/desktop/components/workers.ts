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
