import type { OrgUnit } from '#shared/domain/org-units.ts';

export const orgUnitKeys = {
  key: (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' }),
  childrenOf: (parentId: string) => `ORG-CHILDREN#${parentId}`,
  /** ByRelation partition listing every city (root org unit), sorted by id: jobs that run per city. */
  cities: 'CITIES',
};

export interface OrgUnitRecord extends OrgUnit {
  version: number;
}

/** The stored fields: `overQuotaBy` is derived on read. */
export function orgUnitItem(unit: Omit<OrgUnitRecord, 'overQuotaBy'> & { overQuotaBy?: number }) {
  const { overQuotaBy: _derived, ...stored } = unit;
  return {
    ...orgUnitKeys.key(unit.id),
    type: 'org-unit',
    ...(unit.parentId ? { gsi1pk: orgUnitKeys.childrenOf(unit.parentId), gsi1sk: unit.id } : {}),
    ...(unit.parentId === null ? { gsi2pk: orgUnitKeys.cities, gsi2sk: unit.id } : {}),
    ...stored,
  };
}

export function toOrgUnit(item: Record<string, unknown>): OrgUnitRecord {
  const quota = (item.quota as number | null) ?? null;
  const used = item.used as number;
  return {
    id: item.id as string,
    name: item.name as string,
    level: item.level as OrgUnit['level'],
    parentId: (item.parentId as string | null) ?? null,
    urbanPopulation: (item.urbanPopulation as number | null) ?? null,
    approvedQuota: (item.approvedQuota as number | null) ?? null,
    holdsQuota: item.holdsQuota as boolean,
    quota,
    used,
    available: (item.available as number | null) ?? null,
    // Derived, never stored: a quota cut below headcount leaves the unit over until exits bring it back.
    overQuotaBy: quota !== null && used > quota ? used - quota : 0,
    quotaPolicyVersion: (item.quotaPolicyVersion as string | null) ?? null,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    version: item.version as number,
  };
}
