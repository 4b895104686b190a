import type { Mount } from '#functions/api/mount.ts';
import { evaluationInputRoutes } from '#functions/api/evaluation/evaluation-inputs.ts';
import { evaluationRoutes } from '#functions/api/evaluation/evaluations.ts';
import { exitProposalRoutes } from '#functions/api/evaluation/exit-proposals.ts';
import { jobRoutes } from '#functions/api/evaluation/jobs.ts';
import { workerEvaluationRoutes } from '#functions/api/evaluation/worker-evaluations.ts';
import type { Dependencies } from '#functions/dependencies.ts';

/**
 * The 'evaluation' bounded context's sub-apps (its API Gateway prefixes are in manifest.ts). Its Lambda
 * bundles only these; local mode mounts every context (contexts.ts).
 */
export const evaluationMounts = (deps: Dependencies): Mount[] => [
  ['/v1/evaluation-inputs', evaluationInputRoutes(deps)],
  ['/v1/evaluations', evaluationRoutes(deps)],
  ['/v1/exit-proposals', exitProposalRoutes(deps)],
  ['/v1/workers', workerEvaluationRoutes(deps)],
  ['/v1/jobs', jobRoutes(deps)],
];
