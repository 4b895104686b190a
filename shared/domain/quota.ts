import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { orgLevels } from './org-paths.ts';

/** Staffing quota (员额) per org unit (org paths and levels: org-paths.ts). */

export const quotaPolicySchema = z
  .object({
    /** National target: 18 community workers per 10,000 urban permanent residents. */
    workersPer10kResidents: z.number().int().positive().max(1000),
    /** Levels whose units hold a quota; grids do not (workers are assigned to them, not counted there). */
    quotaLevels: z.array(z.enum(orgLevels)).min(1),
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

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0)
    throw badRequest(`${name} must be a non-negative integer`, { [name]: value }, 'INVALID_QUOTA_INPUT');
}
