import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '#functions/api/env.ts';
import { auditRoutes } from '#functions/api/organisation/audit.ts';
import { batchRoutes } from '#functions/api/organisation/batches.ts';
import { orgUnitRoutes } from '#functions/api/organisation/org-units.ts';
import { policyRoutes } from '#functions/api/organisation/policies.ts';
import { statsRoutes } from '#functions/api/self-service/stats.ts';
import { recruitmentRoutes } from '#functions/api/hiring/recruitments.ts';
import { transferRoutes } from '#functions/api/hiring/transfers.ts';
import { probationRoutes, workerRoutes } from '#functions/api/hiring/workers.ts';
import { meRoutes } from '#functions/api/self-service/me.ts';
import { gradeStepRoutes } from '#functions/api/careers/grade-steps.ts';
import { honourCycleRoutes } from '#functions/api/careers/honour-cycles.ts';
import { payrollRoutes } from '#functions/api/careers/payroll.ts';
import { reservePoolRoutes } from '#functions/api/careers/reserve-pool.ts';
import { workerCareerRoutes } from '#functions/api/careers/worker-careers.ts';
import { meCareerRoutes } from '#functions/api/self-service/me-careers.ts';
import { evaluationInputRoutes } from '#functions/api/evaluation/evaluation-inputs.ts';
import { evaluationRoutes } from '#functions/api/evaluation/evaluations.ts';
import { jobRoutes } from '#functions/api/evaluation/jobs.ts';
import { exitProposalRoutes } from '#functions/api/evaluation/exit-proposals.ts';
import { workerEvaluationRoutes } from '#functions/api/evaluation/worker-evaluations.ts';
import { meEvaluationRoutes } from '#functions/api/self-service/me-evaluation.ts';
import { trainingEventRoutes } from '#functions/api/development/training-events.ts';
import { mentorshipRoutes } from '#functions/api/development/mentorships.ts';
import { mentorRoutes } from '#functions/api/development/mentors.ts';
import { workerDevelopmentRoutes } from '#functions/api/development/worker-development.ts';
import { meDevelopmentRoutes } from '#functions/api/self-service/me-development.ts';
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
    ['/v1/batches', batchRoutes(deps)],
  ],
  hiring: (deps) => [
    ['/v1/recruitments', recruitmentRoutes(deps)],
    ['/v1/transfers', transferRoutes(deps)],
    ['/v1/workers', workerRoutes(deps)],
    ['/v1/probations', probationRoutes(deps)],
  ],
  development: (deps) => [
    ['/v1/training-events', trainingEventRoutes(deps)],
    ['/v1/mentorships', mentorshipRoutes(deps)],
    ['/v1/mentors', mentorRoutes(deps)],
    ['/v1/workers', workerDevelopmentRoutes(deps)],
  ],
  careers: (deps) => [
    ['/v1/honour-cycles', honourCycleRoutes(deps)],
    ['/v1/reserve-pool', reservePoolRoutes(deps)],
    ['/v1/payroll', payrollRoutes(deps)],
    ['/v1/grade-steps', gradeStepRoutes(deps)],
    ['/v1/workers', workerCareerRoutes(deps)],
  ],
  evaluation: (deps) => [
    ['/v1/evaluation-inputs', evaluationInputRoutes(deps)],
    ['/v1/evaluations', evaluationRoutes(deps)],
    ['/v1/exit-proposals', exitProposalRoutes(deps)],
    ['/v1/workers', workerEvaluationRoutes(deps)],
    ['/v1/jobs', jobRoutes(deps)],
  ],
  'self-service': (deps) => [
    ['/v1/stats', statsRoutes(deps)],
    ['/v1/me', meRoutes(deps)],
    ['/v1/me', meCareerRoutes(deps)],
    ['/v1/me', meEvaluationRoutes(deps)],
    ['/v1/me', meDevelopmentRoutes(deps)],
  ],
};
