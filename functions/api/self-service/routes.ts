import type { Mount } from '#functions/api/mount.ts';
import { meCareerRoutes } from '#functions/api/self-service/me-careers.ts';
import { meDevelopmentRoutes } from '#functions/api/self-service/me-development.ts';
import { meEvaluationRoutes } from '#functions/api/self-service/me-evaluation.ts';
import { meRoutes } from '#functions/api/self-service/me.ts';
import { statsRoutes } from '#functions/api/self-service/stats.ts';
import type { Dependencies } from '#functions/dependencies.ts';

/**
 * The 'self-service' bounded context's sub-apps (its API Gateway prefixes are in manifest.ts). Its Lambda
 * bundles only these; local mode mounts every context (contexts.ts).
 */
export const selfServiceMounts = (deps: Dependencies): Mount[] => [
  ['/v1/stats', statsRoutes(deps)],
  ['/v1/me', meRoutes(deps)],
  ['/v1/me', meCareerRoutes(deps)],
  ['/v1/me', meEvaluationRoutes(deps)],
  ['/v1/me', meDevelopmentRoutes(deps)],
];
