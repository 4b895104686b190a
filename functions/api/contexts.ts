import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '#functions/api/env.ts';
import { auditRoutes } from '#functions/api/organisation/audit.ts';
import { orgUnitRoutes } from '#functions/api/organisation/org-units.ts';
import { policyRoutes } from '#functions/api/organisation/policies.ts';
import { statsRoutes } from '#functions/api/self-service/stats.ts';
import type { Dependencies } from '#functions/dependencies.ts';

// biome-ignore lint/suspicious/noExplicitAny: sub-apps differ in their route schemas
type SubApp = OpenAPIHono<AppEnv, any, any>;
export type Mount = [prefix: string, app: SubApp];

/**
 * Which sub-apps each bounded context mounts (see manifest.ts for the matching API Gateway routes).
 * Local mode mounts every context into one app; each Lambda mounts only its own.
 */
export const contextMounts: Record<string, (deps: Dependencies) => Mount[]> = {
  organisation: (deps) => [
    ['/v1/org-units', orgUnitRoutes(deps)],
    ['/v1/policies', policyRoutes(deps)],
    ['/v1/audit', auditRoutes(deps)],
  ],
  hiring: () => [],
  development: () => [],
  careers: () => [],
  evaluation: () => [],
  selfService: (deps) => [['/v1/stats', statsRoutes(deps)]],
};
