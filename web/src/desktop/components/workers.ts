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

const looksLikeNationalId = (q: string) => /^\d{17}[\dXx]$/.test(q);

/**
 * One page of workers in a subtree. `q` goes to the API (name prefix / exact 身份证号, `GET
 * /v1/workers?q=`) and is applied to the page here too, so the result is right whichever the server
 * supports.
 */
export async function searchWorkers(search: WorkerSearch): Promise<{ items: Worker[]; cursor?: string }> {
  const q = search.q?.trim();
  const query = {
    org: search.org,
    status: search.status ?? 'active',
    limit: search.limit ?? 50,
    ...(search.cursor ? { cursor: search.cursor } : {}),
    ...(q ? { q } : {}),
  };
  const page = await data(api.GET('/v1/workers', { params: { query: query as never } }));
  if (!q) return page;
  const id = looksLikeNationalId(q) ? q.toUpperCase() : null;
  return {
    ...page,
    items: page.items.filter((w) => (id ? w.nationalId.toUpperCase() === id : w.name.startsWith(q))),
  };
}
