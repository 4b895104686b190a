import type { OrgLevel } from './org-paths.ts';

/** An org unit as the system knows it: the tree node, its staffing quota and how much of it is used. */
export interface OrgUnit {
  id: string;
  name: string;
  level: OrgLevel;
  parentId: string | null;
  urbanPopulation: number | null;
  approvedQuota: number | null;
  /** Whether hires below this unit take a seat here. */
  holdsQuota: boolean;
  quota: number | null;
  used: number;
  available: number | null;
  /** Workers above the quota after a quota cut (0 when within it); derived on read. */
  overQuotaBy: number;
  quotaPolicyVersion: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateOrgUnitInput {
  id: string;
  name: string;
  level: OrgLevel;
  parentId?: string | null;
  urbanPopulation?: number | null;
  approvedQuota?: number | null;
}
