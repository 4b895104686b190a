import type { Mount } from '#functions/api/mount.ts';
import { auditRoutes } from '#functions/api/organisation/audit.ts';
import { batchRoutes } from '#functions/api/organisation/batches.ts';
import { orgUnitRoutes } from '#functions/api/organisation/org-units.ts';
import { policyRoutes } from '#functions/api/organisation/policies.ts';
import { templateRoutes } from '#functions/api/organisation/templates.ts';
import type { Dependencies } from '#functions/dependencies.ts';

/**
 * The 'organisation' bounded context's sub-apps (its API Gateway prefixes are in manifest.ts). Its Lambda
 * bundles only these; local mode mounts every context (contexts.ts).
 */
export const organisationMounts = (deps: Dependencies): Mount[] => [
  ['/v1/org-units', orgUnitRoutes(deps)],
  ['/v1/policies', policyRoutes(deps)],
  ['/v1/audit', auditRoutes(deps)],
  ['/v1/batches', batchRoutes(deps)],
  ['/v1/templates', templateRoutes(deps)],
];
