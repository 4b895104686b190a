import type { Mount } from '#functions/api/mount.ts';
import { gradeStepRoutes } from '#functions/api/careers/grade-steps.ts';
import { honourCycleRoutes } from '#functions/api/careers/honour-cycles.ts';
import { payrollRoutes } from '#functions/api/careers/payroll.ts';
import { reservePoolRoutes } from '#functions/api/careers/reserve-pool.ts';
import { workerCareerRoutes } from '#functions/api/careers/worker-careers.ts';
import type { Dependencies } from '#functions/dependencies.ts';

/**
 * The 'careers' bounded context's sub-apps (its API Gateway prefixes are in manifest.ts). Its Lambda
 * bundles only these; local mode mounts every context (contexts.ts).
 */
export const careersMounts = (deps: Dependencies): Mount[] => [
  ['/v1/honour-cycles', honourCycleRoutes(deps)],
  ['/v1/reserve-pool', reservePoolRoutes(deps)],
  ['/v1/payroll', payrollRoutes(deps)],
  ['/v1/grade-steps', gradeStepRoutes(deps)],
  ['/v1/workers', workerCareerRoutes(deps)],
];
