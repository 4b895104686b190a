import { z } from 'zod';
import { badRequest } from '../errors.ts';

/**
 * Staffing quota (员额) per org unit, and the org-tree path helpers it needs. Org ids are paths
 * (`qth/xinxing/hongqi`), so ancestry and subtree membership are pure string operations.
 */

export const quotaLevels = ['city', 'district', 'street', 'community', 'grid'] as const;

export const quotaPolicySchema = z
  .object({
    /** National target: 18 community workers per 10,000 urban permanent residents. */
    workersPer10kResidents: z.number().int().positive().max(1000),
    /** Levels whose units hold a quota; grids do not (workers are assigned to them, not counted there). */
    quotaLevels: z.array(z.enum(quotaLevels)).min(1),
  })
  .strict();
export type QuotaPolicy = z.infer<typeof quotaPolicySchema>;
export const defaultQuotaPolicy: QuotaPolicy = {
  workersPer10kResidents: 18,
  quotaLevels: ['city', 'district', 'street', 'community'],
};

export interface QuotaInput {
  urbanPopulation: number;
  /** 核定员额: an approved quota always overrides the population formula (Qitaihe: 982). */
  approvedQuota?: number | null;
}

/** floor(population × ratio / 10,000), computed on integers so no float rounding can add a seat. */
export function quotaFor({ urbanPopulation, approvedQuota }: QuotaInput, policy: QuotaPolicy): number {
  if (approvedQuota !== undefined && approvedQuota !== null) {
    assertCount(approvedQuota, 'approvedQuota');
    return approvedQuota;
  }
  assertCount(urbanPopulation, 'urbanPopulation');
  return Math.floor((urbanPopulation * policy.workersPer10kResidents) / 10_000);
}

/** Self and every ancestor, root first: `qth/xinxing/hongqi` → [`qth`, `qth/xinxing`, `qth/xinxing/hongqi`]. */
export function ancestorsOf(orgId: string): string[] {
  const segments = segmentsOf(orgId);
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

/** `undefined` for a root (city). */
export function parentOf(orgId: string): string | undefined {
  const segments = segmentsOf(orgId);
  return segments.length > 1 ? segments.slice(0, -1).join('/') : undefined;
}

/** Whole-segment prefix test: `qth/x` is inside `qth` and itself, but never inside `qth/xi`. */
export function isWithinSubtree(orgId: string, rootId: string): boolean {
  return orgId === rootId || orgId.startsWith(`${rootId}/`);
}

/** 1 for the city, 2 for a district, … */
export function depthOf(orgId: string): number {
  return segmentsOf(orgId).length;
}

function segmentsOf(orgId: string): string[] {
  const segments = orgId.split('/');
  if (segments.some((segment) => segment === ''))
    throw badRequest(`not an org path: '${orgId}'`, { orgId }, 'INVALID_ORG_ID');
  return segments;
}

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw badRequest(`${name} must be a non-negative integer`, { [name]: value }, 'INVALID_QUOTA_INPUT');
}
