import { z } from '@hono/zod-openapi';
import type { CreateOrgUnitInput, OrgUnit } from '#shared/domain/org-units.ts';
import { ORG_ID_MESSAGE, ORG_ID_PATTERN, orgLevels } from '#shared/domain/org-paths.ts';
import { orgLevelNames } from '#shared/domain/vocabulary.ts';
import { vocabularyCode } from '#shared/schemas/vocabulary.ts';

export const orgId = z
  .string()
  .max(200)
  .regex(ORG_ID_PATTERN, ORG_ID_MESSAGE)
  .openapi({ example: 'qth/xinxing/hongqi' });

/**
 * A unit as an upload's 所在单位 cell names it: its id (单位编号), or its name, with its parents'
 * names in front where names repeat (东风社区第一网格, 东风社区/第一网格); see
 * shared/domain/org-unit-references.ts. The use-case resolves it among the caller's units.
 */
const ORG_REFERENCE_DESCRIPTION =
  "the unit's id (单位编号), or its name, with its parents' names in front where names repeat (东风社区第一网格)";
export const orgReference = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(200)
    .openapi({ description: `${what}: ${ORG_REFERENCE_DESCRIPTION}`, example: '东风社区第一网格' });

export const createOrgUnitBody = z
  .object({
    id: orgId,
    name: z.string().trim().min(1).max(100).openapi({ example: '红旗街道' }),
    level: vocabularyCode(orgLevels, orgLevelNames),
    parentId: orgId.nullable().optional().openapi({ description: 'Absent or null only for a city' }),
    urbanPopulation: z
      .number()
      .int()
      .min(0)
      .nullable()
      .optional()
      .openapi({ description: 'Urban permanent residents' }),
    approvedQuota: z
      .number()
      .int()
      .min(0)
      .nullable()
      .optional()
      .openapi({ description: '核定员额; overrides the computed quota' }),
  })
  .openapi('CreateOrgUnit');
createOrgUnitBody satisfies z.ZodType<CreateOrgUnitInput>;

export const updateOrgUnitBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    urbanPopulation: z.number().int().min(0).nullable().optional(),
    approvedQuota: z.number().int().min(0).nullable().optional(),
    allowOverQuota: z.boolean().optional().openapi({
      description:
        'Required (true) to set a quota below the current headcount; hires and transfers into the unit are refused until it is back under',
    }),
    expectedVersion: z
      .number()
      .int()
      .min(1)
      .openapi({ description: 'The version you read; guards concurrent edits' }),
  })
  .openapi('UpdateOrgUnit');

export const orgUnitSchema = z
  .object({
    id: orgId,
    name: z.string(),
    level: z.enum(orgLevels),
    parentId: orgId.nullable(),
    urbanPopulation: z.number().int().nullable(),
    approvedQuota: z.number().int().nullable(),
    holdsQuota: z.boolean().openapi({ description: 'Whether hires below this unit take a seat here' }),
    quota: z.number().int().nullable(),
    used: z.number().int(),
    available: z.number().int().nullable(),
    overQuotaBy: z
      .number()
      .int()
      .openapi({ description: 'Workers above the quota after a quota cut (0 when within it)' }),
    quotaPolicyVersion: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('OrgUnit');
orgUnitSchema satisfies z.ZodType<OrgUnit>;
