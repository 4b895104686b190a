import type { Mount } from '#functions/api/mount.ts';
import { accountRoutes, workerAccountRoutes } from '#functions/api/hiring/accounts.ts';
import {
  contractReminderRoutes,
  contractRoutes,
  probationRoutes,
  workerRoutes,
} from '#functions/api/hiring/workers.ts';
import { onboardingRoutes } from '#functions/api/hiring/onboarding.ts';
import { recruitmentRoutes } from '#functions/api/hiring/recruitments.ts';
import { transferRoutes } from '#functions/api/hiring/transfers.ts';
import type { Dependencies } from '#functions/dependencies.ts';

/**
 * The 'hiring' bounded context's sub-apps (its API Gateway prefixes are in manifest.ts). Its Lambda
 * bundles only these; local mode mounts every context (contexts.ts).
 */
export const hiringMounts = (deps: Dependencies): Mount[] => [
  ['/v1/recruitments', recruitmentRoutes(deps)],
  ['/v1/transfers', transferRoutes(deps)],
  ['/v1/workers', workerRoutes(deps)],
  ['/v1/workers', workerAccountRoutes(deps)],
  ['/v1/accounts', accountRoutes(deps)],
  ['/v1/probations', probationRoutes(deps)],
  ['/v1/onboarding', onboardingRoutes(deps)],
  ['/v1/contracts', contractRoutes(deps)],
  ['/v1/contract-reminders', contractReminderRoutes(deps)],
];
