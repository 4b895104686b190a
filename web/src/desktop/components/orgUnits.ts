import { useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';

export type OrgUnit = components['schemas']['OrgUnitWithVersion'];

/** Every direct child of an org unit (all pages). */
export async function fetchChildren(id: string): Promise<OrgUnit[]> {
  const all: OrgUnit[] = [];
  let cursor: string | undefined;
  do {
    const page = await data(
      api.GET('/v1/org-units/{id}/children', {
        params: { path: { id }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
      }),
    );
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

export const fetchOrgUnit = (id: string) => data(api.GET('/v1/org-units/{id}', { params: { path: { id } } }));

export const orgUnitQuery = (id: string) => ({
  queryKey: ['org-unit', id],
  queryFn: () => fetchOrgUnit(id),
});

export const childrenQuery = (id: string) => ({
  queryKey: ['org-unit', id, 'children'],
  queryFn: () => fetchChildren(id),
});

export function useOrgUnit(id: string) {
  return useQuery(orgUnitQuery(id));
}
